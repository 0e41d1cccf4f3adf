package dev.headroom.runtime.training;

import static dev.headroom.runtime.training.TrainingCases.H100;
import static dev.headroom.runtime.training.TrainingCases.LLAMA3_405B;
import static dev.headroom.runtime.training.TrainingCases.capstone;
import static dev.headroom.runtime.training.TrainingCases.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.units.Units;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks training memory (ZeRO state, Korthikanti activations, the memory check and its levers)
 * against REFERENCES.md R-T1, R-T2, R-A1 and CAPSTONE.md stage 2.
 */
class TrainingMemoryTest {

  private static final long MIB = 1L << 20;

  // ---- R-T1: ZeRO paper, Figure 1 (Ψ 7.5e9, K 12, 64 data-parallel GPUs, decimal GB) ----

  private static final long PSI = 7_500_000_000L;

  @Test
  void zeroPaperBaselineIs120Gb_RT1() {
    // (2 + 2 + K)Ψ = 16 × 7.5e9 = 120e9 bytes ("120 GB").
    ModelState state = TrainingSizing.modelState(PSI, Optimizer.ADAMW, ZeroStage.NONE, 64);
    assertEquals(120_000_000_000L, state.totalBytes());
  }

  @Test
  void zeroPaperOptimizerShardedIs31_4Gb_RT1() {
    // P_os: 2Ψ + 2Ψ + KΨ/N_d = 15e9 + 15e9 + 90e9 / 64 = 30e9 + 1.40625e9 = 31.40625e9 ("31.4").
    ModelState state = TrainingSizing.modelState(PSI, Optimizer.ADAMW, ZeroStage.ONE, 64);
    assertEquals(15_000_000_000L, state.weightBytes());
    assertEquals(15_000_000_000L, state.gradientBytes());
    assertEquals(1_406_250_000L, state.optimizerBytes());
    assertEquals(31_406_250_000L, state.totalBytes());
  }

  @Test
  void zeroPaperGradientsShardedIs16_6Gb_RT1() {
    // P_os+g: 2Ψ + (2 + K)Ψ/N_d = 15e9 + 14 × 7.5e9 / 64 = 15e9 + 1.640625e9 = 16.640625e9.
    ModelState state = TrainingSizing.modelState(PSI, Optimizer.ADAMW, ZeroStage.TWO, 64);
    assertEquals(15_000_000_000L, state.weightBytes());
    assertEquals(234_375_000L, state.gradientBytes());
    assertEquals(1_406_250_000L, state.optimizerBytes());
    assertEquals(16_640_625_000L, state.totalBytes());
  }

  @Test
  void zeroPaperEverythingShardedIs1_875GbExactly_RT1() {
    // P_os+g+p: (2 + 2 + K)Ψ/N_d = 120e9 / 64 = 1.875e9 bytes exactly (printed "1.9 GB").
    ModelState state = TrainingSizing.modelState(PSI, Optimizer.ADAMW, ZeroStage.THREE, 64);
    assertEquals(234_375_000L, state.weightBytes());
    assertEquals(234_375_000L, state.gradientBytes());
    assertEquals(1_406_250_000L, state.optimizerBytes());
    assertEquals(1_875_000_000L, state.totalBytes());
  }

  // ---- R-T2: DeepSpeed memory estimator, ZeRO-2 example (2,851e6 params, 8 GPUs) ----

  private static final long DEEPSPEED_PARAMS = 2_851_000_000L;

  /**
   * DeepSpeed's estimator keeps a full 2-byte gradient buffer on every GPU and shards only the
   * 16 bytes of fp32 master weights, moments and gradient copy: 4P + 16P/N. With the 20-byte
   * convention that is what this engine calls ZeRO-1 (only optimizer state sharded), so the
   * docs' "ZeRO-2" figure is reproduced here with {@code ZeroStage.ONE}.
   */
  @Test
  void deepSpeedZero2ExampleIs15_93GibPerGpu_RT2() {
    // 4P + 16P/N = 4 × 2,851e6 + 16 × 2,851e6 / 8 = 11,404e6 + 5,702e6 = 17,106,000,000 bytes;
    // / 2^30 = 15.9312 GiB, printed "15.93GB".
    ModelState state = TrainingSizing.modelState(
        DEEPSPEED_PARAMS, Optimizer.ADAMW_FP32_GRADIENT_COPY, ZeroStage.ONE, 8);
    assertEquals(5_702_000_000L, state.weightBytes());
    assertEquals(5_702_000_000L, state.gradientBytes());
    assertEquals(5_702_000_000L, state.optimizerBytes());
    assertEquals(17_106_000_000L, state.totalBytes());
    assertEquals(15.93, Units.toGib(state.totalBytes()), 0.005);
  }

