package dev.headroom.runtime.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.serving.ReplicaSplit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RL on a mixture of experts, Mixtral 8x7B and Qwen3-235B-A22B, checked by hand (REFERENCES.md
 * R-P2).
 */
class MixtureOfExpertsRlTest {
  private static final ModelShape MIXTRAL = KnownModels.shape(KnownModel.MIXTRAL_8X7B);
  private static final ModelShape QWEN3 = KnownModels.shape(KnownModel.QWEN_3_235B_A22B);
  private static final GpuSpec H200 = GpuCatalog.spec(Gpu.H200);

  private static RlInput loop(PoolInput actors, PoolInput learners) {
    return new RlInput("PolicyRl", MIXTRAL, MIXTRAL, Optional.empty(), MIXTRAL,
        RlAlgorithm.GRPO, 256, 16, 1_000, 4_000, 8_192, 1, actors, learners, 0.40,
        Recompute.FULL, 50, 0.5);
  }

  @Test
  void updateFlopsUseActiveParametersAndTheBroadcastTheTotal_RP2() {
    RlInput input = loop(RlCases.actors(64, 4), RlCases.learners(8, 16, ZeroStage.THREE));

    // 256 × 16 sequences × (1,000 + 4,000) tokens = 20,480,000, × (6 policy + 2 reference)
    // × 12,879,925,248 active = 2.110246...e18, not the 7.65e18 that 46.70B total would give.
    assertEquals(20_480_000L * 8 * 12_879_925_248.0, RlSizing.learnerFlopsPerStep(input));
    // The broadcast sends every weight: 46,702,792,704 × 2 B in BF16.
    assertEquals(93_405_585_408L, RlSizing.figures(input).weightSyncBytes());
  }

  @Test
  void learnersShardExpertStateOverTheRanksHoldingTheSameExperts() {
    // Learners tensor 2 × expert 4 × data 16 = 32 H100s, ZeRO-3: a GPU holds 802,818,048
    // dense and 5,637,144,576 expert parameters (2 of 8 experts a layer, over tensor 2). The
    // policy's 16 B a parameter shards over 16 ranks for the dense part, ⌈12,845,088,768 /
    // 16⌉ = 802,818,048 B, and over 16 / 4 = 4 for the experts, 90,194,313,216 / 4 =
    // 22,548,578,304 B: 23,351,396,352 B. The frozen reference in BF16: 1,605,636,096 / 16 +
    // 11,274,289,152 / 4 = 100,352,256 + 2,818,572,288 = 2,918,924,544 B.
    PoolInput learners = new PoolInput(RlCases.H100, 32, Precision.INHERIT,
        new ReplicaSplit(2, 1, 4, 16, 1), ZeroStage.THREE, 5.0);
    RlInput input = loop(RlCases.actors(64, 4), learners);

    LearnerMemory memory = RlSizing.learnerMemory(input, RlAlgorithm.GRPO);

    assertEquals(23_351_396_352L, memory.policyStateBytes());
    assertEquals(2_918_924_544L, memory.referenceBytes());
  }

  @Test
  void actorReplicasSpanTheirExpertDegree() {
    // Actors tensor 1 × expert 4: replicas of 4 GPUs, so 64 actor GPUs run 16 of them.
    PoolInput actors = new PoolInput(RlCases.H100, 64, Precision.INHERIT,
        new ReplicaSplit(1, 1, 4, 1, 1), ZeroStage.NONE, 5.0);
    RlInput input = loop(actors, RlCases.learners(8, 16, ZeroStage.THREE));

    assertEquals(16L, RlSizing.figures(input).actorReplicas());
  }

  /**
   * Returns Qwen3-235B-A22B under synchronous GRPO on H200s: 64 prompts × 8 samples of 1,000 +
   * 4,000 tokens (16,000 at most), actors of expert 8, learners {@code learnerGpus} as tensor 2
   * × pipeline 4 × data {@code learnerData} × expert 8 under ZeRO-1, a 50 GB/s broadcast.
   */
  private static RlInput qwen3(int actorGpus, int learnerGpus, int learnerData) {
    PoolInput actors = new PoolInput(H200, actorGpus, Precision.INHERIT,
        new ReplicaSplit(1, 1, 8, 1, 1), ZeroStage.NONE, 5.0);
    PoolInput learners = new PoolInput(H200, learnerGpus, Precision.INHERIT,
        new ReplicaSplit(2, 4, 8, learnerData, 1), ZeroStage.ONE, 5.0);
    return new RlInput("Qwen3Grpo", QWEN3, QWEN3, Optional.empty(), QWEN3, RlAlgorithm.GRPO,
        64, 8, 1_000, 4_000, 16_000, 0, actors, learners, 0.40, Recompute.FULL, 50, 0.5);
  }

