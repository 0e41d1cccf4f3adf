package dev.headroom.runtime.report;

import java.util.Map;

/** What every stage's figures have: each figure under its report name. */
public interface StageFigures {
  /**
   * Returns every figure by its report name, in declaration order: the keys of the JSON report
   * and the constructor order of the typed report.
   */
  Map<String, ?> byName();
}
