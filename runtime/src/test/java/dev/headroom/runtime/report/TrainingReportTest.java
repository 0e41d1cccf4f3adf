package dev.headroom.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.training.DataPlaneAnalysis;
import dev.headroom.runtime.training.DataPlaneInput;
import dev.headroom.runtime.training.DataPlaneSizing;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.training.TrainingInput;
import dev.headroom.runtime.training.TrainingSizing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON and Markdown reports of a design with the capstone's training stage (stage 2). */
class TrainingReportTest {
  private static final ModelShape LLAMA_70B = new ModelShape(
      "70B", 70e9, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);

  private static final TrainingInput CAPSTONE_TRAINING = new TrainingInput(
      "PolicyTraining", LLAMA_70B, GpuCatalog.spec(Gpu.H100_SXM), 4096,
      new ReplicaSplit(8, 1, 1, 512, 1), ZeroStage.THREE, 4_194_304, 8192, 1, 2.0, 0.40,
      Optimizer.ADAMW, Recompute.SELECTIVE, 5.0, 1e12);

  private static DesignAnalysis design() {
    TrainingAnalysis training = TrainingSizing.analyse(CAPSTONE_TRAINING);
    DataPlaneAnalysis plane = DataPlaneSizing.analyse(
        new DataPlaneInput("PolicyTraining", 4, 10, 2, true, 6335, 100), training);
    return new DesignAnalysis("com.acme.Platform", "Platform", List.of(training, plane));
  }

  /** The figure names issue #3 fixes as the JSON report's stable keys. */
  @Test
  void jsonKeepsTheTrainingFigureNames() {
    String json = JsonReport.render(design());

    for (String name : List.of("stateBytes", "stateBytesPerGpu", "activationBytesPerGpu",
        "memoryBytesPerGpu", "flopsPerStep", "stepSeconds", "gpusNeeded", "mfuNeeded",
        "tokensPerSecond", "checkpointBytes", "checkpointIntervalSeconds")) {
      assertTrue(json.contains("\"" + name + "\": "), name + " missing from " + json);
    }
    assertTrue(json.contains("\"kind\": \"training\""), json);
    assertTrue(json.contains("\"kind\": \"dataplane\""), json);
    // CAPSTONE.md stage 2: 16 bytes × 70e9 parameters = 1,120 GB, in the training stage and as
    // the data plane's checkpoint.
    assertEquals(2, json.split("\"(stateBytes|checkpointBytes)\": 1120000000000,").length - 1);
  }

  /** The doc says sequence parallelism is on whenever tensor > 1, as the issue asks. */
  @Test
  void docSaysSequenceParallelismIsOnAndShowsTheState() {
    String doc = MarkdownReport.render(design());

    assertTrue(doc.contains("Sequence parallelism is on, as it is whenever tensor > 1."), doc);
    assertTrue(doc.contains("= 1,120,000,000,000 B (1.12 TB)"), doc);
    assertTrue(doc.contains("| PolicyTraining | training | step-time |"), doc);
  }

  /**
   * Fewer than one node failure a day and no declared run length: whether the run meets one is
   * unknown, so a resume that cannot replay the batch order is a warning, not silence.
   */
  @Test
  void undeclaredRunWithoutDeterministicResumeIsAWarning() {
    // 512 nodes × 24 h / 20,000 h MTBF = 0.61 failures a day: under the one a day that is an
    // error when the run's length is unknown.
    TrainingInput unknownRun = new TrainingInput(
        "PolicyTraining", LLAMA_70B, GpuCatalog.spec(Gpu.H100_SXM), 4096,
        new ReplicaSplit(8, 1, 1, 512, 1), ZeroStage.THREE, 4_194_304, 8192, 1, 2.0, 0.40,
        Optimizer.ADAMW, Recompute.SELECTIVE, 5.0, 0);
    DataPlaneAnalysis plane = DataPlaneSizing.analyse(
        new DataPlaneInput("PolicyTraining", 4, 10, 2, false, 20_000, 100),
        TrainingSizing.analyse(unknownRun));

    assertEquals(List.of("headroom.resume-unknown"),
        plane.findings().stream().map(Finding::id).toList());
    assertTrue(plane.findings().get(0).message().contains("0.61 node failures a day"),
        plane.findings().get(0).message());
  }

  /**
   * DeepSeek-V3 in BF16 on 2,048 H100s, pipeline 16 × data 128 × expert 64, ZeRO-1: the
   * smallest layout that meets its 30 s target is data = 128, not 96, which expert 64 does not
   * divide (TrainingSizing's hand arithmetic in ExpertLayoutSuggestionsTest).
   */
  @Test
  void docsSmallestLayoutKeepsTheExpertDegreeDividingTheDataRanks() {
    ModelShape preset = KnownModels.shape(KnownModel.DEEPSEEK_V3);
    ModelShape deepSeekV3 = new ModelShape(preset.name(), 0, preset.layers(),
        preset.hiddenSize(), preset.attentionHeads(), preset.kvHeads(), preset.declaredHeadDim(),
        preset.intermediateSize(), preset.vocabSize(), false, Precision.BF16, preset.experts(),
        preset.attention(), preset.latent(), preset.window());
    TrainingInput input = new TrainingInput("V3Pretrain", deepSeekV3,
        GpuCatalog.spec(Gpu.H100_SXM), 2_048, new ReplicaSplit(1, 16, 64, 128, 1),
        ZeroStage.ONE, 62_914_560L, 4_096, 1, 30.0, 0.40, Optimizer.ADAMW, Recompute.FULL, 5.0,
        0);

    String doc = MarkdownReport.render(new DesignAnalysis("com.acme.Platform", "Platform",
        List.of(TrainingSizing.analyse(input))));

    assertTrue(doc.contains("- the smallest layout that meets the target: the 15,360 sequences"
        + " of a step must split evenly over the data-parallel ranks, and expert = 64 must"
        + " divide data × context 1, so data = 128 (the smallest divisor of at least ⌈1,325 /"
        + " 16⌉ that is a multiple of 64), 2,048 GPUs\n"), doc);
  }
}
