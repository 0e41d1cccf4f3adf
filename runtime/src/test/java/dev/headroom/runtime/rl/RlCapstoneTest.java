package dev.headroom.runtime.rl;

import static dev.headroom.runtime.rl.RlCases.CAPSTONE_70B;
import static dev.headroom.runtime.rl.RlCases.CAPSTONE_ALONE_STEP;
import static dev.headroom.runtime.rl.RlCases.CAPSTONE_FLOPS;
import static dev.headroom.runtime.rl.RlCases.CAPSTONE_TAIL;
import static dev.headroom.runtime.rl.RlCases.H100;
import static dev.headroom.runtime.rl.RlCases.H100_HBM;
import static dev.headroom.runtime.rl.RlCases.H100_PEAK;
import static dev.headroom.runtime.rl.RlCases.H100_REPORTED;
import static dev.headroom.runtime.rl.RlCases.LEARNER_AVAILABLE;
import static dev.headroom.runtime.rl.RlCases.assertRelative;
import static dev.headroom.runtime.rl.RlCases.capstone;
import static dev.headroom.runtime.rl.RlCases.capstoneTrainSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Precision;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.ReplicaSplit;
import org.junit.jupiter.api.Test;

/** Checks the capstone's RL stage (CAPSTONE.md stage 3) against hand arithmetic. */
class RlCapstoneTest {

  /**
   * The policy's parameters per learner GPU at tensor 8, pipeline 1: ⌈70e9 × 80 / (80 × 8)⌉.
   */
  private static final long PARAMETERS_PER_LEARNER = 8_750_000_000L;

  /** Full recompute (Korthikanti Table 2, 2sbh) × 80 layers, s = 1,000 + 8,192, b = 1. */
  private static final long ACTIVATIONS = 2L * 9_192 * 8_192 * 80;

  // ---- Counts and FLOPs ----

  @Test
  void capstoneStepHas4096SequencesAnd16_384_000RolloutTokens() {
    // 256 prompts × 16 samples = 4,096 sequences; × 4,000 mean rollout = 16,384,000 tokens;
    // × (1,000 prompt + 4,000 rollout) = 20,480,000 tokens trained.
    RlInput input = capstone();
    assertEquals(4_096L, RlSizing.sequencesPerStep(input));
    assertEquals(16_384_000L, RlSizing.rolloutTokensPerStep(input));
    assertEquals(20_480_000L, RlSizing.trainTokensPerStep(input));
  }

  @Test
  void capstoneUpdateIs1_14688e19Flops() {
    // GRPO, a verifier, the reference a copy of the policy: 20,480,000 × (6 + 2) × 70e9
    // = 20,480,000 × 5.6e11 = 1.14688e19 FLOPs.
    assertRelative(1.14688e19, RlSizing.learnerFlopsPerStep(capstone()), 1e-15);
    assertRelative(1.14688e19, CAPSTONE_FLOPS, 1e-15);
  }

  @Test
  void ppoAddsTheCriticsTrainingFlops() {
    // PPO trains a critic of the policy's shape too: 20,480,000 × (6 + 2 + 6) × 70e9
    // = 20,480,000 × 9.8e11 = 2.00704e19 FLOPs.
    RlInput ppo = capstone().withAlgorithm(RlAlgorithm.PPO);
    assertRelative(2.00704e19, RlSizing.learnerFlopsPerStep(ppo), 1e-15);
  }

  @Test
  void capstoneUpdateTakes90_56SecondsOn320LearnersAt40PercentMfu() {
    // 1.14688e19 / (320 × 989.4e12 × 0.40) = 1.14688e19 / 1.266432e17 = 90.5599 s.
    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(989.4e12, H100.denseBf16FlopsPerSecond());
    assertRelative(1.14688e19 / 1.266432e17, figures.trainSeconds(), 1e-12);
    assertEquals(90.56, figures.trainSeconds(), 0.005);
    // 20,480,000 tokens / 90.5599 s = 226,148 tokens/s trained while the learners work.
    assertRelative(20_480_000 / (1.14688e19 / 1.266432e17), figures.trainTokensPerSecond(),
        1e-12);
  }

  // ---- Weight broadcast ----

  @Test
  void capstoneBroadcastsThe140GbPolicyIn5_6Seconds() {
    // CAPSTONE.md: "broadcasts the updated 140 GB policy": 70e9 × 2 bytes (BF16) = 140e9;
    // at 50 GB/s × 0.5 efficiency = 25e9 B/s: 140e9 / 25e9 = 5.6 s.
    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(140_000_000_000L, figures.weightSyncBytes());
    assertEquals(5.6, figures.weightSyncSeconds(), 1e-12);
  }

