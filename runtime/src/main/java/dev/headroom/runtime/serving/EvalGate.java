package dev.headroom.runtime.serving;

import static dev.headroom.runtime.report.Anchor.EVAL_GATE;
import static dev.headroom.runtime.report.Anchor.FLEET;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An evaluation gate a deploy of a fleet must pass ({@code @EvalGate}): the metric a suite
 * reports must reach the threshold.
 *
 * @param suite the evaluation suite
 * @param metric the metric the suite reports
 * @param threshold the value the metric must reach, in the metric's own unit
 * @param atMost whether the metric must stay at or below the threshold instead of above it
 */
public record EvalGate(String suite, String metric, double threshold, boolean atMost) {

  /**
   * Returns the errors in the values of every gate, each pointing at its gate by the order the
   * gates were read in and, when there are several, naming it by its suite in the message:
   * javac cannot place a message inside repeated annotations, whose container it makes up.
   */
  public static List<Finding> problems(List<EvalGate> gates) {
    List<Finding> problems = new ArrayList<>();
    for (int i = 0; i < gates.size(); i++) {
      String which = gates.size() == 1 ? ""
          : "@EvalGate(suite = " + quoted(gates.get(i).suite()) + "): ";
      for (Finding problem : gates.get(i).problems()) {
        problems.add(new Finding(problem.diagnostic(), which + problem.message(),
            problem.subject().at(i)));
      }
    }
    return problems;
  }

  /** Returns the errors in this gate's own values: a blank suite or metric, an infinite bar. */
  public List<Finding> problems() {
    List<Finding> problems = new ArrayList<>();
    if (suite.isBlank()) {
      problems.add(Diagnostic.INPUT_RANGE.at(Subject.of(EVAL_GATE, "suite"), "suite",
          quoted(suite),
          "the evaluation suite's name", "name the suite, e.g. suite = \"AIME 2025\""));
    }
    if (metric.isBlank()) {
      problems.add(Diagnostic.INPUT_RANGE.at(Subject.of(EVAL_GATE, "metric"), "metric",
          quoted(metric),
          "the metric the suite reports", "name the metric, e.g. metric = \"pass@1\""));
    }
    if (!Double.isFinite(threshold)) {
      problems.add(Diagnostic.INPUT_RANGE.at(Subject.of(EVAL_GATE, "threshold"), "threshold",
          Units.number(threshold), "a finite value of the metric", "write the value to reach"));
    }
    return problems;
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  /** Returns the gate as the doc lists it, e.g. {@code AIME 2025: pass@1 ≥ 0.7}. */
  public String rule() {
    return suite + ": " + metric + (atMost ? " ≤ " : " ≥ ") + Units.number(threshold);
  }

  /**
   * Returns the error for a fleet that serves below BF16 without any gate, or empty. Weights
   * count as quantized when they are served in fewer bits than both BF16 and the checkpoint's
   * own dtype (a checkpoint published in FP8, served in FP8, is not requantized); the KV cache
   * when it is stored in fewer bits than BF16.
   */
  public static Optional<Finding> missing(FleetInput input, List<EvalGate> gates) {
    if (!gates.isEmpty()) {
      return Optional.empty();
    }
    double bf16 = Precision.BF16.bitsPerElement();
    double checkpoint = input.model().dtype().bitsPerElement();
    boolean weights = input.servedWeights().bitsPerElement() < Math.min(bf16, checkpoint);
    boolean kv = input.servedKvCache().bitsPerElement() < bf16;
    if (!weights && !kv) {
      return Optional.empty();
    }
    String served = weights && kv
        ? "weights in " + input.servedWeights() + " and KV cache in " + input.servedKvCache()
        : weights ? "weights in " + input.servedWeights() : "KV cache in " + input.servedKvCache();
    String fallback = weights ? "weights = " + input.model().dtype() : "kvCache = BF16";
    return Optional.of(Diagnostic.EVAL_GATE.at(Subject.of(FLEET, weights ? "weights" : "kvCache"),
        "fleet " + input.name() + " serves " + served, input.name(), fallback));
  }
}
