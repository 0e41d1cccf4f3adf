package dev.headroom.runtime.robustness;

import static dev.headroom.runtime.robustness.Sanity.assertFigures;
import static dev.headroom.runtime.robustness.Sanity.assertRenders;
import static dev.headroom.runtime.robustness.Sanity.assertSane;
import static dev.headroom.runtime.robustness.Sanity.has;
import static dev.headroom.runtime.robustness.Sanity.hasError;
import static dev.headroom.runtime.robustness.SeededCases.assertNoNegativeCount;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.robustness.EngineInputs.FleetCase;
import dev.headroom.runtime.serving.BaselineChanges;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.HandEstimate;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.Lever;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import dev.headroom.runtime.serving.WalkStep;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@code FleetSizing.analyse} is total: whatever a fleet declares, it answers, never throws. */
class FleetSizingPropertiesTest {

  /** The largest count a hand estimate may give, as {@code FleetValidation} accepts it. */
  private static final long MAX_ESTIMATE = 1_000_000_000_000L;

  @Test
  void analysisIsTotalAndItsFiguresSane() {
    SeededCases.check(0x5EED_F1EE7L, 1_000, 15,
        (random, index) -> EngineInputs.fleet(random), FleetSizingPropertiesTest::sane);
  }

  /** Checks one fleet's analysis; returns whether it was sized. */
  private static boolean sane(FleetCase fleet) {
    FleetAnalysis analysis =
        FleetSizing.analyse(fleet.input(), fleet.baseline(), fleet.estimate());

    assertSame(fleet.input(), analysis.input());
    assertSane(analysis);
    assertNoNegativeCount(analysis.name(), analysis.figuresByName());
    if (analysis.figures().isEmpty()) {
      assertTrue(hasError(analysis.findings()), analysis.findings().toString());
    }
    analysis.nominalFigures().ifPresent(nominal -> assertSized("nominal", nominal));
    for (Lever lever : analysis.levers()) {
      assertSized(lever.change(), lever.figures());
    }
    for (WalkStep step : analysis.walk()) {
      step.figures().ifPresent(figures -> assertSized(step.change(), figures));
    }
    // A hand estimate's counts are validated: one out of range is an error on it.
    if (fleet.estimate().filter(FleetSizingPropertiesTest::outOfRange).isPresent()) {
      assertTrue(analysis.findings().stream().anyMatch(finding ->
          finding.diagnostic() == Diagnostic.INPUT_RANGE
              && finding.subject().anchor() == Anchor.ESTIMATE),
          analysis.findings()::toString);
    }
    if (fleet.baseline().flatMap(BaselineChanges::estimate)
        .filter(FleetSizingPropertiesTest::outOfRange).isPresent()) {
      assertTrue(analysis.findings().stream().anyMatch(finding ->
          finding.diagnostic() == Diagnostic.INPUT_RANGE
              && finding.subject().anchor() == Anchor.BASELINE_ESTIMATE),
          analysis.findings()::toString);
    }
    assertRenders(List.of(analysis));
    return analysis.figures().isPresent();
  }

  private static void assertSized(String where, FleetFigures figures) {
    assertFigures(where, figures.byName());
    assertNoNegativeCount(where, figures.byName());
  }

  private static boolean outOfRange(HandEstimate estimate) {
    return LongStream.of(estimate.requestsPerReplica(), estimate.replicas(),
        estimate.gpusNeeded()).anyMatch(count -> count < 0 || count > MAX_ESTIMATE);
  }

  /**
   * A valid fleet whose requests in flight, λ · W, exceed a {@code long} is an overflow error:
   * W = TTFT + output × TPOT reaches 5 × 10^10 s here, and λ at least 5 × 10^8 /s.
   */
  @Test
  void requestsInFlightBeyondALongAreAnOverflow() {
    SeededCases.check(0x0FE7_F1EE7L, 60, 0, (random, index) -> {
      ModelShape model = new ModelShape(
          "Llama-3-8B", 0, 32, 4096, 32, 8, 0, 14336, 128256, false, Precision.BF16);
      double requestsPerSecond = 5e8 + 5e8 * random.nextDouble();
      int outputTokens = 50_000_000 + random.nextInt(50_000_001);
      double tpotMillis = 1e6 + 2.6e6 * random.nextDouble();
      // Each GPU, weight precision and KV sizing in turn.
      Gpu gpu = Gpu.values()[index % Gpu.values().length];
      Precision weights = Precision.values()[index % Precision.values().length];
      KvSizing kvSizing = KvSizing.values()[index % KvSizing.values().length];
      return new FleetInput("Serving", model,
          new Traffic(requestsPerSecond, 1_000, outputTokens), new LatencySlo(1_000, tpotMillis),
          GpuCatalog.spec(gpu), 1_024, ReplicaSplit.single(), weights, Precision.INHERIT, 5.0,
          kvSizing, 0.40);
    }, input -> {
      BigDecimal inFlight = FleetSizing.requestSeconds(input.slo(), input.traffic())
          .multiply(BigDecimal.valueOf(input.traffic().requestsPerSecond()));
      assertTrue(inFlight.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0, inFlight::toString);

      FleetAnalysis analysis = FleetSizing.analyse(input, Optional.empty(), Optional.empty());

      assertTrue(has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings()::toString);
      assertTrue(analysis.figures().isEmpty());
      assertSane(analysis);
      assertRenders(List.of(analysis));
      return false;
    });
  }
}
