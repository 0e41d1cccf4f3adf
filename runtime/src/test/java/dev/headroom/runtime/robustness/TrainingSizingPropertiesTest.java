package dev.headroom.runtime.robustness;

import static dev.headroom.runtime.robustness.Sanity.assertRenders;
import static dev.headroom.runtime.robustness.Sanity.assertSane;
import static dev.headroom.runtime.robustness.Sanity.has;
import static dev.headroom.runtime.robustness.Sanity.hasError;
import static dev.headroom.runtime.robustness.SeededCases.assertNoNegativeCount;
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
import org.junit.jupiter.api.Test;

/** Training and data-plane sizing are total: whatever a job declares, they answer, never throw. */
class TrainingSizingPropertiesTest {

  /** A training job and the data plane that feeds it. */
  private record Job(TrainingInput training, DataPlaneInput plane) {}

  @Test
  void trainingAnalysisIsTotalAndItsFiguresSane() {
    SeededCases.check(0x5EED_7A1DL, 1_000, 15,
        (random, index) -> EngineInputs.training(random), input -> {
          TrainingAnalysis analysis = TrainingSizing.analyse(input);

          assertSame(input, analysis.input());
          assertSane(analysis);
          assertNoNegativeCount(analysis.name(), analysis.figuresByName());
          if (analysis.figures().isEmpty()) {
            assertTrue(hasError(analysis.findings()), analysis.findings()::toString);
          }
          assertRenders(List.of(analysis));
          return analysis.figures().isPresent();
        });
  }

  @Test
  void dataPlaneAnalysisIsTotalAndItsFiguresSane() {
    SeededCases.check(0x5EED_DA7AL, 1_000, 10,
        (random, index) -> new Job(EngineInputs.training(random), EngineInputs.dataPlane(random)),
        job -> {
          TrainingAnalysis training = TrainingSizing.analyse(job.training());
          DataPlaneAnalysis analysis = DataPlaneSizing.analyse(job.plane(), training);

          assertSame(job.plane(), analysis.input());
          assertSane(analysis);
          assertNoNegativeCount(analysis.name(), analysis.figuresByName());
          if (analysis.figures().isEmpty() && training.figures().isPresent()) {
            assertTrue(hasError(analysis.findings()), analysis.findings()::toString);
          }
          assertRenders(List.of(training, analysis));
          return analysis.figures().isPresent();
        });
  }

  /**
   * A valid job whose activations per layer, s × b × (34 × h + 5 × a × s), exceed a {@code
   * long} is an overflow error: 1,024 or more heads and sequences of 50 million tokens or more.
   */
  @Test
  void activationsBeyondALongAreAnOverflow() {
    SeededCases.check(0x0FE7_AC7L, 60, 0, (random, index) -> {
      int sequenceLength = 50_000_000 + random.nextInt(50_000_001);
      int heads = 1 << (10 + random.nextInt(3));
      // Each GPU, ZeRO stage and optimizer in turn.
      Gpu gpu = Gpu.values()[index % Gpu.values().length];
      ZeroStage zero = ZeroStage.values()[index % ZeroStage.values().length];
      Optimizer optimizer = Optimizer.values()[index % Optimizer.values().length];
      ModelShape model = new ModelShape(
          "wide", 0, 4, heads * 128, heads, 8, 0, 4096, 32_000, false, Precision.BF16);
      return new TrainingInput("Pretraining", model, GpuCatalog.spec(gpu), 1,
          ReplicaSplit.single(), zero, sequenceLength, sequenceLength, 1, 86_400, 0.40,
          optimizer, Recompute.NONE, 5.0, 0);
    }, input -> {
      ModelShape model = input.model();
      BigInteger perLayer = BigInteger.valueOf(input.sequenceLength()).multiply(BigInteger.valueOf(
          34L * model.hiddenSize() + 5L * model.attentionHeads() * input.sequenceLength()));
      assertTrue(perLayer.bitLength() > 63, perLayer::toString);

      TrainingAnalysis analysis = TrainingSizing.analyse(input);

      assertTrue(has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings()::toString);
      assertTrue(analysis.figures().isEmpty());
      assertSane(analysis);
      assertRenders(List.of(analysis));
      return false;
    });
  }

  /**
   * A valid data plane whose prefetch buffer, bytes per token × tokens per rank × prefetch
   * batches, exceeds a {@code long} is an overflow error: 10^12 tokens per rank here.
   */
  @Test
  void prefetchBeyondALongIsAnOverflow() {
    SeededCases.check(0x0FE7_DA7AL, 60, 0, (random, index) -> {
      ModelShape tiny = new ModelShape("tiny", 0, 1, 64, 1, 1, 0, 64, 64, false, Precision.BF16);
      Gpu gpu = Gpu.values()[index % Gpu.values().length];
      TrainingInput training = new TrainingInput("Pretraining", tiny, GpuCatalog.spec(gpu), 1,
          ReplicaSplit.single(), ZeroStage.NONE, 1_000_000_000_000L, 1, 1, 86_400, 0.40,
          Optimizer.ADAMW, Recompute.NONE, 5.0, 0);
      double bytesPerToken = 1e5 + 9e5 * random.nextDouble();
      int prefetchBatches = 100 + random.nextInt(901);
      return new Job(training,
          new DataPlaneInput("Data", bytesPerToken, 10, prefetchBatches, true, 6_335, 100));
    }, job -> {
      TrainingAnalysis training = TrainingSizing.analyse(job.training());
      assertTrue(training.figures().isPresent(), training.findings()::toString);

      DataPlaneAnalysis analysis = DataPlaneSizing.analyse(job.plane(), training);

      assertTrue(has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings()::toString);
      assertTrue(analysis.figures().isEmpty());
      assertSane(analysis);
      assertRenders(List.of(training, analysis));
      return false;
    });
  }
}
