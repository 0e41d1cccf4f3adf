package dev.headroom.runtime.rl;

import static dev.headroom.runtime.rl.RlCases.CAPSTONE_FLOPS;
import static dev.headroom.runtime.rl.RlCases.CAPSTONE_TAIL;
import static dev.headroom.runtime.rl.RlCases.H100;
import static dev.headroom.runtime.rl.RlCases.H100_PEAK;
import static dev.headroom.runtime.rl.RlCases.assertRelative;
import static dev.headroom.runtime.rl.RlCases.capstone;
import static dev.headroom.runtime.rl.RlCases.capstoneBalanceByHand;
import static dev.headroom.runtime.rl.RlCases.capstoneBulkSeconds;
import static dev.headroom.runtime.rl.RlCases.capstoneSplit;
import static dev.headroom.runtime.rl.RlCases.capstoneTrainSeconds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Precision;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.serving.ReplicaSplit;
import org.junit.jupiter.api.Test;

/**
 * Checks the balanced actor/learner split: same GPUs, whole units, and rollout and training
 * throughput equalized (issue #4): the bulk rollout, the step's tokens at the actors' rate,
 * against the update. The tail, the longest rollout decoded alone, does not shrink with more
 * actors, so it takes no part.
 */
class RlBalanceTest {

  /** Returns the capstone loop's figures on {@code actorGpus} + {@code learnerGpus}. */
  private static RlFigures split(long actorGpus, long learnerGpus) {
    return RlSizing.figures(capstoneSplit((int) actorGpus, (int) learnerGpus / 8));
  }

  @Test
  void capstoneBalancedSplitOf768GpusIs328ActorsAnd440Learners() {
    // Declared 448 + 320: a bulk of 59.73 s (112 replicas × 37 on 111 busy) against a 90.56 s
    // update, so GPUs move to the learners. 328 actors = 82 replicas × ⌈4,096 / 82⌉ = 50 on
    // ⌈4,096 / 50⌉ = 82 busy: step (35e9 + 50 × 409.6e6) / 3.35e12 = 16.5612 ms, bulk
    // 16,384,000 × 16.5612 ms / 4,100 = 66.18 s; 440 learners train in 1.14688e19 / (440 ×
    // 989.4e12 × 0.40) = 65.86 s: 0.32 s apart. Neighbours (learners in groups of 8):
    // 320 + 448: 80 replicas × ⌈51.2⌉ = 52 on ⌈78.8⌉ = 79 busy, 16.8057 ms,
    // 67.03 s against 64.69 s: 2.34 s; 336 + 432: 84 × ⌈48.8⌉ = 49 on 84 busy,
    // 16.4389 ms, 65.44 s against 67.08 s: 1.65 s. Further out the gap widens; the loop over
    // every whole split checks it.
    assertEquals(66.18, capstoneBulkSeconds(328), 0.005);
    assertEquals(65.86, capstoneTrainSeconds(440), 0.005);
    assertEquals(67.03, capstoneBulkSeconds(320), 0.005);
    assertEquals(64.69, capstoneTrainSeconds(448), 0.005);
    assertEquals(65.44, capstoneBulkSeconds(336), 0.005);
    assertEquals(67.08, capstoneTrainSeconds(432), 0.005);
    assertArrayEquals(new int[] {328, 440}, capstoneBalanceByHand(768, 8));

    RlFigures figures = RlSizing.figures(capstone());
    assertEquals(328L, figures.balancedActorGpus());
    assertEquals(440L, figures.balancedLearnerGpus());
    // The balanced rollout phase is still its 87.43 s tail: max(66.18, 87.43).
    assertRelative(CAPSTONE_TAIL, figures.balancedRolloutSeconds(), 1e-12);
    assertRelative(CAPSTONE_FLOPS / (440 * H100_PEAK * 0.40), figures.balancedTrainSeconds(),
        1e-12);
    // The engine's bulk on 328 actors is the hand formula's.
    assertRelative(capstoneBulkSeconds(328), split(328, 440).bulkRolloutSeconds(), 1e-12);
  }

