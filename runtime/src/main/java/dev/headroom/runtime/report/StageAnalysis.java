package dev.headroom.runtime.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Headroom concluded about one stage of a design, whatever its kind: the part of a
 * fleet's, training job's or data plane's analysis that the summary, the JSON report and the
 * design's verdict are written from.
 */
public interface StageAnalysis {
  /** Returns the stage's inputs as declared. */
  StageInput input();

  /** Returns the stage's figures; empty when it was not sized. */
  Optional<? extends StageFigures> figures();

  /** Returns the stage's name: the simple name of the type that declares it. */
  default String name() {
    return input().name();
  }

  /** Returns what kind of stage this is. */
  StageKind kind();

  /** Returns pass, warn or fail. */
  Verdict verdict();

  /** Returns the constraint that decides the stage's outcome. */
  Constraint binding();

  /** Returns the errors, warnings and notes, in the order they were found. */
  List<Finding> findings();

  /**
   * Returns every figure by its report name, or an empty map when the stage was not sized:
   * numbers ({@code Long} for counts and bytes, {@code Double} otherwise), and text for the few
   * figures that name something.
   */
  default Map<String, ?> figuresByName() {
    return figures().<Map<String, ?>>map(StageFigures::byName).orElse(Map.of());
  }

  /** Returns the stage in one clause for the design's summary, e.g. {@code needs 576 of ...}. */
  String summary();

  /**
   * Returns what the stage uses against what it has, for the summary table, e.g. {@code 576 /
   * 1,024 GPUs}; {@code not sized} when it was not sized.
   */
  String usage();

  /** Returns the margin against the stage's limit, e.g. {@code 43.8% spare}, or {@code n/a}. */
  String margin();

  /** Returns {@code 1 input error} or {@code N input errors}: why a stage was not sized. */
  static String errorCount(List<Finding> findings) {
    long errors = findings.stream()
        .filter(finding -> finding.severity() == Severity.ERROR)
        .count();
    return errors + (errors == 1 ? " input error" : " input errors");
  }
}