  @Test
  void fp8ActorsHalveTheBroadcast() {
    // Actors holding the policy in FP8 (CAPSTONE.md stage 1: "weights 70 GB"): 70e9 × 1 byte
    // = 70e9 bytes, 70e9 / 25e9 = 2.8 s; each tensor-4 actor GPU holds 70e9 / 4 = 17.5e9.
    PoolInput fp8 = new PoolInput(H100, 448, Precision.FP8, new ReplicaSplit(4, 1, 1, 1, 1),
        ZeroStage.NONE, 5.0);
    RlInput input = capstone().withPools(fp8, capstone().learners());
    RlFigures figures = RlSizing.figures(input);
    assertEquals(70_000_000_000L, figures.weightSyncBytes());
    assertEquals(2.8, figures.weightSyncSeconds(), 1e-12);
    FleetFigures replica = FleetSizing.figures(RlSizing.actorFleet(input));
    assertEquals(17_500_000_000L, replica.weightBytesPerGpu());
  }

  // ---- Learner memory (CAPSTONE.md: GRPO has no critic) ----

  @Test
  void capstonePolicyStateIsSixteenBytesPerParameterShardedOver320Gpus() {
    // Per GPU before ZeRO: ⌈70e9 × ⌈80 / 1⌉ / (80 × 8)⌉ = 8.75e9 parameters. ZeRO-3 over
    // the 40 data ranks, each part ⌈·/40⌉: weights ⌈2 × 8.75e9 / 40⌉ = 437,500,000,
    // gradients the same, optimizer ⌈12 × 8.75e9 / 40⌉ = 2,625,000,000; total 3,500,000,000
    // bytes = 16 × 70e9 / (8 × 40) = 1.12e12 / 320 exactly, no rounding.
    long weights = ceilDiv(2 * PARAMETERS_PER_LEARNER, 40);
    long optimizer = ceilDiv(12 * PARAMETERS_PER_LEARNER, 40);
    assertEquals(437_500_000L, weights);
    assertEquals(2_625_000_000L, optimizer);
    assertEquals(16 * 70_000_000_000L / 320, 2 * weights + optimizer);

    LearnerMemory memory = RlSizing.learnerMemory(capstone(), RlAlgorithm.GRPO);
    assertEquals(3_500_000_000L, memory.policyStateBytes());
  }

  @Test
  void capstoneReferenceIsItsBf16WeightsShardedByZero3() {
    // 2 bytes × 70e9 / (8 × 40) = 140e9 / 320 = 437,500,000 bytes per GPU.
    LearnerMemory memory = RlSizing.learnerMemory(capstone(), RlAlgorithm.GRPO);
    assertEquals(437_500_000L, memory.referenceBytes());
    assertEquals(0L, memory.rewardBytes());
  }

  @Test
  void capstoneActivationsAreTwoSbhPerLayerUnderFullRecompute() {
    // Korthikanti et al. 2022, Table 2, full recompute: 2sbh per layer with s = 1,000 + 8,192
    // = 9,192 (the longest sequence), b = 1, h = 8,192: 2 × 9,192 × 8,192 = 150,601,728 bytes;
    // × 80 layers = 12,048,138,240; × min(p = 1, ⌈4,096 / 40⌉ = 103 micro-batches) = 1.
    assertEquals(150_601_728L * 80, ACTIVATIONS);
    assertEquals(12_048_138_240L, ACTIVATIONS);
    assertEquals(ACTIVATIONS,
        RlSizing.learnerMemory(capstone(), RlAlgorithm.GRPO).activationBytes());
  }

  @Test
  void capstoneLearnerFitsAnH100() {
    // 3,500,000,000 + 437,500,000 + 0 + 0 + 12,048,138,240 = 15,985,638,240 bytes, against
    // 85,520,809,984 − 5e9 reserved = 80,520,809,984 available.
    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(3_500_000_000L, figures.policyStateBytesPerGpu());
    assertEquals(437_500_000L, figures.referenceBytesPerGpu());
    assertEquals(0L, figures.rewardBytesPerGpu());
    assertEquals(0L, figures.criticStateBytesPerGpu());
    assertEquals(ACTIVATIONS, figures.activationBytesPerGpu());
    assertEquals(15_985_638_240L, figures.learnerBytesPerGpu());
    assertEquals(80_520_809_984L, figures.learnerAvailableBytesPerGpu());
    assertEquals(LEARNER_AVAILABLE, figures.learnerAvailableBytesPerGpu());
    assertTrue(figures.learnerFits());
  }

