package dev.headroom.runtime.rl;

import static dev.headroom.runtime.rl.RlCases.CAPSTONE_FLOPS;
import static dev.headroom.runtime.rl.RlCases.CAPSTONE_TAIL;
import static dev.headroom.runtime.rl.RlCases.H100;
import static dev.headroom.runtime.rl.RlCases.H100_PEAK;
import static dev.headroom.runtime.rl.RlCases.assertRelative;
import static dev.headroom.runtime.rl.RlCases.capstone;
import static dev.headroom.runtime.rl.RlCases.capstoneSplit;
import static dev.headroom.runtime.rl.RlCases.capstoneTrainSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Precision;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.serving.ReplicaSplit;
import org.junit.jupiter.api.Test;

/** Checks the balanced actor/learner split: same GPUs, whole units, a gap no larger. */
class RlBalanceTest {

  @Test
  void capstoneBalancedSplitOf768GpusIs440ActorsAnd328Learners() {
    // The rollout cannot be shorter than its tail, 87.43 s, and more actors only shorten the
    // bulk: from 432 actors up (108 replicas, ⌈4,096 / 108⌉ = 38 each, 4,000 × (35e9 + 38 ×
    // 409.6e6) / 3.35e12 ≈ 60.3 s of bulk) the rollout is exactly the tail. Training equals it
    // at 1.14688e19 / (87.43 × 989.4e12 × 0.40) = 331.5 learner GPUs; in groups of tensor 8
    // the neighbours are 328 (88.35 s, gap 0.92 s) and 336 (86.25 s, gap 1.18 s). Fewer
    // learners only lengthen training past a rollout that stays at 87.43 s, and more only
    // widen the gap below it, so 768 − 328 = 440 actors (110 replicas of 4) and 328 learners.
    assertEquals(88.35, capstoneTrainSeconds(328), 0.005);
    assertEquals(86.25, capstoneTrainSeconds(336), 0.005);
    assertTrue(Math.abs(capstoneTrainSeconds(328) - CAPSTONE_TAIL)
        < Math.abs(capstoneTrainSeconds(336) - CAPSTONE_TAIL));

    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(440L, figures.balancedActorGpus());
    assertEquals(328L, figures.balancedLearnerGpus());
    assertRelative(CAPSTONE_TAIL, figures.balancedRolloutSeconds(), 1e-12);
    assertRelative(CAPSTONE_FLOPS / (328 * H100_PEAK * 0.40), figures.balancedTrainSeconds(),
        1e-12);
  }

  @Test
  void capstoneBalancedGapIsSmallerThanTheDeclaredOne() {
    // Declared 448 + 320: |87.43 − 90.56| = 3.13 s; balanced 440 + 328: |87.43 − 88.35| = 0.92.
    RlFigures figures = RlSizing.figures(capstone());
    double declared = Math.abs(figures.rolloutSeconds() - figures.trainSeconds());
    double balanced = Math.abs(figures.balancedRolloutSeconds() - figures.balancedTrainSeconds());
    assertEquals(3.13, declared, 0.005);
    assertEquals(0.92, balanced, 0.005);
  }

  @Test
  void balancedSplitKeepsTheGpusInWholeReplicasAndGroupsWithNoLargerGap() {
    // Every declared split of 768 GPUs from 64 + 704 to 704 + 64 (learners tensor 8 × data):
    // the balanced split adds up to 768, its actors are whole replicas of 4, its learners whole
    // groups of 8, and its |rollout − train| is at most the declared split's.
    for (int actors = 64; actors <= 704; actors += 64) {
      int learners = 768 - actors;
      RlFigures figures = RlSizing.figures(capstoneSplit(actors, learners / 8));
      String split = actors + " + " + learners;
      assertEquals(768L, figures.balancedActorGpus() + figures.balancedLearnerGpus(), split);
      assertEquals(0L, figures.balancedActorGpus() % 4, split);
      assertEquals(0L, figures.balancedLearnerGpus() % 8, split);
      assertTrue(figures.balancedActorGpus() > 0 && figures.balancedLearnerGpus() > 0, split);
      double declared = Math.abs(figures.rolloutSeconds() - figures.trainSeconds());
      double balanced =
          Math.abs(figures.balancedRolloutSeconds() - figures.balancedTrainSeconds());
      assertTrue(balanced <= declared, split + ": " + balanced + " > " + declared);
      // Whatever the declared split, the same 768 GPUs balance the same way: 440 + 328.
      assertEquals(440L, figures.balancedActorGpus(), split);
    }
  }

  @Test
  void balancedLearnersAreWholeGroupsOfTensorTimesPipeline() {
    // Learners tensor 8 × pipeline 2 × data 20 = 320: a model-parallel group is 8 × 2 = 16
    // GPUs, so the balanced learners are a multiple of 16 and the actors of 4; 768 in all. The
    // training time depends only on the learner GPUs, so the best multiple of 16 near 331.5 is
    // 336 (86.25 s, gap 1.18 s) against 320 (90.56 s, gap 3.13 s): 432 + 336.
    PoolInput learners = new PoolInput(H100, 320, Precision.INHERIT,
        new ReplicaSplit(8, 2, 1, 20, 1), ZeroStage.THREE, 5.0);
    RlInput input = capstone().withPools(capstone().actors(), learners);
    RlFigures figures = RlSizing.figures(input);
    assertEquals(768L, figures.balancedActorGpus() + figures.balancedLearnerGpus());
    assertEquals(0L, figures.balancedLearnerGpus() % 16);
    assertEquals(0L, figures.balancedActorGpus() % 4);
    assertEquals(336L, figures.balancedLearnerGpus());
    assertEquals(432L, figures.balancedActorGpus());
  }
}