  @Test
  void capstoneBalancedGapIsSmallerThanTheDeclaredOne() {
    // Throughput: declared 448 + 320: |59.73 − 90.56| = 30.83 s; balanced 328 + 440:
    // |66.18 − 65.86| = 0.32 s. The phases: declared |87.43 − 90.56| = 3.13 s; balanced
    // |87.43 − 65.86| = 21.57 s, the tail holding the rollout phase whatever the actors.
    RlFigures figures = RlSizing.figures(capstone());
    RlFigures balancedSplit = split(figures.balancedActorGpus(), figures.balancedLearnerGpus());
    double declared = Math.abs(figures.bulkRolloutSeconds() - figures.trainSeconds());
    double balanced =
        Math.abs(balancedSplit.bulkRolloutSeconds() - balancedSplit.trainSeconds());
    assertEquals(30.83, declared, 0.005);
    assertEquals(0.32, balanced, 0.005);
    assertEquals(3.13, Math.abs(figures.rolloutSeconds() - figures.trainSeconds()), 0.005);
    assertEquals(21.57,
        Math.abs(figures.balancedRolloutSeconds() - figures.balancedTrainSeconds()), 0.005);
  }

  @Test
  void capstoneBalancedSplitStepsFasterThanTheDeclaredOne() {
    // One step behind, the broadcast (140e9 B at 50e9 B/s × 0.5 = 5.6 s) hides in the slack.
    // Declared 448 + 320: max(87.43, 90.56) + max(0, 5.6 − 3.13) = 93.03 s. Balanced 328 +
    // 440: max(87.43, 65.86) + max(0, 5.6 − 21.57) = 87.43 s, the tail alone: 5.6 s shorter.
    // The old rule's 440 + 328 (phases 87.43 against 88.35 s) stepped in 88.35 + (5.6 − 0.92)
    // = 87.43 + 5.6 = 93.03 s, no shorter than the declared split.
    RlFigures figures = RlSizing.figures(capstone());
    double sync = figures.weightSyncSeconds();
    assertEquals(5.6, sync, 1e-9);
    double declared = RlSizing.overlappedStepSeconds(
        figures.rolloutSeconds(), figures.trainSeconds(), sync);
    assertEquals(93.03, declared, 0.005);
    assertRelative(figures.stepSeconds(), declared, 1e-12);
    double balanced = RlSizing.overlappedStepSeconds(
        figures.balancedRolloutSeconds(), figures.balancedTrainSeconds(), sync);
    assertRelative(CAPSTONE_TAIL, balanced, 1e-12);
    assertEquals(87.43, balanced, 0.005);
    assertTrue(balanced < declared, balanced + " ≥ " + declared);
    double oldRule =
        RlSizing.overlappedStepSeconds(CAPSTONE_TAIL, capstoneTrainSeconds(328), sync);
    assertEquals(CAPSTONE_TAIL + 5.6, oldRule, 1e-9);
  }

  @Test
  void balancedSplitKeepsTheGpusInWholeReplicasAndGroupsWithNoLargerGap() {
    // Every declared split of 768 GPUs from 64 + 704 to 704 + 64 (learners tensor 8 × data):
    // the balanced split adds up to 768, its actors are whole replicas of 4, its learners whole
    // groups of 8, and its |bulk − train| is at most the declared split's.
    for (int actors = 64; actors <= 704; actors += 64) {
      int learners = 768 - actors;
      RlFigures figures = RlSizing.figures(capstoneSplit(actors, learners / 8));
      String split = actors + " + " + learners;
      assertEquals(768L, figures.balancedActorGpus() + figures.balancedLearnerGpus(), split);
      assertEquals(0L, figures.balancedActorGpus() % 4, split);
      assertEquals(0L, figures.balancedLearnerGpus() % 8, split);
      assertTrue(figures.balancedActorGpus() > 0 && figures.balancedLearnerGpus() > 0, split);
      RlFigures balancedSplit =
          split(figures.balancedActorGpus(), figures.balancedLearnerGpus());
      assertRelative(figures.balancedTrainSeconds(), balancedSplit.trainSeconds(), 1e-12);
      assertRelative(figures.balancedRolloutSeconds(), balancedSplit.rolloutSeconds(), 1e-12);
      double declared = Math.abs(figures.bulkRolloutSeconds() - figures.trainSeconds());
      double balanced =
          Math.abs(balancedSplit.bulkRolloutSeconds() - balancedSplit.trainSeconds());
      assertTrue(balanced <= declared, split + ": " + balanced + " > " + declared);
      // Whatever the declared split, the same 768 GPUs balance the same way: 328 + 440.
      assertEquals(328L, figures.balancedActorGpus(), split);
    }
  }