  @Test
  void engineZero2ShardsTheGradientBufferTooSoItIsBelowDeepSpeedsFigure_RT2() {
    // Sharding the 2-byte gradients as well: 2P + 2P/N + 16P/N = 5,702e6 + 712.75e6 + 5,702e6
    // = 12,116,750,000 bytes, which is why R-T2's "ZeRO-2" maps to ZeroStage.ONE above.
    ModelState state = TrainingSizing.modelState(
        DEEPSPEED_PARAMS, Optimizer.ADAMW_FP32_GRADIENT_COPY, ZeroStage.TWO, 8);
    assertEquals(712_750_000L, state.gradientBytes());
    assertEquals(12_116_750_000L, state.totalBytes());
  }

  // ---- R-A1: Korthikanti et al. 2022, Table 2, GPT-3 175B ----

  private static final long S = 2_048;
  private static final long H = 12_288;
  private static final long A = 96;
  private static final int T = 8;
  private static final long B = 1;

  /** Without parallelism Table 2 gives sbh(34 + 5as/h); for GPT-3 175B, 5as/h = 80. */
  @Test
  void gpt3FiveAsOverHIs80_RA1() {
    // 5as/h = 5 × 96 × 2,048 / 12,288 = 983,040 / 12,288 = 80, so t = 1 stores
    // sbh × (34 + 80) = 2,048 × 12,288 × 114 = 2,868,903,936 bytes per layer.
    long none = TrainingSizing.activationBytesPerLayer(S, B, H, A, 1, Recompute.NONE);
    assertEquals(2_868_903_936L, none);
    assertEquals(0, none % (S * B * H));
    assertEquals(80, none / (S * B * H) - 34);
  }

  @Test
  void gpt3ActivationsPerLayerMatchTable2Formulas_RA1() {
    // TP + SP, nothing recomputed: sbh(34/t + 5as/(ht)) = sb(34h + 5as)/t
    // = 2,048 × (417,792 + 983,040) / 8 = 2,048 × 1,400,832 / 8 = 358,612,992 bytes.
    long none = S * B * (34 * H + 5 * A * S) / T;
    assertEquals(358_612_992L, none);
    assertEquals(none,
        TrainingSizing.activationBytesPerLayer(S, B, H, A, T, Recompute.NONE));

    // TP + SP + selective recompute: 34sbh/t = 34 × 2,048 × 12,288 / 8 = 106,954,752 bytes.
    long selective = 34 * S * B * H / T;
    assertEquals(106_954_752L, selective);
    assertEquals(selective,
        TrainingSizing.activationBytesPerLayer(S, B, H, A, T, Recompute.SELECTIVE));

    // Full recompute: 2sbh = 2 × 2,048 × 12,288 = 50,331,648 bytes (not divided by t).
    long full = 2 * S * B * H;
    assertEquals(50_331_648L, full);
    assertEquals(full,
        TrainingSizing.activationBytesPerLayer(S, B, H, A, T, Recompute.FULL));
  }

  @Test
  void gpt3SelectiveRecomputeSaves70Percent_RA1() {
    // 1 − 34 / (34 + 80) = 80 / 114 = 0.7018: "saves 70%".
    double none = TrainingSizing.activationBytesPerLayer(S, B, H, A, T, Recompute.NONE);
    double selective =
        TrainingSizing.activationBytesPerLayer(S, B, H, A, T, Recompute.SELECTIVE);
    assertEquals(0.70, 1 - selective / none, 0.01);
  }

  // ---- Per-GPU parameters and pipeline in-flight micro-batches ----

  @Test
  void parametersPerGpuDividesByTensorThenTakesTheBusiestPipelineStage_RP1() {
    // Llama 3 405B (R-P1) on TP 8 × PP 16: 126 layers give stages 0-13 eight layers, 14-15
    // seven. A layer is 2·16384·128·128 + 2·16384·8·128 + 3·16384·53248 + 2·16384 =
    // 3,187,703,808. Stage 0 adds the embedding, 128,256 × 16,384 = 2,101,346,304: 8 ×
    // 3,187,703,808 + 2,101,346,304 = 27,602,976,768; the last stage (7 layers + head + final
    // norm) has 24,415,289,344. The busiest is the first: 27,602,976,768 / 8 = 3,450,372,096,
    // not the 3,221,058,642 that spreading the embeddings over the layers would give.
    assertEquals(3_450_372_096L,
        TrainingSizing.parametersPerGpu(LLAMA3_405B, new ReplicaSplit(8, 16, 1, 1, 1)));
    // The capstone 70B on TP 8, PP 1: 70e9 / 8 = 8.75e9 exactly.
    assertEquals(8_750_000_000L,
        TrainingSizing.parametersPerGpu(capstone().model(), capstone().split()));
  }