  @Test
  void grpoSavesTheCriticsStateAgainstPpo() {
    // CAPSTONE.md: "GRPO has no critic, which saves a 70B model's worth of memory against PPO".
    // The critic (the policy's shape) trains too: 16 × 70e9 = 1,120e9 bytes over 320 GPUs =
    // 3,500,000,000 per GPU; PPO: 15,985,638,240 + 3,500,000,000 = 19,485,638,240.
    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(15_985_638_240L, figures.grpoLearnerBytesPerGpu());
    assertEquals(19_485_638_240L, figures.ppoLearnerBytesPerGpu());
    assertEquals(1_120_000_000_000L / 320,
        figures.ppoLearnerBytesPerGpu() - figures.grpoLearnerBytesPerGpu());
    LearnerMemory ppo = RlSizing.learnerMemory(capstone(), RlAlgorithm.PPO);
    assertEquals(3_500_000_000L, ppo.criticStateBytes());
    assertEquals(19_485_638_240L, ppo.totalBytes());
  }

  // ---- Actors: the serving engine's roofline on tensor-4 BF16 replicas ----

  @Test
  void catalogueH100HasThe3_35TbPerSecondDatasheetBandwidth() {
    // NVIDIA H100 datasheet (SXM): 3.35 TB/s HBM3; nvidia-smi reports 81,559 MiB.
    assertEquals(H100_HBM, H100.hbmBytesPerSecond());
    assertEquals(81_559L << 20, H100_REPORTED);
    assertEquals(H100_REPORTED, H100.reportedMemoryBytes());
  }

  @Test
  void capstoneActorReplicaHolds111SequencesOfKv() {
    // Weights per GPU: 70e9 × 2 bytes / 4 = 35e9 (CAPSTONE.md: "35 GB per GPU").
    // KV room per GPU: 85,520,809,984 − 35e9 − 5e9 reserved = 45,520,809,984 bytes.
    // KV per token per GPU: 2 × 80 layers × 8 / 4 = 2 heads × 128 × 2 bytes = 81,920.
    // A sequence holds its prompt and mean rollout: 81,920 × 5,000 = 409,600,000 per GPU;
    // ⌊45,520,809,984 / 409,600,000⌋ = ⌊111.13⌋ = 111.
    FleetFigures replica = FleetSizing.figures(RlSizing.actorFleet(capstone()));
    assertEquals(35_000_000_000L, replica.weightBytesPerGpu());
    assertEquals(45_520_809_984L, replica.kvRoomBytesPerGpu());
    assertEquals(2L * 80 * 2 * 128 * 2, replica.kvBytesPerTokenPerGpu());
    assertEquals(81_920L, replica.kvBytesPerTokenPerGpu());
    assertEquals(409_600_000L, replica.kvBytesPerRequestPerGpu());
    assertEquals(111L, replica.kvBoundRequestsPerReplica());
  }

  @Test
  void capstoneActorBatchIsTheSharePerReplicaNotTheKvBound() {
    // 448 GPUs / 4 = 112 replicas; ⌈4,096 / 112⌉ = ⌈36.57⌉ = 37 sequences each, fewer than
    // the 111 the KV room holds: batch = min(111, 37) = 37.
    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(112L, figures.actorReplicas());
    assertEquals(Math.min(111L, ceilDiv(4_096, 112)), figures.actorBatch());
    assertEquals(37L, figures.actorBatch());
  }

  @Test
  void capstoneActorStepAt37SequencesIsMemoryBound() {
    // Reads 35e9 + 37 × 409,600,000 = 50,155,200,000 bytes at 3.35e12 B/s = 14.9717 ms; its
    // FLOPs, 2 × 70e9 × 37 / 4 = 1.295e12 at 989.4e12 FLOP/s, take 1.31 ms.
    double memory = (35e9 + 37 * 409_600_000.0) / H100_HBM;
    assertTrue(2 * 70e9 * 37 / 4 / H100_PEAK < memory);
    RlFigures figures = RlSizing.figures(capstone());
    assertRelative(1000 * memory, figures.actorStepMillis(), 1e-12);
    assertEquals(14.9717, figures.actorStepMillis(), 1e-4);
  }

