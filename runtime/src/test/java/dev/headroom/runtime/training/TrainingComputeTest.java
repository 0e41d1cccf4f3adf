package dev.headroom.runtime.training;

import static dev.headroom.runtime.training.TrainingCases.CAPSTONE_BATCH_TOKENS;
import static dev.headroom.runtime.training.TrainingCases.CAPSTONE_GPUS;
import static dev.headroom.runtime.training.TrainingCases.H100;
import static dev.headroom.runtime.training.TrainingCases.LLAMA3_405B;
import static dev.headroom.runtime.training.TrainingCases.LLAMA3_BATCH_TOKENS;
import static dev.headroom.runtime.training.TrainingCases.capstone;
import static dev.headroom.runtime.training.TrainingCases.llama3_405b;
import static dev.headroom.runtime.training.TrainingCases.only;
import static dev.headroom.runtime.training.TrainingCases.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks training FLOPs, MFU, step time and layout validation against REFERENCES.md R-F1, R-F2
 * and CAPSTONE.md stage 2.
 */
class TrainingComputeTest {

  private static final double H100_PEAK = 989.4e12;
  private static final double TPU_V4_PEAK = 275e12;

  /**
   * The capstone's FLOPs per token as the engine defines them: 6N plus PaLM's attention term
   * halved for causal attention, 6 × 70e9 + 12 × 80 × 64 × 128 × 8,192 / 2
   * = 420e9 + 64,424,509,440 / 2 = 420e9 + 32,212,254,720 = 452,212,254,720.
   */
  private static final double CAPSTONE_FLOPS_PER_TOKEN =
      6 * 70e9 + 12.0 * 80 * 64 * 128 * 8_192 / 2;

  /** flopsPerToken × 4,194,304 tokens = 1.8967e18 FLOPs per step. */
  private static final double CAPSTONE_FLOPS_PER_STEP =
      CAPSTONE_FLOPS_PER_TOKEN * CAPSTONE_BATCH_TOKENS;

  private static void assertRelative(double expected, double actual, double fraction) {
    assertTrue(Math.abs(actual - expected) <= fraction * Math.abs(expected),
        "expected " + actual + " within a fraction " + fraction + " of " + expected);
  }

  private static List<Finding> layoutErrors(TrainingInput input) {
    return withId(TrainingValidation.check(input), "headroom.layout");
  }

  private static boolean hasLayoutErrorOn(TrainingInput input, String member) {
    return layoutErrors(input).stream()
        .anyMatch(f -> f.subject().equals(Subject.of(Anchor.TRAINING, member)));
  }

  @Test
  void catalogueH100DensePeakIs989_4Tflops() {
    // REFERENCES.md: MFU and FLOP/s cases use dense peaks; H100 989.4 TFLOP/s.
    assertEquals(H100_PEAK, H100.denseBf16FlopsPerSecond());
  }

  // ---- R-F1: PaLM 540B, Appendix B ----

  @Test
  void palmAttentionTermIs12LHQT_RF1() {
    // 12 × L × H × Q × T = 12 × 118 × 48 × 256 × 2,048 = 35,634,806,784 FLOPs per token;
    // the engine's causal variant is half: 17,817,403,392.
    assertEquals(35_634_806_784.0,
        TrainingSizing.attentionFlopsPerToken(118, 48, 256, 2_048, false));
    assertEquals(17_817_403_392.0,
        TrainingSizing.attentionFlopsPerToken(118, 48, 256, 2_048, true));
  }

