package dev.headroom.runtime.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.serving.ReplicaSplit;
import org.junit.jupiter.api.Test;

/**
 * Trains a mixture of experts: model state from its total parameters, FLOPs from its active
 * ones (REFERENCES.md R-P2), checked by hand on Mixtral 8x7B.
 */
class MixtureOfExpertsTrainingTest {

  /**
   * Returns Mixtral 8x7B trained on {@code gpus} H100s: 2^22-token batches of 4,096-token
   * sequences, selective recompute, a 10 s target at 40% MFU.
   */
  private static TrainingInput mixtral(int gpus, ReplicaSplit split, ZeroStage zero) {
    return new TrainingInput("MixtralTraining", KnownModels.shape(KnownModel.MIXTRAL_8X7B),
        TrainingCases.H100, gpus, split, zero, 4_194_304L, 4_096, 1, 10.0, 0.40,
        Optimizer.ADAMW, Recompute.SELECTIVE, 5.0, 0);
  }

  @Test
  void stateUsesTotalParametersAndFlopsUseActiveOnes_RP2() {
    // Mixtral 8x7B on 512 H100s, tensor 8 × data 64, ZeRO-3, 2^22 tokens of 4,096.
    TrainingInput input = mixtral(512, new ReplicaSplit(8, 1, 1, 64, 1), ZeroStage.THREE);

    TrainingFigures f = TrainingSizing.figures(input);

    // State: 16 B × 46,702,792,704 total = 747,244,683,264 B; ⌈46,702,792,704 / 8⌉ =
    // 5,837,849,088 parameters a GPU before ZeRO.
    assertEquals(747_244_683_264L, f.stateBytes());
    assertEquals(5_837_849_088L, f.parametersPerGpu());
    // FLOPs per token: 6 × 12,879,925,248 active = 77,279,551,488, + causal attention
    // 12 × 32 layers × 32 heads × 128 × 4,096 / 2 = 3,221,225,472: 80,500,776,960.
    assertEquals(80_500_776_960.0, f.flopsPerToken());
  }

  @Test
  void expertStateShardsOverTheRanksHoldingTheSameExperts() {
    // Mixtral on tensor 2 × expert 4 × data 64 = 128 GPUs, ZeRO-1. A GPU holds ⌈8 / 4⌉ = 2
    // experts a layer: 32 × 2 × 176,160,768 / 2 = 5,637,144,576 expert parameters, and
    // (46,702,792,704 − 45,097,156,608) / 2 = 802,818,048 dense ones. ZeRO-1 shards the 12 B
    // of optimizer state a parameter over the 64 data ranks for the dense part, 12 ×
    // 802,818,048 / 64 = 150,528,384, but over 64 / 4 = 16 for the experts, 12 ×
    // 5,637,144,576 / 16 = 4,227,858,432; weights and gradients stay whole, 2 + 2 B each:
    // 4 × 6,439,962,624 = 25,759,850,496. Total 30,138,237,312 B.
    TrainingInput input = mixtral(128, new ReplicaSplit(2, 1, 4, 64, 1), ZeroStage.ONE);

    TrainingFigures f = TrainingSizing.figures(input);

    assertEquals(6_439_962_624L, f.parametersPerGpu());
    assertEquals(30_138_237_312L, f.stateBytesPerGpu());
  }

  @Test
  void expertDegreeMustDivideTheDataRanks() {
    // Expert 8 takes its ranks from data × context = 4: it does not divide.
    TrainingInput input = mixtral(8, new ReplicaSplit(2, 1, 8, 4, 1), ZeroStage.ONE);

    Finding layout = TrainingCases.only(TrainingValidation.check(input), "headroom.layout");
    assertEquals("the parallel layout does not add up: expert = 8 does not divide data 4 ×"
        + " context 1 = 4 ranks, from which expert parallelism takes its ranks. Fix: use an"
        + " expert degree that divides 4.", layout.message());
  }
}