  @Test
  void capstoneTailIs8192StepsAloneHoldingTheKvOf9192Tokens() {
    // 8,192 × (35e9 + 81,920 × 9,192) / 3.35e12 = 8,192 × 35,753,008,640 / 3.35e12
    // = 8,192 × 10.6725 ms = 87.43 s.
    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(35_753_008_640.0, 35e9 + 81_920.0 * 9_192);
    assertRelative(8_192 * 35_753_008_640.0 / 3.35e12, figures.tailRolloutSeconds(), 1e-12);
    assertRelative(CAPSTONE_TAIL, figures.tailRolloutSeconds(), 1e-12);
    assertEquals(87.43, figures.tailRolloutSeconds(), 0.005);
    assertTrue(2 * 70e9 / 4 / H100_PEAK < CAPSTONE_ALONE_STEP);
  }

  @Test
  void capstoneBulkIsOneWaveOf4000StepsSoTheTailSetsTheRollout() {
    // Every replica decodes its ≤ 37 sequences at once, so the bulk is one wave of 4,000 decode
    // steps at batch 37: 4,000 × 14.9717 ms = 59.89 s. The engine spreads the tokens over its
    // rate of replicas × batch / step and may count up to a batch of idle slots (111 × 37 =
    // 4,107 for 4,096 sequences), a 0.3% difference: 0.5% tolerance.
    // The tail, 87.43 s, is longer: rollout = max(59.89, 87.43) = 87.43 s.
    double step = (35e9 + 37 * 409_600_000.0) / H100_HBM;
    RlFigures figures = RlSizing.figures(capstone());
    assertRelative(4_000 * step, figures.bulkRolloutSeconds(), 0.005);
    assertRelative(CAPSTONE_TAIL, figures.rolloutSeconds(), 1e-12);
  }

  // ---- The step: rollout 87.43 s, training 90.56 s, broadcast 5.6 s, maxStaleness 1 ----

  @Test
  void capstoneIsTrainBoundAndHidesMostOfTheBroadcast() {
    // Overlapped: max(87.43, 90.56) + max(0, 5.6 − (90.56 − 87.43)) = 90.56 + 2.47 = 93.03 s;
    // synchronous would be 87.43 + 90.56 + 5.6 = 183.59 s. maxStaleness = 1: the overlapped.
    double rollout = CAPSTONE_TAIL;
    double train = capstoneTrainSeconds(320);
    double overlapped = train + Math.max(0, 5.6 - (train - rollout));
    assertEquals(93.03, overlapped, 0.005);
    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(RlFigures.TRAIN, figures.bound());
    assertRelative(overlapped, figures.overlappedStepSeconds(), 1e-12);
    assertRelative(rollout + train + 5.6, figures.synchronousStepSeconds(), 1e-12);
    assertRelative(overlapped, figures.stepSeconds(), 1e-12);
    // Actors idle 1 − 87.43 / 93.03 = 6.0%; learners 1 − 90.56 / 93.03 = 2.7%.
    assertRelative(1 - rollout / overlapped, figures.actorIdleFraction(), 1e-9);
    assertRelative(1 - train / overlapped, figures.learnerIdleFraction(), 1e-9);
    // 20,480,000 tokens per 93.03 s step = 220,149 tokens/s.
    assertRelative(20_480_000 / overlapped, figures.trainedTokensPerSecond(), 1e-12);
  }

  @Test
  void capstoneLoopPassesBoundByTraining() {
    // Training (90.56 s) is slower than the rollout (87.43 s); no side idles over 30%, the
    // visible broadcast is 2.47 / 93.03 = 2.7% of the step, the bulk (59.9 s) is more than half
    // the tail (43.7 s), and the learners fit: nothing to report.
    RlAnalysis analysis = RlSizing.analyse(capstone());
    assertEquals(Verdict.PASS, analysis.verdict(), analysis.findings().toString());
    assertEquals(Constraint.TRAIN, analysis.binding());
    assertEquals(0, analysis.findings().size(), analysis.findings().toString());
    assertTrue(analysis.figures().isPresent());
  }

  @Test
  void capstoneSummaryStatesThePhasesAndTheIdleSide() {
    // Step 93.03 s; rollout 87.43, training 90.56, broadcast 5.6; training binds, so the actors
    // idle 1 − 87.43 / 93.03 = 6.0%.
    assertEquals("steps in 93.0 s (rollout 87.4 s, training 90.6 s, broadcast 5.6 s), actors"
        + " idle 6.0%, bound by train", RlSizing.analyse(capstone()).summary());
  }

  @Test
  void capstoneModelIsTheLlama3_70bShapeAt70e9Parameters() {
    // R-P1's shape; the capstone's arithmetic uses the declared 70e9.
    assertEquals(70_000_000_000L, CAPSTONE_70B.parameters());
    assertEquals(70_553_706_496L, CAPSTONE_70B.derivedParameters());
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