  @Test
  void balancedSplitKeepsTheLearnersExpertDegreeAndNeverLengthensTheStep() {
    // Declared 64 actors + 128 learners (tensor 2 × pipeline 4 × data 16). The update:
    // 64 × 8 × (1,000 + 4,000) = 2,560,000 tokens × (6 + 2) × 22,190,739,456 active =
    // 4.5447e17 FLOPs / (128 × 989.4e12 × 0.40) = 8.97 s. The broadcast: 235,093,610,496 × 2
    // B = 470.19 GB / (50 GB/s × 0.5) = 18.81 s. The rollout is its 16,000-token tail: a step
    // of the lone sequence reads the GPU's 15.99 GB of dense weights, 1/16 of its 56.77 GB of
    // routed experts (8 of 128 picked) and the sequence's whole KV, 17,000 × 192,512 B =
    // 3.27 GB, on the one GPU that holds it: 22.81 GB / 4.8e12 B/s = 4.75 ms, × 16,000 =
    // 76.05 s (the bulk is 66.30 s). Synchronous: 76.05 + 8.97 + 18.81 = 103.83 s.
    RlInput input = qwen3(64, 128, 16);
    RlFigures f = RlSizing.figures(input);
    assertEquals(8.97, f.trainSeconds(), 0.005);
    assertEquals(18.81, f.weightSyncSeconds(), 0.005);
    assertEquals(76.05, f.rolloutSeconds(), 0.005);
    assertEquals(103.83, f.stepSeconds(), 0.005);

    // The old balance took 168 actors + 24 learners, data 24 / 8 = 3, where expert 8 does not
    // divide 3 × 1: a layout error, and a slower step, 76.05 + 4.5447e17 / (24 × 395.76e12)
    // = 47.85 + 18.81 = 142.71 s. Actors come in replicas of tensor 1 × expert 8 = 8 GPUs and
    // learners in groups of 2 × 4 = 8 whose data is a multiple of 8, so the 192 GPUs split
    // only as 64 + 128 or 128 + 64. 128 + 64 brings the throughputs closer (bulk 57.85 s
    // against 17.94 s) but steps in 76.05 + 17.94 + 18.81 = 112.80 s, longer than 103.83 s:
    // the declared split stays the balanced one.
    double oldTrain = RlSizing.trainSeconds(input, 24);
    assertEquals(47.85, oldTrain, 0.005);
    assertEquals(142.71, RlSizing.stepSeconds(input, f.rolloutSeconds(), oldTrain,
        f.weightSyncSeconds()), 0.005);
    assertEquals("the parallel layout does not add up: expert = 8 does not divide data 3 ×"
        + " context 1 = 3 ranks, from which expert parallelism takes its ranks. Fix: use an"
        + " expert degree that divides 3.", RlCases.only(RlValidation.check(qwen3(168, 24, 3)),
            "headroom.layout", Anchor.LEARNER_PARALLELISM,
            "expert").message());
    RlFigures swapped = RlSizing.figures(qwen3(128, 64, 8));
    assertEquals(57.85, swapped.bulkRolloutSeconds(), 0.005);
    assertEquals(17.94, swapped.trainSeconds(), 0.005);
    assertEquals(112.80, swapped.stepSeconds(), 0.005);

    assertEquals(64L, f.balancedActorGpus());
    assertEquals(128L, f.balancedLearnerGpus());
    assertEquals(f.rolloutSeconds(), f.balancedRolloutSeconds());
    assertEquals(f.trainSeconds(), f.balancedTrainSeconds());
    assertTrue(RlSizing.analyse(input).findings().stream()
        .noneMatch(finding -> finding.id().equals("headroom.rl-idle")));
  }

  @Test
  void learnerGpusFixOffersNoDataDegreeTheExpertDegreeDoesNotDivide() {
    // 24 learner GPUs declared beside tensor 2 × pipeline 4 × data 16 = 128: 24 / 8 = 3 data
    // ranks would use them, but expert 8 does not divide 3, so the fix offers only 128 GPUs.
    Finding layout = RlCases.only(RlValidation.check(qwen3(64, 24, 16)), "headroom.layout",
        Anchor.LEARNERS, "gpus");

    assertEquals("the parallel layout does not add up: tensor 2 × pipeline 4 × data 16 × context"
        + " 1 = 128 GPUs, but gpus = 24. Fix: set the learners' gpus = 128.", layout.message());
  }
}
