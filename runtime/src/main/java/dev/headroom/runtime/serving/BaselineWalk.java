package dev.headroom.runtime.serving;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays a revision: starts from the baseline a {@code @Baseline} describes and applies each
 * change in turn (weights, KV cache, tensor, prompt, output, rate), sizing the fleet after each,
 * so the doc shows what every change bought.
 */
final class BaselineWalk {
  private BaselineWalk() {}

  /** Returns the fleet as it was before the revision: {@code revised} with the old values. */
  static FleetInput baselineInput(FleetInput revised, BaselineChanges before) {
    Traffic now = revised.traffic();
    Precision weights = orElse(before.weights(), revised.servedWeights());
    // A fleet whose KV cache follows its weights had a baseline whose KV followed the baseline's.
    Precision kvNow = revised.kvCache() == Precision.INHERIT ? weights : revised.servedKvCache();
    FleetInput pool = before.prefillPool()
        ? revised
        : revised.withPrefill(0, ReplicaSplit.single());
    return pool
        .withPrecisions(weights, orElse(before.kvCache(), kvNow))
        .withSplit(revised.split().withTensor(
            before.tensor() > 0 ? before.tensor() : revised.split().tensor()))
        .withTraffic(now.with(
            before.requestsPerSecond() > 0 ? before.requestsPerSecond() : now.requestsPerSecond(),
            before.promptTokens() > 0 ? before.promptTokens() : now.promptTokens(),
            before.outputTokens() > 0 ? before.outputTokens() : now.outputTokens()));
  }

  /** Returns the baseline step followed by one step per changed value. */
  static List<WalkStep> walk(FleetInput revised, BaselineChanges before) {
    Traffic now = revised.traffic();
    FleetInput step = baselineInput(revised, before);
    Precision weightsBefore = step.servedWeights();
    Precision kvBefore = step.servedKvCache();
    int tensorBefore = step.split().tensor();
    int promptBefore = step.traffic().promptTokens();
    int outputBefore = step.traffic().outputTokens();
    double rateBefore = step.traffic().requestsPerSecond();
    List<WalkStep> steps = new ArrayList<>();
    steps.add(size("baseline: " + before.name() + " (weights " + weightsBefore + ", KV cache "
        + kvBefore + ", tensor " + tensorBefore + ", " + Units.count(promptBefore) + " + "
        + Units.count(outputBefore) + " tokens, " + Units.number(rateBefore) + " requests/s"
        + (step.disaggregated() == revised.disaggregated() ? "" : ", no prefill pool") + ")",
        step));

    if (weightsBefore != revised.servedWeights()) {
      step = step.withPrecisions(revised.servedWeights(), step.servedKvCache());
      steps.add(size("weights " + weightsBefore + " → " + revised.servedWeights(), step));
    }
    if (kvBefore != revised.servedKvCache()) {
      step = step.withPrecisions(step.servedWeights(), revised.servedKvCache());
      steps.add(size("kvCache " + kvBefore + " → " + revised.servedKvCache(), step));
    }
    if (tensorBefore != revised.split().tensor()) {
      step = step.withSplit(revised.split());
      steps.add(size("tensor " + tensorBefore + " → " + revised.split().tensor(), step));
    }
    if (step.disaggregated() != revised.disaggregated()) {
      step = step.withPrefill(revised.prefillGpus(), revised.prefillSplit());
      steps.add(size("prefill pool: none → " + Units.count(revised.prefillGpus()) + " GPUs"
          + " (tensor " + revised.prefillSplit().tensor() + ")", step));
    }
    if (promptBefore != now.promptTokens()) {
      step = step.withTraffic(now.with(rateBefore, now.promptTokens(), outputBefore));
      steps.add(size("promptTokens " + Units.count(promptBefore) + " → "
          + Units.count(now.promptTokens()), step));
    }
    if (outputBefore != now.outputTokens()) {
      step = step.withTraffic(now.with(rateBefore, now.promptTokens(), now.outputTokens()));
      steps.add(size("outputTokens " + Units.count(outputBefore) + " → "
          + Units.count(now.outputTokens()), step));
    }
    if (rateBefore != now.requestsPerSecond()) {
      step = step.withTraffic(now);
      steps.add(size("requestsPerSecond " + Units.number(rateBefore) + " → "
          + Units.number(now.requestsPerSecond()), step));
    }
    return List.copyOf(steps);
  }

  private static WalkStep size(String change, FleetInput input) {
    return new WalkStep(change, sizeIfValid(input));
  }

  /** Returns the figures of {@code input}, or empty when its values do not pass validation. */
  static Optional<FleetFigures> sizeIfValid(FleetInput input) {
    boolean valid = FleetValidation.check(input).stream()
        .noneMatch(finding -> finding.severity() == Severity.ERROR);
    return valid ? Optional.of(FleetSizing.figures(input)) : Optional.empty();
  }

  private static Precision orElse(Precision before, Precision now) {
    return before == Precision.INHERIT ? now : before;
  }
}
