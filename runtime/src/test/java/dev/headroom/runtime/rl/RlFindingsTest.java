package dev.headroom.runtime.rl;

import static dev.headroom.runtime.rl.RlCases.CAPSTONE_TAIL;
import static dev.headroom.runtime.rl.RlCases.H100_HBM;
import static dev.headroom.runtime.rl.RlCases.LEARNER_AVAILABLE;
import static dev.headroom.runtime.rl.RlCases.actors;
import static dev.headroom.runtime.rl.RlCases.assertContains;
import static dev.headroom.runtime.rl.RlCases.assertRelative;
import static dev.headroom.runtime.rl.RlCases.capstone;
import static dev.headroom.runtime.rl.RlCases.capstoneSplit;
import static dev.headroom.runtime.rl.RlCases.capstoneTrainSeconds;
import static dev.headroom.runtime.rl.RlCases.learners;
import static dev.headroom.runtime.rl.RlCases.loop;
import static dev.headroom.runtime.rl.RlCases.only;
import static dev.headroom.runtime.rl.RlCases.withId;
import static dev.headroom.runtime.rl.RlCases.withTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the findings of {@code RlSizing.analyse}, each on a loop built to trigger it. */
class RlFindingsTest {

  /** Full-recompute activations of the capstone's longest sequence: 2 × 9,192 × 8,192 × 80. */
  private static final long ACTIVATIONS = 12_048_138_240L;

  private static RlInput withRecompute(RlInput c, Recompute recompute) {
    return new RlInput(c.name(), c.policy(), c.reference(), c.reward(), c.critic(),
        c.algorithm(), c.promptsPerStep(), c.samplesPerPrompt(), c.promptTokens(),
        c.rolloutTokens(), c.maxRolloutTokens(), c.maxStaleness(), c.actors(), c.learners(),
        c.learnerMfu(), recompute, c.broadcastGbPerSecond(), c.broadcastEfficiency());
  }

  /** The capstone loop on 32 learners (tensor 8 × data 4) with {@code zero}. */
  private static RlInput fewLearners(RlAlgorithm algorithm, int data, ZeroStage zero) {
    return capstone().withAlgorithm(algorithm)
        .withPools(capstone().actors(), learners(8, data, zero));
  }

  // ---- headroom.learner-memory ----

  @Test
  void zeroNoneOn32LearnersDoesNotFitAndNamesZero3() {
    // Tensor 8 × data 4, ZeRO NONE: 8.75e9 parameters per GPU, nothing sharded:
    // policy 16 × 8.75e9 = 140e9, reference 2 × 8.75e9 = 17.5e9, activations 12,048,138,240;
    // 169,548,138,240 bytes against 80,520,809,984 available.
    // ZeRO-3 over 4 ranks: 140e9 / 4 + 17.5e9 / 4 + 12,048,138,240 = 35e9 + 4.375e9
    // + 12,048,138,240 = 51,423,138,240 bytes, which fits: "zero = THREE (51.42 GB per GPU)".
    RlInput input = fewLearners(RlAlgorithm.GRPO, 4, ZeroStage.NONE);
    RlAnalysis analysis = RlSizing.analyse(input);
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.LEARNER_MEMORY, analysis.binding());
    RlFigures figures = analysis.figures().orElseThrow();
    assertEquals(140_000_000_000L, figures.policyStateBytesPerGpu());
    assertEquals(17_500_000_000L, figures.referenceBytesPerGpu());
    assertEquals(169_548_138_240L, figures.learnerBytesPerGpu());
    assertFalse(figures.learnerFits());