  @Test
  void firstStageHoldsMinOfPipelineAndMicroBatchesUnder1f1b() {
    // 1F1B (Narayanan et al. 2021): the first stage holds p micro-batches once m ≥ p, else m.
    assertEquals(16L, TrainingSizing.microBatchesInFlight(16, 32));
    assertEquals(4L, TrainingSizing.microBatchesInFlight(16, 4));
    assertEquals(1L, TrainingSizing.microBatchesInFlight(1, 1));
  }

  // ---- CAPSTONE.md stage 2: memory of the policy training job ----

  @Test
  void capstoneStateIs1120GbAbout14H100sWorth() {
    // CAPSTONE.md stage 2: 16 bytes × 70e9 = 1,120e9 bytes; / 80e9 nominal = 14 H100s' worth.
    TrainingFigures figures = TrainingSizing.figures(capstone());
    assertEquals(70_000_000_000L, figures.parameters());
    assertEquals(1_120_000_000_000L, figures.stateBytes());
    assertEquals(14, figures.stateBytes() / H100.nominalMemoryBytes());
    assertEquals(0, figures.stateBytes() % H100.nominalMemoryBytes());
  }

  @Test
  void capstoneZero3StatePerGpuIsShardedOver512Ranks() {
    // N_gpu = 70e9 / 8 = 8.75e9. ZeRO-3 over d × c = 512 ranks, each part rounded up:
    // weights ⌈2 × 8.75e9 / 512⌉ = ⌈34,179,687.5⌉ = 34,179,688, gradients the same,
    // optimizer 12 × 8.75e9 / 512 = 205,078,125 exactly; total 273,437,501 bytes
    // (16 × 70e9 / 4,096 = 273,437,500 before the two half-byte roundings).
    TrainingFigures figures = TrainingSizing.figures(capstone());
    assertEquals(8_750_000_000L, figures.parametersPerGpu());
    assertEquals(34_179_688L, figures.weightBytesPerGpu());
    assertEquals(34_179_688L, figures.gradientBytesPerGpu());
    assertEquals(205_078_125L, figures.optimizerBytesPerGpu());
    assertEquals(273_437_501L, figures.stateBytesPerGpu());
  }

  @Test
  void capstoneSelectiveActivationsAre34SbhOverTTimes80Layers() {
    // Korthikanti selective: 34 × s × b × h / t = 34 × 8,192 × 1 × 8,192 / 8 = 285,212,672
    // bytes per layer; PP 1 holds all 80 layers and min(1, 1) = 1 micro-batch in flight:
    // 285,212,672 × 80 × 1 = 22,817,013,760 bytes.
    TrainingFigures figures = TrainingSizing.figures(capstone());
    assertEquals(34L * 8_192 * 8_192 / 8, figures.activationBytesPerLayer());
    assertEquals(285_212_672L, figures.activationBytesPerLayer());
    assertEquals(80L, figures.layersPerStage());
    assertEquals(1L, figures.microBatchesInFlight());
    assertEquals(34L * 8_192 * 8_192 / 8 * 80, figures.activationBytesPerGpu());
    assertEquals(22_817_013_760L, figures.activationBytesPerGpu());
  }

  @Test
  void capstoneFitsTheH100AfterTheReservedFiveGb() {
    // Needed 273,437,501 + 22,817,013,760 = 23,090,451,261 bytes. The H100 reports 81,559 MiB
    // = 85,520,809,984 bytes; less 5e9 reserved = 80,520,809,984 bytes available.
    TrainingFigures figures = TrainingSizing.figures(capstone());
    assertEquals(23_090_451_261L, figures.memoryBytesPerGpu());
    assertEquals(81_559L * MIB, figures.gpuMemoryBytes());
    assertEquals(5_000_000_000L, figures.reservedBytesPerGpu());
    assertEquals(80_520_809_984L, figures.availableBytesPerGpu());
    assertTrue(figures.fitsMemory());
  }

  // ---- headroom.training-memory ----

