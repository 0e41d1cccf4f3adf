package dev.headroom.runtime.report;

/** How serious a finding is; an ERROR fails the build. */
public enum Severity {
  /** A budget, fit or SLO is broken, or an input is invalid. */
  ERROR,
  /** A thin margin or a suspicious input. */
  WARNING,
  /** Information, such as the one-line summary of a design. */
  NOTE;

  /** Returns the lower-case name used in the JSON report. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