  /**
   * PaLM's published MFU counts the full (non-causal) attention term; the engine halves it for
   * causal attention in its own step arithmetic, so this case passes {@code causal = false}.
   */
  @Test
  void palmMfuIs46_2PercentWithAttentionAnd45_7Without_RF1() {
    // 6N = 6 × 540.35e9 = 3,242.1e9; + 35.63e9 attention = 3,277.73e9 FLOPs per token.
    // Peak = 6,144 × 275e12 = 1.6896e18 FLOP/s.
    // With: 3,277.73e9 × 238.3e3 / 1.6896e18 = 0.4623 → 46.2%.
    // Without: 3,242.1e9 × 238.3e3 / 1.6896e18 = 0.4573 → 45.7%.
    double sixN = 6 * 540.35e9;
    double attention = TrainingSizing.attentionFlopsPerToken(118, 48, 256, 2_048, false);
    double with = TrainingSizing.mfu(sixN + attention, 238.3e3, 6_144, TPU_V4_PEAK);
    double without = TrainingSizing.mfu(sixN, 238.3e3, 6_144, TPU_V4_PEAK);
    assertEquals(0.462, with, 0.0005);
    assertEquals(0.457, without, 0.0005);
  }

  @Test
  void palmMfuWithTheHalvedCausalTermWouldNotGiveThePublished46_2_RF1() {
    // (3,242.1e9 + 17.82e9) × 238.3e3 / 1.6896e18 = 0.4598 → 46.0%, not PaLM's 46.2%.
    double causal = TrainingSizing.mfu(
        6 * 540.35e9 + TrainingSizing.attentionFlopsPerToken(118, 48, 256, 2_048, true),
        238.3e3, 6_144, TPU_V4_PEAK);
    assertEquals(0.460, causal, 0.0005);
  }

  // ---- R-F2: Llama 3 405B, Table 4 ----

  @Test
  void llama3PublishedLayoutSatisfiesTheGpuAndBatchRules_RF2() {
    // GPUs = t × p × d × c = 8 × 16 × 64 × 1 = 8,192; sequences per rank
    // = 2^24 / (64 × 8,192) = 16,777,216 / 524,288 = 32, a whole number of micro-batches of 1.
    TrainingInput input = llama3_405b(8_192, LLAMA3_BATCH_TOKENS);
    assertFalse(hasLayoutErrorOn(input, "gpus"), layoutErrors(input)::toString);
    assertFalse(hasLayoutErrorOn(input, "globalBatchTokens"), layoutErrors(input)::toString);
    assertFalse(hasLayoutErrorOn(input, "microBatchSequences"), layoutErrors(input)::toString);
    assertEquals(32L, TrainingSizing.figures(input).sequencesPerRank());
  }

  /**
   * The published layout must pass validation whole. Llama 3 405B has 126 layers on 16 pipeline
   * stages (the paper removes one layer from the first and last stages): not an error, but a
   * warning that the busiest stage holds ⌈126 / 16⌉ = 8 layers against 7.88 on average.
   */
  @Test
  void llama3PublishedLayoutHasNoLayoutError_RF2() {
    TrainingInput input = llama3_405b(8_192, LLAMA3_BATCH_TOKENS);
    assertEquals(List.of(), layoutErrors(input));
    Finding uneven = only(TrainingValidation.check(input), "headroom.uneven-pipeline",
        Anchor.PARALLELISM, "pipeline");
    assertEquals(Severity.WARNING, uneven.severity());
    assertTrue(uneven.message().contains("the busiest stage carries 8 while the average is 7.88"),
        uneven.message());
  }

  @Test
  void gpusThatAreNotTheProductOfTheDegreesIsALayoutError_RF2() {
    // 8 × 16 × 64 × 1 = 8,192 ≠ 8,000; 8,000 is not a multiple of t × p × c = 128, so the
    // fix is gpus = 8,192.
    Finding layout = only(TrainingValidation.check(llama3_405b(8_000, LLAMA3_BATCH_TOKENS)),
        "headroom.layout", Anchor.TRAINING, "gpus");
    assertEquals(Severity.ERROR, layout.severity());
    assertTrue(layout.message().contains("8,192 GPUs, but gpus = 8,000"), layout.message());
    assertTrue(layout.message().contains("set gpus = 8,192"), layout.message());
  }

