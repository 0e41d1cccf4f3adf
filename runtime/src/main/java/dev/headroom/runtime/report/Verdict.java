package dev.headroom.runtime.report;

import java.util.List;
import java.util.Locale;

/** The outcome of a stage or a design. */
public enum Verdict {
  /** Every budget, fit and SLO holds with room to spare. */
  PASS,
  /** Everything holds, but something deserves a second look (see the warnings). */
  WARN,
  /** A budget, fit or SLO is broken, or an input is invalid. */
  FAIL;

  /** Returns the lower-case name used in the JSON report and the doc. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns FAIL if any finding is an error, WARN if any is a warning, else PASS. */
  public static Verdict of(List<Finding> findings) {
    Verdict verdict = PASS;
    for (Finding finding : findings) {
      if (finding.severity() == Severity.ERROR) {
        return FAIL;
      }
      if (finding.severity() == Severity.WARNING) {
        verdict = WARN;
      }
    }
    return verdict;
  }
}