    Finding finding = only(analysis.findings(), "headroom.learner-memory", Anchor.LEARNERS, "");
    assertEquals(Severity.ERROR, finding.severity());
    assertContains(finding.message(), "policy state 140.00 GB + reference 17.50 GB");
    assertContains(finding.message(), "= 169.55 GB per GPU, more than the 80.52 GB available");
    assertContains(finding.message(), "zero = THREE (51.42 GB per GPU)");
    assertEquals(List.of("zero = THREE (51.42 GB per GPU)"), RlSizing.memoryLevers(input));
    assertEquals(51_423_138_240L, RlSizing.learnerMemory(
        fewLearners(RlAlgorithm.GRPO, 4, ZeroStage.THREE), RlAlgorithm.GRPO).totalBytes());
  }

  @Test
  void noRecomputeOfLongSequencesNamesFullRecompute() {
    // 32 learners, ZeRO-3, max rollout 16,000: s = 1,000 + 16,000 = 17,000. Nothing recomputed
    // (Korthikanti Table 2 with TP + SP): s(34h + 5as) / t = 17,000 × (278,528 + 5 × 64 ×
    // 17,000) / 8 = 17,000 × 5,718,528 / 8 = 12,151,872,000 bytes per layer, × 80 = 972e9:
    // far over. Full recompute: 2 × 17,000 × 8,192 × 80 = 22,282,240,000, plus the state
    // 35e9 + 4.375e9: 61,657,240,000 bytes, which fits: "learnerRecompute = FULL (61.66 GB".
    RlInput input = withRecompute(
        withTokens(fewLearners(RlAlgorithm.GRPO, 4, ZeroStage.THREE), 4_000, 16_000),
        Recompute.NONE);
    RlAnalysis analysis = RlSizing.analyse(input);
    RlFigures figures = analysis.figures().orElseThrow();
    assertEquals(12_151_872_000L * 80, figures.activationBytesPerGpu());
    Finding finding = only(analysis.findings(), "headroom.learner-memory", Anchor.LEARNERS, "");
    assertContains(finding.message(), "learnerRecompute = FULL (61.66 GB per GPU)");
    assertEquals(List.of("learnerRecompute = FULL (61.66 GB per GPU)"),
        RlSizing.memoryLevers(input));
    assertEquals(61_657_240_000L,
        RlSizing.learnerMemory(withRecompute(input, Recompute.FULL), RlAlgorithm.GRPO)
            .totalBytes());
  }

  // ---- headroom.critic-memory ----

  @Test
  void ppoOn32LearnersFailsOnItsCriticWhereGrpoFits() {
    // Tensor 8 × data 4, ZeRO-3, each state 16 × 8.75e9 / 4 = 35e9 bytes per GPU:
    // GRPO 35e9 + 4.375e9 reference + 12,048,138,240 = 51,423,138,240 ≤ 80,520,809,984;
    // PPO adds the critic's 35e9: 86,423,138,240 > 80,520,809,984. So the critic is what does
    // not fit: the error is on `algorithm`, not on the learners.
    RlAnalysis analysis = RlSizing.analyse(fewLearners(RlAlgorithm.PPO, 4, ZeroStage.THREE));
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.LEARNER_MEMORY, analysis.binding());
    RlFigures figures = analysis.figures().orElseThrow();
    assertEquals(35_000_000_000L, figures.criticStateBytesPerGpu());
    assertEquals(86_423_138_240L, figures.learnerBytesPerGpu());
    assertEquals(51_423_138_240L, figures.grpoLearnerBytesPerGpu());
    assertTrue(figures.grpoLearnerBytesPerGpu() <= LEARNER_AVAILABLE);

    Finding finding = only(analysis.findings(), "headroom.critic-memory", Anchor.RL_LOOP,
        "algorithm");
    assertEquals(Severity.ERROR, finding.severity());
    assertContains(finding.message(), "adds 35.00 GB per learner GPU, 86.42 GB in all of 80.52 GB"
        + " available");
    assertContains(finding.message(), "without it (GRPO) the learners need 51.42 GB");
    assertContains(finding.message(), "algorithm = RlAlgorithm.GRPO");
    assertTrue(withId(analysis.findings(), "headroom.learner-memory").isEmpty());
  }

  @Test
  void ppoOn16LearnersIsALearnerErrorBecauseGrpoDoesNotFitEither() {
    // Tensor 8 × data 2: each state 140e9 / 2 = 70e9, reference 8.75e9: GRPO 70e9 + 8.75e9
    // + 12,048,138,240 = 90,798,138,240 > 80,520,809,984, so dropping the critic is not enough.
    RlAnalysis analysis = RlSizing.analyse(fewLearners(RlAlgorithm.PPO, 2, ZeroStage.THREE));
    RlFigures figures = analysis.figures().orElseThrow();
    assertEquals(90_798_138_240L, figures.grpoLearnerBytesPerGpu());
    assertEquals(160_798_138_240L, figures.ppoLearnerBytesPerGpu());
    only(analysis.findings(), "headroom.learner-memory", Anchor.LEARNERS, "");
    assertTrue(withId(analysis.findings(), "headroom.critic-memory").isEmpty());
  }

  // ---- headroom.rl-idle ----

  @Test
  void actorsIdleBehindFewLearnersAndTheBalancedSplitIsNamed() {
    // 640 actors + 128 learners, maxStaleness 1: training 1.14688e19 / (128 × 989.4e12 × 0.4)
    // = 226.40 s; the rollout is its tail, 87.43 s (bulk: 160 replicas × 26, 4,000 × (35e9 +
    // 26 × 409.6e6) / 3.35e12 = 54.5 s). Step 226.40 + max(0, 5.6 − 138.97) = 226.40 s;
    // actors idle 1 − 87.43 / 226.40 = 61.4% > 30%. The same 768 GPUs balance as 328 + 440
    // (RlBalanceTest): a 66.18 s bulk rollout against a 65.86 s update.
    double train = capstoneTrainSeconds(128);
    assertEquals(226.40, train, 0.005);
    RlAnalysis analysis = RlSizing.analyse(capstoneSplit(640, 16));
    RlFigures figures = analysis.figures().orElseThrow();
    assertRelative(1 - CAPSTONE_TAIL / train, figures.actorIdleFraction(), 1e-9);

    Finding finding = only(analysis.findings(), "headroom.rl-idle", Anchor.ACTORS, "gpus");
    assertEquals(Severity.WARNING, finding.severity());
    assertEquals(Verdict.WARN, analysis.verdict());
    assertContains(finding.message(), "the actors idle 61.4% of each step");
    assertContains(finding.message(), "split the same 768 GPUs as 328 actor and 440 learner GPUs");
    assertFalse(finding.message().contains("maxStaleness = 1"), finding.message());
  }

  @Test
  void learnersIdleBehindTwoActorReplicas() {
    // 8 actors (2 replicas) + 760 learners (data 95), maxStaleness 1. Each replica holds the KV
    // of 111 sequences: step (35e9 + 111 × 409.6e6) / 3.35e12 = 24.02 ms; 2 × 111 sequences
    // per step: bulk = 16,384,000 × 24.02 ms / 222 = 1,772.7 s. Training 1.14688e19 / (760 ×
    // 989.4e12 × 0.4) = 38.13 s. Learners idle 1 − 38.13 / 1,772.7 = 97.8%. The same 768
    // GPUs balance as 328 + 440, as for every split of them (RlBalanceTest).
    double step = (35e9 + 111 * 409_600_000.0) / H100_HBM;
    double bulk = 16_384_000 * step / 222;
    assertEquals(1_772.7, bulk, 0.05);
    RlAnalysis analysis = RlSizing.analyse(capstoneSplit(8, 95));
    RlFigures figures = analysis.figures().orElseThrow();
    assertEquals(RlFigures.ROLLOUT, figures.bound());
    assertEquals(Constraint.ROLLOUT, analysis.binding());
    assertRelative(bulk, figures.rolloutSeconds(), 1e-12);
    Finding finding = only(analysis.findings(), "headroom.rl-idle", Anchor.LEARNERS, "gpus");
    assertContains(finding.message(), "the learners idle 97.8% of each step");
    assertContains(finding.message(), "as 328 actor and 440 learner GPUs");
  }

  @Test
  void synchronousLoopIdleFixAlsoOffersOverlap() {
    // 640 actors + 128 learners at maxStaleness 0: training 226.40 s, the rollout its 87.43 s
    // tail, the broadcast 5.6 s, one after another: 319.43 s a step. The phases are out of
    // balance (1 − 87.43 / 226.40 = 61.4% > 30%), so the actors' idle share of the synchronous
    // step, 1 − 87.43 / 319.43 = 72.6%, is a warning whose fix also offers overlapping; the
    // split it names is the 768 GPUs' balanced 328 + 440.
    RlInput split = capstoneSplit(640, 16);
    RlInput synchronous =
        loop(split.algorithm(), 16, 8_192, 0, split.actors(), split.learners(), 50);
    RlAnalysis analysis = RlSizing.analyse(synchronous);
    Finding finding = only(analysis.findings(), "headroom.rl-idle", Anchor.ACTORS, "gpus");
    assertContains(finding.message(), "the actors idle 72.6% of each step");
    assertContains(finding.message(), "as 328 actor and 440 learner GPUs");
    assertContains(finding.message(), "or overlap them with maxStaleness = 1");
  }

  /**
   * A synchronous loop idles by construction: the waiting side's share of r + t + s is at most
   * a half. When its phases are already balanced no split helps, so no rl-idle warning; the
   * staleness note says what overlapping would save.
   */
  @Test
  void synchronousLoopOnTheBalancedSplitIsNotToldToTakeItsOwnSplit() {
    // 328 actors + 440 learners is the balanced split of 768 GPUs (RlBalanceTest). At
    // maxStaleness 0 the step is 87.43 (the tail; bulk 66.18) + 65.86 + 5.6 = 158.89 s; the
    // actors idle 1 − 87.43 / 158.89 = 45.0% of it, all of it the synchronous schedule's, none
    // a split's.
    RlInput balanced = capstoneSplit(328, 55);
    RlInput synchronous = loop(balanced.algorithm(), 16, 8_192, 0, balanced.actors(),
        balanced.learners(), 50);
    RlAnalysis analysis = RlSizing.analyse(synchronous);
    RlFigures figures = analysis.figures().orElseThrow();
    assertEquals(328L, figures.balancedActorGpus());
    assertEquals(440L, figures.balancedLearnerGpus());
    assertRelative(CAPSTONE_TAIL + capstoneTrainSeconds(440) + 5.6, figures.stepSeconds(),
        1e-12);
    assertRelative(1 - CAPSTONE_TAIL / figures.stepSeconds(), figures.actorIdleFraction(),
        1e-12);
    assertFalse(analysis.findings().stream()
        .anyMatch(finding -> finding.id().equals("headroom.rl-idle")), analysis::toString);
    only(analysis.findings(), "headroom.staleness", Anchor.RL_LOOP, "maxStaleness");
  }

  // ---- headroom.weight-sync ----

  @Test
  void slowSynchronousBroadcastIsAWarningWithItsShareOfTheStep() {
    // 5 GB/s × 0.5 = 2.5e9 B/s: 140e9 / 2.5e9 = 56 s. Synchronous step 87.43 + 90.56 + 56
    // = 233.99 s; 56 / 233.99 = 23.9% > 10%.
    RlAnalysis analysis = RlSizing.analyse(capstone(0, 5));
    RlFigures figures = analysis.figures().orElseThrow();
    assertEquals(56.0, figures.weightSyncSeconds(), 1e-9);
    assertRelative(CAPSTONE_TAIL + capstoneTrainSeconds(320) + 56,
        figures.stepSeconds(), 1e-12);
    Finding finding = only(analysis.findings(), "headroom.weight-sync", Anchor.RL_LOOP,
        "broadcastGbPerSecond");
    assertEquals(Severity.WARNING, finding.severity());
    assertContains(finding.message(), "takes 23.9% of each step");
    assertContains(finding.message(), "140.00 GB of weights at 5 GB/s × 0.5 efficiency = 56.0 s"
        + " of a 234.0 s step");
    assertContains(finding.message(), "or maxStaleness = 1 to hide it");
  }

  @Test
  void slowBroadcastBeyondTheSlackShowsEvenWhenOverlapped() {
    // maxStaleness 1: 90.56 + max(0, 56 − 3.13) = 143.43 s; visible 143.43 − 90.56 = 52.87 s,
    // 52.87 / 143.43 = 36.9% > 10%.
    RlAnalysis analysis = RlSizing.analyse(capstone(1, 5));
    Finding finding = only(analysis.findings(), "headroom.weight-sync", Anchor.RL_LOOP,
        "broadcastGbPerSecond");
    assertContains(finding.message(), "takes 36.9% of each step");
    assertFalse(finding.message().contains("maxStaleness = 1"), finding.message());
  }

  @Test
  void capstoneBroadcastIsBelowTheThresholdEitherWay() {
    // Synchronous: 5.6 / 183.59 = 3.1%; overlapped: (93.03 − 90.56) / 93.03 = 2.7%: both < 10%.
    assertTrue(withId(RlSizing.analyse(capstone(0, 50)).findings(), "headroom.weight-sync")
        .isEmpty());
    assertTrue(withId(RlSizing.analyse(capstone(1, 50)).findings(), "headroom.weight-sync")
        .isEmpty());
  }

  // ---- headroom.staleness ----

  @Test
  void synchronousCapstoneEarnsTheStalenessNote() {
    // Synchronous 87.43 + 90.56 + 5.6 = 183.59 s; overlapped 93.03 s:
    // 1 − 93.03 / 183.59 = 49.3% shorter, more than 10%.
    RlAnalysis analysis = RlSizing.analyse(capstone(0, 50));
    Finding finding = only(analysis.findings(), "headroom.staleness", Anchor.RL_LOOP,
        "maxStaleness");
    assertEquals(Severity.NOTE, finding.severity());
    assertContains(finding.message(), "87.4 s + 90.6 s + 5.6 s = 183.6 s per step");
    assertContains(finding.message(), "93.0 s per step, 49.3% shorter");
  }

  @Test
  void noStalenessNoteWhenOverlapGainsUnderTenPercent() {
    // 8 actors + 760 learners at maxStaleness 0: 1,772.69 + 38.13 + 5.6 = 1,816.42 s
    // synchronous, 1,772.69 s overlapped: 1 − 1,772.69 / 1,816.42 = 2.4% < 10%.
    RlInput input = capstoneSplit(8, 95);
    RlInput synchronous = loop(input.algorithm(), 16, 8_192, 0, input.actors(),
        input.learners(), 50);
    RlAnalysis analysis = RlSizing.analyse(synchronous);
    RlFigures figures = analysis.figures().orElseThrow();
    assertTrue(figures.overlappedStepSeconds() > 0.9 * figures.synchronousStepSeconds());
    assertTrue(withId(analysis.findings(), "headroom.staleness").isEmpty());
  }

  @Test
  void stalenessNoteOnlyForSynchronousLoops() {
    // The same loop at maxStaleness 1 already overlaps.
    assertTrue(withId(RlSizing.analyse(capstone(1, 50)).findings(), "headroom.staleness")
        .isEmpty());
  }

  // ---- headroom.rollout-tail ----

  @Test
  void longTailDominatesTheRolloutWithItsFractionInTheMessage() {
    // Max rollout 32,000: alone, a step reads 35e9 + 81,920 × (1,000 + 32,000) = 37,703,360,000
    // bytes, 11.2547 ms; × 32,000 = 360.15 s at 32,000 / 360.15 = 89 tokens/s. The bulk is
    // unchanged, ≈ 4,000 × 14.97 ms = 59.9 s < 360.15 / 2: the phase waits
    // 1 − 59.9 / 360.15 = 83.4% of its 360.2 s on the tail.
    double tail = 32_000 * (35e9 + 81_920.0 * 33_000) / H100_HBM;
    assertEquals(360.15, tail, 0.005);
    RlAnalysis analysis = RlSizing.analyse(withTokens(capstone(), 4_000, 32_000));
    RlFigures figures = analysis.figures().orElseThrow();
    assertRelative(tail, figures.tailRolloutSeconds(), 1e-12);
    assertRelative(tail, figures.rolloutSeconds(), 1e-12);
    assertTrue(figures.bulkRolloutSeconds() < 0.5 * tail);
    Finding finding = only(analysis.findings(), "headroom.rollout-tail", Anchor.RL_LOOP,
        "maxRolloutTokens");
    assertEquals(Severity.WARNING, finding.severity());
    assertContains(finding.message(), "the longest rollout (32,000 tokens) decodes alone at 89"
        + " tokens/s for 360.2 s");
    assertContains(finding.message(), "waits 83.4% of its 360.2 s on the tail");
  }

  @Test
  void noTailWarningWhenTheBulkIsOverHalfTheTail() {
    // Capstone: bulk 59.9 s ≥ 87.43 / 2 = 43.7 s.
    assertTrue(withId(RlSizing.analyse(capstone()).findings(), "headroom.rollout-tail")
        .isEmpty());
  }

  // ---- headroom.actor-memory ----

  @Test
  void seventyBInBf16OnOneGpuCannotHoldARollout() {
    // Tensor 1: 70e9 × 2 = 140e9 bytes of weights on an 85.52e9-byte H100: no KV room at all;
    // the longest rollout needs 327,680 × 9,192 = 3,012,034,560 bytes (R-K1: 327,680 per token).
    RlInput input = capstone().withPools(actors(448, 1), capstone().learners());
    RlAnalysis analysis = RlSizing.analyse(input);
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.ACTOR_MEMORY, analysis.binding());
    assertTrue(analysis.figures().isEmpty());
    Finding finding = only(analysis.findings(), "headroom.actor-memory", Anchor.ACTORS, "");
    assertEquals(Severity.ERROR, finding.severity());
    assertContains(finding.message(), "each actor GPU has 0 B for KV cache after 140.00 GB of"
        + " weights, and the longest rollout (1,000 + 8,192 tokens) needs 3.01 GB of it at"
        + " tensor = 1");
  }

  @Test
  void roomForTheMeanButNotTheLongestRolloutIsAnActorError() {
    // Tensor 2: weights 70e9 per GPU; room 85,520,809,984 − 70e9 − 5e9 = 10,520,809,984;
    // KV per token per GPU 2 × 80 × 4 × 128 × 2 = 163,840. A mean sequence (5,000 tokens,
    // 819,200,000 bytes) fits 12 times, but the longest, 1,000 + 100,000 tokens, needs
    // 163,840 × 101,000 = 16,547,840,000 bytes.
    RlInput input = withTokens(capstone().withPools(actors(448, 2), capstone().learners()),
        4_000, 100_000);
    RlAnalysis analysis = RlSizing.analyse(input);
    assertEquals(Constraint.ACTOR_MEMORY, analysis.binding());
    Finding finding = only(analysis.findings(), "headroom.actor-memory", Anchor.ACTORS, "");
    assertContains(finding.message(), "each actor GPU has 10.52 GB for KV cache after 70.00 GB"
        + " of weights, and the longest rollout (1,000 + 100,000 tokens) needs 16.55 GB");
  }
}
