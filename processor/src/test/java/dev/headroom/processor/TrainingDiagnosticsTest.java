package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyWarning;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks that each {@code @Training} finding lands on the value that sets it, with the numbers
 * worked out by hand below from DESIGN.md's formulas, the H100 SXM catalogue entry (81,559 MiB
 * reported = 85,520,809,984 B, 80,520,809,984 B after the 5 GB reserved; 989.4 dense BF16
 * TFLOP/s) and the Llama 3 70B shape (80 layers, d = 8,192, 64 query and 8 KV heads of 128).
 *
 * <p>The capstone job: FLOPs per token = 6 × 70e9 + 12 × 80 × 64 × 128 × 8,192 / 2 (causal,
 * PaLM's attention term, R-F1) = 4.2e11 + 32,212,254,720 = 452,212,254,720; a step of 4,194,304
 * tokens is 452,212,254,720 × 4,194,304 = 1.8967e18 FLOPs.
 */
class TrainingDiagnosticsTest {
  private static final String SUMMARY = "[headroom.summary]";

  private static final DesignSource CAPSTONE = DesignSource.training("Train");

  @Test
  void capstoneTrainingCompilesWithOnlyItsSummary() {
    // Step on 4,096 GPUs = 1.8967e18 / (4,096 × 989.4e12 × 0.4) = 1.17 s, within 2 s; GPUs the
    // 2 s target needs = ⌈1.8967e18 / (2 × 989.4e12 × 0.4)⌉ = ⌈2,396.3⌉ = 2,397, so
    // (4,096 − 2,397) / 4,096 = 41.5% spare. Memory (ZeRO-3 over 512, selective recompute):
    // 23.09 GB of 80.52 GB, 71.3% spare, so compute binds.
    JavaFileObject design = CAPSTONE.file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .hadNoteContaining(SUMMARY + " Train: pass. PolicyTraining needs 2,397 of 4,096 GPUs"
            + " for 2 s steps at 40.0% MFU (41.5% spare), bound by step-time.")
        .inFile(design)
        .onLineContaining("public final class Train");
    assertThat(compilation.notes()).hasSize(1);
  }

  @Test
  void parallelismOnTrainingTypeIsReadLikeNestedOne() {
    // Were the type's @Parallelism ignored, data would default to 1 and 8 × 1 ≠ 4,096 GPUs.
    Compilation compilation = compile(CAPSTONE.parallelismOnTrainingType().file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(count(compilation.notes(), "PolicyTraining needs 2,397 of 4,096 GPUs"))
        .isEqualTo(1);
  }

  @Test
  void degreesThatDoNotMultiplyToGpusIsLayoutOnGpus() {
    // tensor 8 × pipeline 1 × data 512 × context 1 = 4,096 ≠ 4,000.
    JavaFileObject design = CAPSTONE.replace("gpus = 4096", "gpus = 4000").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.layout] the parallel layout does not add up: tensor 8 × pipeline 1 × data 512"
            + " × context 1 = 4,096 GPUs, but gpus = 4,000. Fix: set gpus = 4,096",
        "gpus = 4000");
  }

  @Test
  void gpusFixOffersOnlyDataDegreesThatSplitTheBatch() {
    // 4,000 GPUs / (tensor 8 × pipeline 1 × context 1) = data 500, but a step holds
    // 4,194,304 / 8,192 = 512 sequences and 512 / 500 = 1.024 is not a whole number per rank:
    // following that fix only trades this error for the globalBatchTokens one. Data degrees
    // that divide 512 within 500 ranks stop at 256 (2,048 GPUs).
    JavaFileObject design = CAPSTONE.replace("gpus = 4096", "gpus = 4000").file();

    Compilation compilation = compile(design);

    assertThat(compilation).hadErrorContaining("[headroom.layout]");
    assertThat(count(compilation.errors(), "data = 500")).isEqualTo(0);
  }

  @Test
  void batchNotWholeSequencesPerRankIsLayoutOnGlobalBatchTokens() {
    // data 512 × sequenceLength 8,192 = 4,194,304 tokens per sequence on every rank;
    // 6,291,456 / 4,194,304 = 1.5 sequences. Multiples around it: 1 × and 2 × 4,194,304.
    JavaFileObject design = CAPSTONE
        .replace("globalBatchTokens = 4_194_304", "globalBatchTokens = 6_291_456")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.layout] the parallel layout does not add up: globalBatchTokens = 6,291,456 is"
            + " not a whole number of sequences per data-parallel rank: 6,291,456 / (data 512 ×"
            + " sequenceLength 8,192) = 1.50. Fix: use a multiple of data × sequenceLength ="
            + " 4,194,304, e.g. 4,194,304 or 8,388,608.",
        "globalBatchTokens = 6_291_456");
  }

  @Test
  void twoLayoutFaultsAreTwoErrorsEachOnItsLine() {
    // Both faults above at once: 4,096 ≠ 4,000, and 6,291,456 / 4,194,304 = 1.5.
    JavaFileObject design = CAPSTONE
        .replace("gpus = 4096", "gpus = 4000")
        .replace("globalBatchTokens = 4_194_304", "globalBatchTokens = 6_291_456")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("= 4,096 GPUs, but gpus = 4,000")
        .inFile(design)
        .onLineContaining("gpus = 4000");
    assertThat(compilation)
        .hadErrorContaining("6,291,456 / (data 512 × sequenceLength 8,192) = 1.50")
        .inFile(design)
        .onLineContaining("globalBatchTokens = 6_291_456");
    assertThat(compilation).hadErrorCount(2);
    assertThat(count(compilation.notes(), SUMMARY + " Train: fail. PolicyTraining was not"
        + " sized: 2 input errors.")).isEqualTo(1);
  }

  @Test
  void pipelineNotDividingLayersWarnsOnPipeline() {
    // tensor 8 × pipeline 3 × data 128 = 3,072 GPUs, so the product matches; 4,194,304 /
    // (128 × 8,192) = 4 sequences per rank. 80 / 3 = 26.67 layers per stage on average, the
    // busiest ⌈80 / 3⌉ = 27; the divisors of 80 nearest 3 are 2 (below) and 4 (above). Uneven
    // stages are legal (R-F2: Llama 3 405B runs 126 layers on 16), so this is a warning.
    JavaFileObject design = CAPSTONE
        .insertBefore("data = 512,", "          pipeline = 3,")
        .replace("data = 512", "data = 128")
        .replace("gpus = 4096", "gpus = 3072")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.uneven-pipeline] pipeline = 3 does not divide the model's 80 layers: the"
            + " busiest stage carries 27 while the average is 26.67, and every other stage waits"
            + " for it. Sizing uses the busiest stage. Fix: use a divisor of 80, such as 2 or 4",
        "pipeline = 3,");
  }

  @Test
  void contextNotDividingSequenceIsLayoutOnContext() {
    // tensor 8 × context 3 × data 128 = 3,072 GPUs; 8,192 / 3 = 2,730.7 tokens per GPU.
    JavaFileObject design = CAPSTONE
        .insertBefore("data = 512,", "          context = 3,")
        .replace("data = 512", "data = 128")
        .replace("gpus = 4096", "gpus = 3072")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.layout] the parallel layout does not add up: context = 3 does not divide"
            + " sequenceLength = 8,192.",
        "context = 3,");
  }

  @Test
  void microBatchNotDividingSequencesPerRankIsLayoutOnMicroBatchSequences() {
    // tensor 8 × data 128 = 1,024 GPUs; 4,194,304 / (128 × 8,192) = 4 sequences per rank, and
    // 4 / 3 is not whole; 1 divides 4.
    JavaFileObject design = CAPSTONE
        .insertBefore("targetStepSeconds = 2.0", "      microBatchSequences = 3,")
        .replace("data = 512", "data = 128")
        .replace("gpus = 4096", "gpus = 1024")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.layout] the parallel layout does not add up: microBatchSequences = 3 does not"
            + " divide the 4 sequences each data-parallel rank trains on per step. Fix: use a"
            + " divisor of 4, e.g. 1.",
        "microBatchSequences = 3,");
  }

  @Test
  void tensorNotDividingHeadsIsHeadsDivisibleOnTensor() {
    // tensor 6 × data 512 = 3,072 GPUs, so only the heads are at fault: 64 / 6 = 10.7 heads
    // per GPU; the largest divisor of 64 up to 6 is 4.
    JavaFileObject design = CAPSTONE
        .replace("tensor = 8", "tensor = 6")
        .replace("gpus = 4096", "gpus = 3072")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.heads-divisible] tensor = 6 does not divide: attentionHeads = 64 cannot be"
            + " split evenly across 6 GPUs. Fix: use a tensor-parallel degree that divides 64,"
            + " such as 4.",
        "tensor = 6,");
  }

  @Test
  void tensorOnTrainingTypeNotDividingHeadsIsErrorOnThatParallelism() {
    // As above, with the @Parallelism written on the training type instead.
    JavaFileObject design = CAPSTONE.parallelismOnTrainingType()
        .replace("tensor = 8", "tensor = 6")
        .replace("gpus = 4096", "gpus = 3072")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.heads-divisible] tensor = 6 does not divide: attentionHeads = 64",
        "tensor = 6,");
  }

  @Test
  void unshardedStateIsTrainingMemoryOnTrainingNamingLeversThatFit() {
    // Per GPU before sharding: 70e9 × ⌈80 / 1⌉ / (80 × tensor 8) = 8.75e9 parameters.
    // zero = NONE: 16 B × 8.75e9 = 140e9 B of state. Selective activations (Korthikanti, R-A1):
    // 34 × s 8,192 × b 1 × h 8,192 / t 8 = 285,212,672 B per layer × 80 = 22,817,013,760 B.
    // 162,817,013,760 B = 162.82 GB > 80.52 GB. Levers, one at a time:
    //   zero = ONE shards the 12 B of optimizer state over 512: 2 × 17.5e9 + ⌈105e9 / 512⌉ =
    //     35,205,078,125 B, + activations = 58,022,091,885 B = 58.02 GB: fits.
    //   recompute = FULL keeps the 140 GB of state: does not fit.
    //   tensor = 16 is past the 8 GPUs of a node, so not offered.
    //   pipeline = 2 with data = 256: 16 × 4.375e9 = 70e9 B of state, still 92.8 GB with the
    //     activations (285,212,672 × 40 layers × min(2, 2) in flight): does not fit.
    //   pipeline = 4 with data = 128: the busiest stage is the last, 20 layers + the output
    //     head + the final norm (the embeddings count on their stages, issue #8):
    //     ⌈70e9 × 18,163,769,344 / (70,553,706,496 × 8)⌉ = 2,252,652,478 parameters × 16 B =
    //     36,042,439,648 B + 285,212,672 × 20 × 4 = 58,859,453,408 B = 58.86 GB: fits.
    JavaFileObject design =
        CAPSTONE.replace("zero = ZeroStage.THREE", "zero = ZeroStage.NONE").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.training-memory] training does not fit in GPU memory: 140.00 GB of model"
            + " state + 22.82 GB of activations = 162.82 GB per GPU, more than the 80.52 GB",
        "@Training(");
    assertThat(compilation)
        .hadErrorContaining("(zero = NONE, recompute = SELECTIVE, tensor = 8, pipeline = 1)."
            + " Fix: zero = ONE (58.02 GB per GPU); or pipeline = 4 with data = 128 (58.86 GB"
            + " per GPU).");
  }

  @Test
  void storedActivationsAreTrainingMemoryNamingSelectiveRecompute() {
    // zero = THREE over 512: ⌈17.5e9 / 512⌉ × 2 + ⌈105e9 / 512⌉
    // = 34,179,688 × 2 + 205,078,125 = 273,437,501 B.
    // Nothing recomputed (R-A1, TP+SP): s·b·(34·h + 5·a·s) / t
    // = 8,192 × (34 × 8,192 + 5 × 64 × 8,192) / 8 = 2,969,567,232 B per layer;
    // × 80 layers = 237,565,378,560 B; total 237,838,816,061 B = 237.84 GB.
    // Selective recompute drops the 5·a·s term: 22,817,013,760 + 273,437,501
    // = 23,090,451,261 B = 23.09 GB, which fits. No pipeline lever fits: p stages hold
    // 80 / p layers × p micro-batches in flight, the same 237.57 GB.
    JavaFileObject design = CAPSTONE
        .replace("recompute = Recompute.SELECTIVE", "recompute = Recompute.NONE")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.training-memory] training does not fit in GPU memory: 273.44 MB of model"
            + " state + 237.57 GB of activations = 237.84 GB per GPU, more than the 80.52 GB",
        "@Training(");
    assertThat(compilation)
        .hadErrorContaining("(zero = THREE, recompute = NONE, tensor = 8, pipeline = 1). Fix:"
            + " recompute = SELECTIVE (23.09 GB per GPU).");
  }

  @Test
  void neitherShardingNorRecomputeIsTrainingMemoryWithNoSingleLever() {
    // 140e9 B of state + 237,565,378,560 B of activations = 377.57 GB. No single change fits:
    // any zero stage leaves the 237.57 GB of activations; any recompute leaves the 140 GB of
    // state; tensor cannot grow past 8 in a node; every pipeline degree p keeps 80 / p layers ×
    // p micro-batches in flight, the same 237.57 GB. Only combining them fits (the capstone).
    JavaFileObject design = CAPSTONE
        .replace("zero = ZeroStage.THREE", "zero = ZeroStage.NONE")
        .replace("recompute = Recompute.SELECTIVE", "recompute = Recompute.NONE")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.training-memory] training does not fit in GPU memory: 140.00 GB of model"
            + " state + 237.57 GB of activations = 377.57 GB per GPU",
        "@Training(");
    assertThat(compilation)
        .hadErrorContaining("Fix: no single change fits: combine them (a higher zero stage with"
            + " more recompute), or use a GPU with more memory.");
  }

  @Test
  void halfTheGpusMissesTargetStepOnTargetStepSeconds() {
    // data 256 × tensor 8 = 2,048 GPUs; 4,194,304 / (256 × 8,192) = 2 sequences per rank.
    // Step = 1.8967e18 / (2,048 × 989.4e12 × 0.4) = 2.34 s > 2 s. GPUs needed at mfu 0.4 =
    // 1.8967e18 / (2 × 989.4e12 × 0.4) = 2,396.3 → 2,397; the smallest data of at least
    // ⌈2,397 / 8⌉ = 300 that divides the 512 sequences is 512 (4,096 GPUs).
    // MFU needed on 2,048 GPUs = 1.8967e18 / (2 × 2,048 × 989.4e12) = 46.8%.
    JavaFileObject design = CAPSTONE
        .replace("data = 512", "data = 256")
        .replace("gpus = 4096", "gpus = 2048")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.step-time] the target step time is out of reach: a step of 4,194,304 tokens"
            + " is 1.90e18 FLOPs, 2.34 s on 2,048 NVIDIA H100 SXM5 80GB at 989.4 TFLOP/s and"
            + " mfu 0.4, over the 2 s target. Fix: 2,397 GPUs at mfu 0.4 (data = 512, the"
            + " smallest degree that splits the 512 sequences of a step evenly: gpus = 4,096);"
            + " or an MFU of 46.8% on these GPUs; or targetStepSeconds = 2.34.",
        "targetStepSeconds = 2.0");
  }

  @Test
  void memoryAndStepBothBrokenAreTwoErrorsEachOnItsLine() {
    // The two faults above at once on 2,048 GPUs: ZeRO-3 now shards over 256 ranks,
    // 2 × ⌈17.5e9 / 256⌉ + ⌈105e9 / 256⌉ = 546,875,000 B, + 237,565,378,560 B of
    // activations (one micro-batch in flight) = 238.11 GB; the step still takes 2.34 s.
    JavaFileObject design = CAPSTONE
        .replace("recompute = Recompute.SELECTIVE", "recompute = Recompute.NONE")
        .replace("data = 512", "data = 256")
        .replace("gpus = 4096", "gpus = 2048")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("546.88 MB of model state + 237.57 GB of activations = 238.11 GB")
        .inFile(design)
        .onLineContaining("@Training(");
    assertThat(compilation)
        .hadErrorContaining("[headroom.step-time] the target step time is out of reach")
        .inFile(design)
        .onLineContaining("targetStepSeconds = 2.0");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void unreachableStepIsNeverASaturatedGpuCount() {
    // GPUs needed = 1.8967e18 / (1e-18 s × 989.4e12 × 0.4) = 4.8e21, beyond
    // 2^63 − 1 ≈ 9.2e18: DESIGN.md makes an overflow an error, never a wrapped (or
    // clamped) value.
    JavaFileObject design = CAPSTONE
        .replace("targetStepSeconds = 2.0", "targetStepSeconds = 1e-18")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation).hadErrorContaining("targetStepSeconds").inFile(design)
        .onLineContaining("targetStepSeconds = 1e-18");
    assertThat(count(compilation.diagnostics(), "9,223,372,036,854,775,807")).isEqualTo(0);
  }

  @ParameterizedTest(name = "mfu = {0}")
  @ValueSource(strings = {"0.3", "0.39"})
  void mfuBelowFortyPercentIsWarningOnMfu(String mfu) {
    // Below LOW_MFU = 0.40 (CAPSTONE.md, stage 2). At 0.3 the step is 1.17 × 0.4 / 0.3 = 1.56 s
    // and at 0.39 1.20 s, both within 2 s, so the warning is alone.
    JavaFileObject design = CAPSTONE
        .insertBefore("recompute = Recompute", "      mfu = " + mfu + ",")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.mfu-assumption] mfu = " + mfu + " is below 40.0%: a job planned this low"
            + " probably has a collective",
        "mfu = " + mfu + ",");
  }

  @ParameterizedTest(name = "mfu = {0}")
  @ValueSource(strings = {"0.7", "0.61"})
  void mfuAboveSixtyPercentIsWarningOnMfu(String mfu) {
    // Above HIGH_MFU = 0.60: Llama 3 405B reports 43% (R-F2), PaLM 540B 46.2% (R-F1).
    JavaFileObject design = CAPSTONE
        .insertBefore("recompute = Recompute", "      mfu = " + mfu + ",")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.mfu-assumption] mfu = " + mfu + " is above 60.0%, more than large published"
            + " runs achieve (Llama 3 405B 43% on H100, PaLM 540B 46.2% on TPU v4)",
        "mfu = " + mfu + ",");
  }

  @ParameterizedTest(name = "mfu = {0}")
  @ValueSource(strings = {"0.40", "0.5", "0.60"})
  void mfuFromFortyToSixtyPercentIsNoWarning(String mfu) {
    // Both bounds are inside the range; at 0.40 the step is 1.17 s, faster above it.
    Compilation compilation = compile(CAPSTONE
        .insertBefore("recompute = Recompute", "      mfu = " + mfu + ",")
        .file());

    assertThat(compilation).succeededWithoutWarnings();
  }

  /** Returns each invalid input as: the valid text, its invalid replacement, the error. */
  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        Arguments.of("sequenceLength = 8192", "sequenceLength = 0",
            "[headroom.input-range] sequenceLength = 0 is out of range: it must be a positive"
                + " count. Fix: set it to the tokens of one training sequence, e.g. 8192."),
        Arguments.of("gpus = 4096", "gpus = 0",
            "[headroom.input-range] gpus = 0 is out of range: it must be a positive count."),
        Arguments.of("globalBatchTokens = 4_194_304", "globalBatchTokens = 0",
            "[headroom.input-range] globalBatchTokens = 0 is out of range: it must be a positive"
                + " count up to 1,000,000,000,000."),
        Arguments.of("targetStepSeconds = 2.0", "targetStepSeconds = 0.0 / 0.0",
            "[headroom.input-range] targetStepSeconds = NaN is out of range"),
        Arguments.of("trainingTokens = 1e12", "trainingTokens = -1",
            "[headroom.input-range] trainingTokens = -1.0 is out of range: it must be 0 (not"
                + " declared) or a count up to 1e16."),
        Arguments.of("data = 512", "data = 0",
            "[headroom.input-range] data = 0 is out of range: it must be a positive count."),
        Arguments.of("tensor = 8", "tensor = -8",
            "[headroom.input-range] tensor = -8 is out of range: it must be a positive count."));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidInputs")
  void invalidValueIsOneErrorOnItsLine(String valid, String invalid, String message) {
    JavaFileObject design = CAPSTONE.replace(valid, invalid).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, message, invalid);
  }

  /** Returns each invalid member written anew as: the line it goes before, the line, the error. */
  static Stream<Arguments> invalidAddedInputs() {
    return Stream.of(
        Arguments.of("recompute = Recompute", "      mfu = 1.5,",
            "[headroom.input-range] mfu = 1.5 is out of range: it must be a fraction from 0.01"
                + " to 1."),
        Arguments.of("recompute = Recompute", "      mfu = 0.0,",
            "[headroom.input-range] mfu = 0.0 is out of range: it must be a fraction from 0.01"
                + " to 1."),
        // An H100 reports 81,559 MiB = 85,520,809,984 B = 85.52 GB; 90 GB is beyond it.
        Arguments.of("recompute = Recompute", "      reservedGbPerGpu = 90.0,",
            "[headroom.input-range] reservedGbPerGpu = 90.0 is out of range: it must be at least"
                + " 0 and below the 85.52 GB the GPU reports."),
        Arguments.of("targetStepSeconds = 2.0", "      microBatchSequences = 0,",
            "[headroom.input-range] microBatchSequences = 0 is out of range: it must be a"
                + " positive count."),
        Arguments.of("data = 512,", "          expert = 2,",
            "[headroom.input-range] expert = 2 is out of range: it must be 1, because the model"
                + " is dense and has no experts to split."),
        // 160 stages for 80 layers: more stages than layers.
        Arguments.of("data = 512,", "          pipeline = 160,",
            "[headroom.input-range] pipeline = 160 is out of range: it must be at most the"
                + " model's 80 layers."));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidAddedInputs")
  void invalidAddedValueIsOneErrorOnItsLine(String before, String line, String message) {
    JavaFileObject design = CAPSTONE.insertBefore(before, line).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, message, line.strip());
  }

  @Test
  void modelWithoutModelAnnotationIsNotAModelOnModelMember() {
    JavaFileObject design = CAPSTONE
        .replace("model = Llama70B.class", "model = NotAModel.class")
        .insertBefore("/** The 70B policy", "  static final class NotAModel {}", "")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.not-a-model] model = NotAModel.class is not a model: the type has no @Model."
            + " Fix: annotate NotAModel with @Model, or name a type that has one.",
        "model = NotAModel.class");
  }

  @Test
  void parallelismOnTypeAndInTrainingIsErrorOnNestedOne() {
    JavaFileObject design = CAPSTONE
        .insertBefore("@Training(", "  @Parallelism(", "      tensor = 8)")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.parallelism-twice] @Parallelism is given twice, on the type and as"
            + " parallelism = @Parallelism(...) in its annotation",
        "parallelism = @Parallelism(");
  }

  @Test
  void missingModelClassIsCompilerErrorAndOneUnresolvedError() {
    JavaFileObject design =
        CAPSTONE.replace("model = Llama70B.class", "model = Missing.class").file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(design)
        .onLineContaining("model = Missing.class");
    assertThat(compilation)
        .hadErrorContaining("[headroom.unresolved] @Training(model = ")
        .inFile(design)
        .onLineContaining("model = Missing.class");
    assertThat(count(compilation.errors(), "[headroom.unresolved]")).isEqualTo(1);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }
}
