package dev.headroom.runtime.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.ReplicaSplit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RL on a mixture of experts, Mixtral 8x7B, checked by hand (REFERENCES.md R-P2). */
class MixtureOfExpertsRlTest {
  private static final ModelShape MIXTRAL = KnownModels.shape(KnownModel.MIXTRAL_8X7B);

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
}