  /** Without ZeRO the capstone's 140 GB of state per GPU fails; ZeRO-1 or pipeline 4 fit. */
  @Test
  void capstoneWithoutZeroFailsMemoryAndNamesTheLeversThatFit() {
    // ZeRO NONE: 16 × 8.75e9 = 140e9 bytes of state + 22,817,013,760 of activations
    // = 162,817,013,760 bytes ("162.82 GB") against 80,520,809,984 ("80.52 GB").
    // Levers, by hand:
    //   zero = ONE: 2 × 8.75e9 + 2 × 8.75e9 + 105e9 / 512 = 35,205,078,125 state
    //     + 22,817,013,760 activations = 58,022,091,885 → "58.02 GB", fits.
    //   recompute = FULL: 140e9 + 2 × 8,192 × 8,192 × 80 = 150,737,418,240, does not fit.
    //   tensor: already 8, a node's worth.
    //   pipeline = 2, data = 256: 16 × 70e9 × 40 / 640 = 70e9 state + 285,212,672 × 40 layers
    //     × min(2, 2) = 22,817,013,760 → 92.8e9, does not fit;
    //   pipeline = 4, data = 128: 20 layers a stage; the last holds 20 × 855,654,400 + the
    //     head 1,050,673,152 + the final norm 8,192 = 18,163,769,344 of the shape's
    //     70,553,706,496, so ⌈70e9 × 18,163,769,344 / (70,553,706,496 × 8)⌉ = 2,252,652,478
    //     per GPU × 16 B = 36,042,439,648 + 285,212,672 × 20 × 4 = 58,859,453,408
    //     → "58.86 GB", fits.
    TrainingAnalysis analysis =
        TrainingSizing.analyse(capstone(ZeroStage.NONE, Recompute.SELECTIVE));
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.TRAINING_MEMORY, analysis.binding());
    Finding memory = only(analysis.findings(), "headroom.training-memory");
    assertEquals(Severity.ERROR, memory.severity());
    assertEquals(Subject.whole(Anchor.TRAINING), memory.subject());
    assertTrue(memory.message().contains("162.82 GB per GPU"), memory.message());
    assertTrue(memory.message().contains("80.52 GB"), memory.message());
    assertTrue(memory.message().contains("zero = ONE (58.02 GB per GPU)"), memory.message());
    assertTrue(memory.message().contains("pipeline = 4 with data = 128 (58.86 GB per GPU)"),
        memory.message());
    assertEquals(List.of("zero = ONE (58.02 GB per GPU)",
        "pipeline = 4 with data = 128 (58.86 GB per GPU)"), analysis.levers());
  }

  /** Storing every activation breaks ZeRO-3's fit; selective recompute restores it. */
  @Test
  void capstoneWithoutRecomputeFailsMemoryAndNamesSelectiveRecompute() {
    // NONE: s·b·(34h + 5as)/t = 8,192 × (34 × 8,192 + 5 × 64 × 8,192) / 8 = 2,969,567,232
    // bytes per layer × 80 = 237,565,378,560 ("237.57 GB"), over 80.52 GB on its own.
    // recompute = SELECTIVE gives the capstone's 23,090,451,261 bytes ("23.09 GB").
    // A pipeline lever cannot help: p stages hold 80/p layers × p micro-batches in flight.
    TrainingAnalysis analysis =
        TrainingSizing.analyse(capstone(ZeroStage.THREE, Recompute.NONE));
    assertEquals(237_565_378_560L, analysis.figures().orElseThrow().activationBytesPerGpu());
    Finding memory = only(analysis.findings(), "headroom.training-memory");
    assertTrue(memory.message().contains("237.57 GB of activations"), memory.message());
    assertTrue(memory.message().contains("recompute = SELECTIVE (23.09 GB per GPU)"),
        memory.message());
    assertEquals(List.of("recompute = SELECTIVE (23.09 GB per GPU)"), analysis.levers());
  }

  /** Neither ZeRO nor recompute: no single lever fits, and the message says to combine them. */
  @Test
  void capstoneWithNeitherZeroNorRecomputeHasNoSingleLever() {
    // 140e9 state + 237,565,378,560 activations. Alone, ZeRO-3 leaves the 237.57 GB of
    // activations; FULL recompute leaves the 140e9 of state; pipeline p leaves 140e9 / p of
    // state and the same 237.57 GB of activations. Each is over 80.52 GB.
    TrainingAnalysis analysis =
        TrainingSizing.analyse(capstone(ZeroStage.NONE, Recompute.NONE));
    assertEquals(Constraint.TRAINING_MEMORY, analysis.binding());
    Finding memory = only(analysis.findings(), "headroom.training-memory");
    assertTrue(memory.message().contains("no single change fits"), memory.message());
    assertTrue(analysis.levers().isEmpty(), analysis.levers().toString());
  }
}
