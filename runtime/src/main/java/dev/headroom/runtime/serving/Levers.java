package dev.headroom.runtime.serving;

import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    longestFittingOutput(input).ifPresent(levers::add);
    Traffic traffic = input.traffic();
    double rate = sustainableRate(input, current);
    if (rate > 0 && rate < traffic.requestsPerSecond()) {
      levers.add(lever("requestsPerSecond = " + Units.fixed(rate, 2),
          input.withTraffic(new Traffic(rate, traffic.promptTokens(), traffic.outputTokens()))));
    }
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

  /** Returns the largest output length that fits the budget, found by bisection, if any. */
  private static Optional<Lever> longestFittingOutput(FleetInput input) {
    Traffic traffic = input.traffic();
    int low = 0;
    int high = traffic.outputTokens() - 1;
    while (low < high) {
      int middle = low + (high - low + 1) / 2;
      if (fits(input, withOutput(traffic, middle))) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    if (low == 0) {
      return Optional.empty();
    }
    return Optional.of(
        lever("outputTokens = " + Units.count(low), input.withTraffic(withOutput(traffic, low))));
  }

  private static boolean fits(FleetInput input, Traffic traffic) {
    FleetFigures figures = FleetSizing.figures(input.withTraffic(traffic));
    return figures.replicas() > 0 && figures.gpusNeeded() <= input.gpus();
  }

  private static Traffic withOutput(Traffic traffic, int outputTokens) {
    return new Traffic(traffic.requestsPerSecond(), traffic.promptTokens(), outputTokens);
  }

  /**
   * Returns the arrival rate the budget carries: whole replicas the budget holds × requests per
   * replica / W, rounded down to 0.01 requests per second.
   */
  private static double sustainableRate(FleetInput input, FleetFigures current) {
    long replicas = input.gpus() / current.gpusPerReplica();
    double rate = (double) replicas * current.requestsPerReplica() / current.requestSeconds();
    return Math.floor(rate * 100) / 100;
  }
}
