package dev.headroom.runtime.serving;

import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * The single changes that move a fleet's GPU count, each re-sized by the same engine: the levers
 * of the capstone design's stage 1 (quantize, size KV for the average request, shorten outputs,
 * lower the arrival rate).
 */
final class Levers {
  private Levers() {}

  /** Returns the levers that apply to {@code input}, in a fixed order, with their effect. */
  static List<Lever> forBudget(FleetInput input, FleetFigures current) {
    List<Lever> levers = new ArrayList<>();
    boolean wideWeights = input.servedWeights().bitsPerElement() > 8;
    boolean wideKv = input.servedKvCache().bitsPerElement() > 8;
    if (wideWeights && input.gpu().hasFp8()) {
      levers.add(lever("weights = FP8, kvCache = FP8",
          input.withPrecisions(Precision.FP8, Precision.FP8)));
    }
    if (wideKv && input.gpu().hasFp8()) {
      levers.add(lever("kvCache = FP8",
          input.withPrecisions(input.servedWeights(), Precision.FP8)));
    }
    if (input.kvSizing() == KvSizing.PEAK) {
      levers.add(lever("kvSizing = AVERAGE", input.withKvSizing(KvSizing.AVERAGE)));
    }
    Traffic traffic = input.traffic();
    int output = Ladder.longestFittingOutput(input);
    if (output > 0 && output < traffic.outputTokens()) {
      levers.add(lever("outputTokens = " + Units.count(output), input.withTraffic(
          traffic.with(traffic.requestsPerSecond(), traffic.promptTokens(), output))));
    }
    double rate = Ladder.sustainableRate(input, current);
    if (rate > 0 && rate < traffic.requestsPerSecond()) {
      levers.add(lever("requestsPerSecond = " + Units.fixed(rate, 2),
          input.withTraffic(traffic.with(rate, traffic.promptTokens(), traffic.outputTokens()))));
    }
    // A lever that does not lower the GPUs needed (the replicas were not what it limits) is no
    // lever here.
    levers.removeIf(lever -> lever.figures().gpusNeeded() >= current.gpusNeeded());
    return List.copyOf(levers);
  }

  /** Returns "; or ..." naming the levers that each close the gap alone, or "" when none does. */
  static String summary(List<Lever> levers) {
    List<String> closing = new ArrayList<>();
    for (Lever lever : levers) {
      if (lever.closesGap()) {
        closing.add(lever.change() + " (" + Units.count(lever.figures().gpusNeeded()) + " GPUs)");
      }
    }
    if (closing.isEmpty()) {
      return "";
    }
    return closing.size() == 1
        ? "; or this change, which closes the gap alone: " + closing.get(0)
        : "; or any of these changes, each closing the gap alone: " + String.join("; ", closing);
  }

  private static Lever lever(String change, FleetInput changed) {
    return new Lever(change, FleetSizing.figures(changed));
  }
}