  @Test
  void balancedLearnersAreWholeGroupsOfTensorTimesPipeline() {
    // Learners tensor 8 × pipeline 2 × data 20 = 320: a model-parallel group is 8 × 2 = 16
    // GPUs, so the balanced learners are a multiple of 16 and the actors of 4; 768 in all. The
    // update depends only on the learner GPUs and the bulk only on the actor GPUs, so 440 is
    // out of reach; its neighbours are 432 learners beside 336 actors (65.44 s against 67.08
    // s, gap 1.65 s) and 448 beside 320 (67.03 s against 64.69 s, gap 2.34 s); 416 beside 352
    // (88 replicas × 47, 64.15 s against 69.66 s) is 5.51 s apart: 336 + 432.
    assertEquals(64.15, capstoneBulkSeconds(352), 0.005);
    assertEquals(69.66, capstoneTrainSeconds(416), 0.005);
    assertArrayEquals(new int[] {336, 432}, capstoneBalanceByHand(768, 16));
    PoolInput learners = new PoolInput(H100, 320, Precision.INHERIT,
        new ReplicaSplit(8, 2, 1, 20, 1), ZeroStage.THREE, 5.0);
    RlInput input = capstone().withPools(capstone().actors(), learners);
    RlFigures figures = RlSizing.figures(input);
    assertEquals(768L, figures.balancedActorGpus() + figures.balancedLearnerGpus());
    assertEquals(0L, figures.balancedLearnerGpus() % 16);
    assertEquals(0L, figures.balancedActorGpus() % 4);
    assertEquals(432L, figures.balancedLearnerGpus());
    assertEquals(336L, figures.balancedActorGpus());
  }

  @Test
  void balancedSplitThatWouldLengthenTheStepLeavesTheDeclaredOne() {
    // The capstone's 448 + 320 with 4 samples a prompt, at most 4,000 tokens, synchronous:
    // 1,024 sequences. 448 actors = 112 replicas × ⌈1,024 / 112⌉ = 10, one step (35e9 + 10 ×
    // 409.6e6) / 3.35e12 = 11.6704 ms on ⌈1,024 / 10⌉ = 103 busy: bulk 4,096,000 × 11.6704 ms
    // / 1,030 = 46.41 s, over the 4,000 × 10.5700 ms = 42.28 s tail. The update: 5,120,000 ×
    // 8 × 70e9 = 2.8672e18 / (320 × 395.76e12) = 22.64 s; with the 5.6 s broadcast, 46.41 +
    // 22.64 + 5.6 = 74.65 s. Throughput is closest at 608 + 160: 152 replicas × 7, (35e9 +
    // 7 × 409.6e6) / 3.35e12 = 11.3036 ms on 147 busy, bulk 44.99 s against 45.28 s. But more
    // actors barely shorten a decode step that reads 35 GB of weights, while half the learners
    // double the update: 44.99 + 45.28 + 5.6 = 95.87 s, 21 s longer. The declared split stays.
    RlInput input = RlCases.loop(RlAlgorithm.GRPO, 4, 4_000, 0,
        RlCases.actors(448, 4), RlCases.learners(8, 40, ZeroStage.THREE), 50);
    RlFigures figures = RlSizing.figures(input);
    RlFigures closest = RlSizing.figures(input.withPools(
        RlCases.actors(608, 4), RlCases.learners(8, 20, ZeroStage.THREE)));

    assertEquals(46.41, figures.bulkRolloutSeconds(), 0.005);
    assertEquals(22.64, figures.trainSeconds(), 0.005);
    assertEquals(74.65, figures.stepSeconds(), 0.005);
    assertEquals(44.99, closest.bulkRolloutSeconds(), 0.005);
    assertEquals(45.28, closest.trainSeconds(), 0.005);
    assertEquals(95.87, closest.stepSeconds(), 0.005);
    assertEquals(448L, figures.balancedActorGpus());
    assertEquals(320L, figures.balancedLearnerGpus());
    assertEquals(figures.stepSeconds(), RlSizing.stepSeconds(input,
        figures.balancedRolloutSeconds(), figures.balancedTrainSeconds(),
        figures.weightSyncSeconds()));
  }
}
