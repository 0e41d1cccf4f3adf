package dev.headroom.runtime.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RL on a mixture of experts: the update's FLOPs use active parameters (REFERENCES.md R-P2). */
class MixtureOfExpertsRlTest {

  @Test
  void updateFlopsUseActiveParametersAndTheBroadcastTheTotal_RP2() {
    ModelShape mixtral = KnownModels.shape(KnownModel.MIXTRAL_8X7B);
    RlInput input = new RlInput("PolicyRl", mixtral, mixtral, Optional.empty(), mixtral,
        RlAlgorithm.GRPO, 256, 16, 1_000, 4_000, 8_192, 1, RlCases.actors(64, 4),
        RlCases.learners(8, 16, ZeroStage.THREE), 0.40, Recompute.FULL, 50, 0.5);

    // 256 × 16 sequences × (1,000 + 4,000) tokens = 20,480,000, × (6 policy + 2 reference)
    // × 12,879,925,248 active = 2.110246...e18, not the 7.65e18 that 46.70B total would give.
    assertEquals(20_480_000L * 8 * 12_879_925_248.0, RlSizing.learnerFlopsPerStep(input));
    // The broadcast sends every weight: 46,702,792,704 × 2 B in BF16.
    assertEquals(93_405_585_408L, RlSizing.figures(input).weightSyncBytes());
  }
}
