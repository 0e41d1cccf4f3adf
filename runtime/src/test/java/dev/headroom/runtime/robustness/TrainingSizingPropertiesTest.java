package dev.headroom.runtime.robustness;

import static dev.headroom.runtime.robustness.Sanity.assertRenders;
import static dev.headroom.runtime.robustness.Sanity.assertSane;
import static dev.headroom.runtime.robustness.Sanity.bounded;
import static dev.headroom.runtime.robustness.Sanity.has;
import static dev.headroom.runtime.robustness.Sanity.hasError;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.training.DataPlaneAnalysis;
import dev.headroom.runtime.training.DataPlaneInput;
import dev.headroom.runtime.training.DataPlaneSizing;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.training.TrainingInput;
import dev.headroom.runtime.training.TrainingSizing;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Training and data-plane sizing are total: whatever a job declares, they answer, never throw. */
class TrainingSizingPropertiesTest extends EngineInputs {

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void trainingAnalysisIsTotalAndItsFiguresSane(@ForAll("trainings") TrainingInput input) {
    TrainingAnalysis analysis =
        bounded("TrainingSizing.analyse", () -> TrainingSizing.analyse(input));

    assertSame(input, analysis.input());
    assertSane(analysis);
    if (analysis.figures().isEmpty()) {
      assertTrue(hasError(analysis.findings()), analysis.findings().toString());
    }
    assertRenders(List.of(analysis));
    Statistics.label("sized").collect(analysis.figures().isPresent());
    Statistics.label("sized").coverage(coverage ->
        coverage.check(true).percentage(share -> share >= 15));
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void dataPlaneAnalysisIsTotalAndItsFiguresSane(
      @ForAll("trainings") TrainingInput training, @ForAll("dataPlanes") DataPlaneInput input) {
    TrainingAnalysis job =
        bounded("TrainingSizing.analyse", () -> TrainingSizing.analyse(training));
    DataPlaneAnalysis analysis =
        bounded("DataPlaneSizing.analyse", () -> DataPlaneSizing.analyse(input, job));

    assertSame(input, analysis.input());
    assertSane(analysis);
    if (analysis.figures().isEmpty() && job.figures().isPresent()) {
      assertTrue(hasError(analysis.findings()), analysis.findings().toString());
    }
    assertRenders(List.of(job, analysis));
    Statistics.label("sized").collect(analysis.figures().isPresent());
    Statistics.label("sized").coverage(coverage ->
        coverage.check(true).percentage(share -> share >= 10));
  }

  /**
   * A valid job whose activations per layer, s × b × (34 × h + 5 × a × s), exceed a {@code
   * long} is an overflow error: 1,024 or more heads and sequences of 50 million tokens or more.
   */
  @Property(tries = 60)
  void activationsBeyondALongAreAnOverflow(
      @ForAll @IntRange(min = 50_000_000, max = 100_000_000) int sequenceLength,
      @ForAll @IntRange(min = 10, max = 12) int headsLog2,
      @ForAll Gpu gpu,
      @ForAll ZeroStage zero,
      @ForAll Optimizer optimizer) {
    int heads = 1 << headsLog2;
    ModelShape model = new ModelShape(
        "wide", 0, 4, heads * 128, heads, 8, 0, 4096, 32_000, false, Precision.BF16);
    TrainingInput input = new TrainingInput("Pretraining", model, GpuCatalog.spec(gpu), 1,
        ReplicaSplit.single(), zero, sequenceLength, sequenceLength, 1, 86_400, 0.40, optimizer,
        Recompute.NONE, 5.0, 0);
    BigInteger perLayer = BigInteger.valueOf(sequenceLength).multiply(
        BigInteger.valueOf(34L * model.hiddenSize() + 5L * heads * sequenceLength));
    assertTrue(perLayer.bitLength() > 63, perLayer::toString);

    TrainingAnalysis analysis =
        bounded("TrainingSizing.analyse", () -> TrainingSizing.analyse(input));

    assertTrue(has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings().toString());
    assertTrue(analysis.figures().isEmpty());
    assertSane(analysis);
    assertRenders(List.of(analysis));
  }

  /**
   * A valid data plane whose prefetch buffer, bytes per token × tokens per rank × prefetch
   * batches, exceeds a {@code long} is an overflow error: 10^12 tokens per rank here.
   */
  @Property(tries = 60)
  void prefetchBeyondALongIsAnOverflow(
      @ForAll @DoubleRange(min = 1e5, max = 1e6) double bytesPerToken,
      @ForAll @IntRange(min = 100, max = 1_000) int prefetchBatches,
      @ForAll Gpu gpu) {
    ModelShape tiny = new ModelShape("tiny", 0, 1, 64, 1, 1, 0, 64, 64, false, Precision.BF16);
    TrainingInput training = new TrainingInput("Pretraining", tiny, GpuCatalog.spec(gpu), 1,
        ReplicaSplit.single(), ZeroStage.NONE, 1_000_000_000_000L, 1, 1, 86_400, 0.40,
        Optimizer.ADAMW, Recompute.NONE, 5.0, 0);
    DataPlaneInput input =
        new DataPlaneInput("Data", bytesPerToken, 10, prefetchBatches, true, 6_335, 100);
    TrainingAnalysis job =
        bounded("TrainingSizing.analyse", () -> TrainingSizing.analyse(training));
    assertTrue(job.figures().isPresent(), job.findings().toString());

    DataPlaneAnalysis analysis =
        bounded("DataPlaneSizing.analyse", () -> DataPlaneSizing.analyse(input, job));

    assertTrue(has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings().toString());
    assertTrue(analysis.figures().isEmpty());
    assertSane(analysis);
    assertRenders(List.of(job, analysis));
  }
}
