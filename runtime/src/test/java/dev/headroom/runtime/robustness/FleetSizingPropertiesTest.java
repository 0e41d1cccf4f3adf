package dev.headroom.runtime.robustness;

import static dev.headroom.runtime.robustness.Sanity.assertFigures;
import static dev.headroom.runtime.robustness.Sanity.assertRenders;
import static dev.headroom.runtime.robustness.Sanity.assertSane;
import static dev.headroom.runtime.robustness.Sanity.bounded;
import static dev.headroom.runtime.robustness.Sanity.has;
import static dev.headroom.runtime.robustness.Sanity.hasError;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.Lever;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import dev.headroom.runtime.serving.WalkStep;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** {@code FleetSizing.analyse} is total: whatever a fleet declares, it answers, never throws. */
class FleetSizingPropertiesTest extends EngineInputs {

  @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
  void analysisIsTotalAndItsFiguresSane(@ForAll("fleets") FleetCase fleet) {
    FleetAnalysis analysis = bounded("FleetSizing.analyse",
        () -> FleetSizing.analyse(fleet.input(), fleet.baseline(), fleet.estimate()));

    assertSame(fleet.input(), analysis.input());
    assertSane(analysis);
    if (analysis.figures().isEmpty()) {
      assertTrue(hasError(analysis.findings()), analysis.findings().toString());
    }
    analysis.nominalFigures().ifPresent(nominal -> assertFigures("nominal", nominal.byName()));
    for (Lever lever : analysis.levers()) {
      assertFigures(lever.change(), lever.figures().byName());
    }
    for (WalkStep step : analysis.walk()) {
      step.figures().ifPresent(figures -> assertFigures(step.change(), figures.byName()));
    }
    assertRenders(List.of(analysis));
    Statistics.label("sized").collect(analysis.figures().isPresent());
    Statistics.label("sized").coverage(coverage ->
        coverage.check(true).percentage(share -> share >= 15));
  }

  /**
   * A valid fleet whose requests in flight, λ · W, exceed a {@code long} is an overflow error:
   * W = TTFT + output × TPOT reaches 5 × 10^10 s here, and λ at least 5 × 10^8 /s.
   */
  @Property(tries = 60)
  void requestsInFlightBeyondALongAreAnOverflow(
      @ForAll @DoubleRange(min = 5e8, max = 1e9) double requestsPerSecond,
      @ForAll @IntRange(min = 50_000_000, max = 100_000_000) int outputTokens,
      @ForAll @DoubleRange(min = 1e6, max = 3.6e6) double tpotMillis,
      @ForAll Gpu gpu,
      @ForAll Precision weights,
      @ForAll KvSizing kvSizing) {
    ModelShape model = new ModelShape(
        "Llama-3-8B", 0, 32, 4096, 32, 8, 0, 14336, 128256, false, Precision.BF16);
    FleetInput input = new FleetInput("Serving", model,
        new Traffic(requestsPerSecond, 1_000, outputTokens), new LatencySlo(1_000, tpotMillis),
        GpuCatalog.spec(gpu), 1_024, ReplicaSplit.single(), weights, Precision.INHERIT, 5.0,
        kvSizing, 0.40);
    BigDecimal inFlight = FleetSizing.requestSeconds(input.slo(), input.traffic())
        .multiply(BigDecimal.valueOf(requestsPerSecond));
    assertTrue(inFlight.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0, inFlight::toString);

    FleetAnalysis analysis = bounded("FleetSizing.analyse",
        () -> FleetSizing.analyse(input, Optional.empty(), Optional.empty()));

    assertTrue(has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings().toString());
    assertTrue(analysis.figures().isEmpty());
    assertSane(analysis);
    assertRenders(List.of(analysis));
  }
}