  @Test
  void aBatchOfDecimalSixteenMillionTokensIsALayoutError_RF2() {
    // "16M" is 2^24. Decimal 16,000,000 / (64 × 8,192) = 16,000,000 / 524,288 = 30.52
    // sequences per rank, not a whole number; the nearest multiples are 30 × 524,288
    // = 15,728,640 and 31 × 524,288 = 16,252,928.
    Finding layout = only(TrainingValidation.check(llama3_405b(8_192, 16_000_000L)),
        "headroom.layout", Anchor.TRAINING, "globalBatchTokens");
    assertTrue(layout.message().contains("= 30.52"), layout.message());
    assertTrue(layout.message().contains("15,728,640 or 16,252,928"), layout.message());
  }

  @Test
  void llama3At430TflopsPerGpuIs43PercentMfu_RF2() {
    // 430e12 FLOP/s per GPU over the 989.4e12 dense peak = 0.4346 → "43%". Flops per token
    // 6N = 6 × 405,853,388,800 (R-P1); tokens/s chosen so the 8,192 GPUs achieve 430e12 each:
    // 430e12 × 8,192 / 6N.
    double flopsPerToken = 6.0 * LLAMA3_405B.derivedParameters();
    double tokensPerSecond = 430e12 * 8_192 / flopsPerToken;
    double mfu =
        TrainingSizing.mfu(flopsPerToken, tokensPerSecond, 8_192, H100.denseBf16FlopsPerSecond());
    assertEquals(430 / 989.4, mfu, 1e-12);
    assertEquals(0.43, mfu, 0.005);
  }

  // ---- CAPSTONE.md stage 2: compute ----

  @Test
  void capstoneNeedsAbout2100GpusAt40PercentMfu() {
    // CAPSTONE.md: 6 × 70e9 × 4M FLOPs every 2 s at 40% of 989.4 TFLOP/s. By hand with 4e6
    // tokens and no attention term: 1.68e18 / (2 × 0.4 × 989.4e12) = 1.68e18 / 7.9152e14
    // = 2,122.5 → 2,123 GPUs ("about 2,100"). 2,123 GPUs meet it at ≤ 40% MFU, 2,122 do not.
    double sixN = 6 * 70e9;
    double tokensPerSecond = 4e6 / 2.0;
    assertTrue(TrainingSizing.mfu(sixN, tokensPerSecond, 2_123, H100_PEAK) <= 0.40);
    assertTrue(TrainingSizing.mfu(sixN, tokensPerSecond, 2_122, H100_PEAK) > 0.40);
  }

  @Test
  void capstoneFlopsPerStepAreSixNPlusHalfPalmsAttentionTimesTheBatch() {
    // 452,212,254,720 FLOPs per token (see CAPSTONE_FLOPS_PER_TOKEN) × 4,194,304 tokens.
    TrainingFigures figures = TrainingSizing.figures(capstone());
    assertRelative(32_212_254_720.0, figures.attentionFlopsPerToken(), 1e-15);
    assertRelative(452_212_254_720.0, figures.flopsPerToken(), 1e-15);
    assertRelative(CAPSTONE_FLOPS_PER_STEP, figures.flopsPerStep(), 1e-12);
  }

  /**
   * With the sample's own inputs the capstone needs 2,397 GPUs, not "about 2,100": the 2^22
   * batch is 4.9% over 4e6 and the causal attention term adds 7.7% to 6N.
   */
  @Test
  void capstoneSampleNeeds2397GpusAnd23_4PercentMfuOnIts4096() {
    // gpusNeeded = ⌈1.8967e18 / (2 s × 989.4e12 × 0.40)⌉ = ⌈1.8967e18 / 7.9152e14⌉
    // = ⌈2,396.3⌉ = 2,397. mfuNeeded = 1.8967e18 / (2 × 4,096 × 989.4e12) = 0.2340.
    // stepSeconds = 1.8967e18 / (4,096 × 989.4e12 × 0.40) = 1.170 s.
    TrainingFigures figures = TrainingSizing.figures(capstone());
    assertEquals((long) Math.ceil(CAPSTONE_FLOPS_PER_STEP / (2.0 * H100_PEAK * 0.40)),
        figures.gpusNeeded());
    assertEquals(2_397L, figures.gpusNeeded());
    assertEquals(CAPSTONE_GPUS, figures.gpusAvailable());
    assertRelative(CAPSTONE_FLOPS_PER_STEP / (2.0 * CAPSTONE_GPUS * H100_PEAK),
        figures.mfuNeeded(), 1e-12);
    assertEquals(0.2340, figures.mfuNeeded(), 0.00005);
    assertRelative(CAPSTONE_FLOPS_PER_STEP / (CAPSTONE_GPUS * H100_PEAK * 0.40),
        figures.stepSeconds(), 1e-12);
    assertEquals(1.170, figures.stepSeconds(), 0.0005);
    // sequences per rank = 4,194,304 / (512 × 8,192) = 1, one micro-batch of 1.
    assertEquals(1L, figures.sequencesPerRank());
    assertEquals(1L, figures.microBatches());
  }

  @Test
  void capstonePassesBoundByStepTime() {
    // Compute headroom 1 − 2,397 / 4,096 = 0.415 is below memory headroom
    // 1 − 23,090,451,261 / 80,520,809,984 = 0.713, so the step time binds.
    TrainingAnalysis analysis = TrainingSizing.analyse(capstone());
    assertEquals(List.of(), analysis.findings());
    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.STEP_TIME, analysis.binding());
  }

  // ---- headroom.step-time ----

  /** A 1.0 s target on the capstone's 4,096 GPUs needs 4,793 GPUs or 46.8% MFU. */
  @Test
  void capstoneAtOneSecondStepsMissesTheTargetAndNamesGpusAndMfu() {
    // stepSeconds 1.170 > 1.0. GPUs = ⌈1.8967e18 / (1.0 × 989.4e12 × 0.40)⌉ = ⌈4,792.5⌉ =
    // 4,793; MFU = 1.8967e18 / (1.0 × 4,096 × 989.4e12) = 0.4680 → "46.8%".
    TrainingAnalysis analysis = TrainingSizing.analyse(capstone(1.0, 0.40));
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.STEP_TIME, analysis.binding());
    TrainingFigures figures = analysis.figures().orElseThrow();
    assertEquals((long) Math.ceil(CAPSTONE_FLOPS_PER_STEP / (1.0 * H100_PEAK * 0.40)),
        figures.gpusNeeded());
    Finding step = only(analysis.findings(), "headroom.step-time");
    assertEquals(Severity.ERROR, step.severity());
    assertEquals(Subject.of(Anchor.TRAINING, "targetStepSeconds"), step.subject());
    assertTrue(step.message().contains("4,793 GPUs at mfu 0.4"), step.message());
    assertTrue(step.message().contains("an MFU of 46.8% on these GPUs"), step.message());
    assertTrue(step.message().contains("1.17 s on 4,096"), step.message());
  }

  // ---- headroom.mfu-assumption ----

  @Test
  void mfuBelow40PercentIsWarned() {
    // CAPSTONE.md: below about 40%, some collective is not overlapping.
    Finding mfu = only(TrainingValidation.check(capstone(2.0, 0.3)), "headroom.mfu-assumption");
    assertEquals(Severity.WARNING, mfu.severity());
    assertEquals(Subject.of(Anchor.TRAINING, "mfu"), mfu.subject());
  }

  @Test
  void mfuAbove60PercentIsWarned() {
    // Large published runs: Llama 3 405B 43% (R-F2), PaLM 540B 46.2% (R-F1).
    Finding mfu = only(TrainingValidation.check(capstone(2.0, 0.7)), "headroom.mfu-assumption");
    assertEquals(Severity.WARNING, mfu.severity());
    assertEquals(Subject.of(Anchor.TRAINING, "mfu"), mfu.subject());
  }

  @Test
  void mfuOf40And60PercentIsNotWarned() {
    assertEquals(List.of(), TrainingValidation.check(capstone(2.0, 0.40)));
    assertEquals(List.of(), TrainingValidation.check(capstone(2.0, 0.60)));
  }
}
