package dev.headroom.runtime.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.serving.ReplicaSplit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The RL loops the RL tests share: the capstone's stage 3 and variations of it. */
final class RlCases {

  /** H100 SXM; REFERENCES.md gives its dense BF16 peak as 989.4 TFLOP/s. */
  static final GpuSpec H100 = GpuCatalog.spec(Gpu.H100_SXM);

  /** The H100 SXM's HBM bandwidth on the NVIDIA datasheet: 3.35 TB/s. */
  static final double H100_HBM = 3.35e12;

  /** REFERENCES.md: the H100's dense BF16 peak, 989.4 TFLOP/s. */
  static final double H100_PEAK = 989.4e12;

  /** What the H100 reports to software: 81,559 MiB = 81,559 × 2^20 = 85,520,809,984 bytes. */
  static final long H100_REPORTED = 85_520_809_984L;

  /** A learner H100's memory for the loop: 85,520,809,984 − 5e9 reserved. */
  static final long LEARNER_AVAILABLE = H100_REPORTED - 5_000_000_000L;

  /** The capstone's 70B: the Llama 3 70B shape (R-P1), sized as the declared 70e9 parameters. */
  static final ModelShape CAPSTONE_70B =
      new ModelShape("Llama-3-70B", 70e9, 80, 8192, 64, 8, 128, 28672, 128256, false,
          Precision.BF16);

  /**
   * The capstone's update FLOPs (GRPO: the policy trains at 6N, the reference runs forward at
   * 2N): 256 × 16 × (1,000 + 4,000) = 20,480,000 tokens × (6 + 2) × 70e9 = 1.14688e19.
   */
  static final double CAPSTONE_FLOPS = 20_480_000 * (6 + 2) * 70e9;

  /**
   * The capstone's longest rollout decoded alone on a tensor-4 BF16 actor replica: weights per
   * GPU 140e9 / 4 = 35e9 bytes; KV per token per GPU 2 × 80 layers × 8 / 4 = 2 heads × 128 ×
   * 2 bytes = 81,920; at its end it holds 1,000 + 8,192 = 9,192 tokens, 81,920 × 9,192 =
   * 753,008,640 bytes; one step reads 35e9 + 753,008,640 = 35,753,008,640 bytes at 3.35e12
   * B/s = 10.6725 ms (its FLOPs, 2 × 70e9 / 4 = 3.5e10 at 989.4e12, take 0.035 ms).
   */
  static final double CAPSTONE_ALONE_STEP = (35e9 + 81_920.0 * 9_192) / H100_HBM;

  /** The capstone's rollout tail: 8,192 × 10.6725 ms = 87.43 s. */
  static final double CAPSTONE_TAIL = 8_192 * CAPSTONE_ALONE_STEP;

  /**
   * The sequences a capstone actor replica holds at once: KV room 85,520,809,984 − 35e9 − 5e9
   * = 45,520,809,984 bytes per GPU over 81,920 × 5,000 = 409,600,000 per sequence (its prompt
   * and mean rollout): ⌊111.13⌋ = 111 (RlCapstoneTest).
   */
  static final long CAPSTONE_KV_BOUND = 111;

  private RlCases() {}

  /** Returns the update's seconds on {@code learners} H100s at 40% MFU. */
  static double capstoneTrainSeconds(int learners) {
    return CAPSTONE_FLOPS / (learners * H100_PEAK * 0.40);
  }

  /**
   * Returns the capstone's bulk rollout on {@code actorGpus} H100s at tensor 4, by hand: r =
   * actorGpus / 4 replicas each decode b = min(111, ⌈4,096 / r⌉) sequences on
   * min(r, ⌈4,096 / b⌉) busy replicas; a decode step reads 35e9 + b × 409.6e6 bytes at
   * 3.35e12 B/s (memory-bound: 2 × 70e9 × 111 / 4 FLOPs take 3.9 ms of a 24.0 ms step), and
   * the step's 256 × 16 × 4,000 = 16,384,000 tokens take tokens × step / (busy × b).
   */
  static double capstoneBulkSeconds(int actorGpus) {
    long replicas = actorGpus / 4;
    long batch = Math.min(CAPSTONE_KV_BOUND, (4_096 + replicas - 1) / replicas);
    long busy = Math.min(replicas, (4_096 + batch - 1) / batch);
    double step = (35e9 + batch * 409_600_000.0) / H100_HBM;
    return 16_384_000 * step / (busy * batch);
  }

  /**
   * Returns {actor GPUs, learner GPUs}, by trying every split of {@code total} H100s into whole
   * actor replicas of 4 and whole learner groups of {@code learnerGroup}: the one whose
   * capstone bulk rollout and update are closest (the first, with the fewest actors, on a
   * tie), by the hand formulas above.
   */
  static int[] capstoneBalanceByHand(int total, int learnerGroup) {
    int[] best = null;
    double bestGap = Double.MAX_VALUE;
    for (int actorGpus = 4; actorGpus < total; actorGpus += 4) {
      int learnerGpus = total - actorGpus;
      if (learnerGpus % learnerGroup != 0) {
        continue;
      }
      double gap = Math.abs(capstoneBulkSeconds(actorGpus) - capstoneTrainSeconds(learnerGpus));
      if (gap < bestGap) {
        bestGap = gap;
        best = new int[] {actorGpus, learnerGpus};
      }
    }
    return best;
  }

  /**
   * Returns the capstone's RL stage as {@code ReasoningPlatform.PolicyRl} declares it: GRPO on a
   * verifier, 256 prompts × 16 samples, 1,000 prompt, 4,000 mean and 8,192 max rollout tokens,
   * maxStaleness 1, 448 actor H100s at tensor 4, 320 learner H100s at tensor 8 × data 40 with
   * ZeRO-3, MFU 0.40, full recompute, a 50 GB/s broadcast at 0.5 efficiency.
   */
  static RlInput capstone() {
    return loop(RlAlgorithm.GRPO, 16, 8_192, 1, actors(448, 4), learners(8, 40, ZeroStage.THREE),
        50);
  }

  /** Returns the capstone loop on another actor/learner split of tensor 4 and tensor 8. */
  static RlInput capstoneSplit(int actorGpus, int learnerData) {
    RlInput c = capstone();
    return c.withPools(actors(actorGpus, 4), learners(8, learnerData, ZeroStage.THREE));
  }

  /** Returns the capstone loop with another staleness and broadcast bandwidth. */
  static RlInput capstone(int maxStaleness, double broadcastGbPerSecond) {
    RlInput c = capstone();
    return loop(c.algorithm(), c.samplesPerPrompt(), c.maxRolloutTokens(), maxStaleness,
        c.actors(), c.learners(), broadcastGbPerSecond);
  }

  /** Returns a loop of the capstone's 70B and token counts with the given choices. */
  static RlInput loop(RlAlgorithm algorithm, int samplesPerPrompt, int maxRolloutTokens,
      int maxStaleness, PoolInput actors, PoolInput learners, double broadcastGbPerSecond) {
    return new RlInput("PolicyRl", CAPSTONE_70B, CAPSTONE_70B, Optional.empty(), CAPSTONE_70B,
        algorithm, 256, samplesPerPrompt, 1_000, 4_000, maxRolloutTokens, maxStaleness, actors,
        learners, 0.40, Recompute.FULL, broadcastGbPerSecond, 0.5);
  }

  /** Returns the loop with other token counts per sample. */
  static RlInput withTokens(RlInput c, int rolloutTokens, int maxRolloutTokens) {
    return new RlInput(c.name(), c.policy(), c.reference(), c.reward(), c.critic(),
        c.algorithm(), c.promptsPerStep(), c.samplesPerPrompt(), c.promptTokens(), rolloutTokens,
        maxRolloutTokens, c.maxStaleness(), c.actors(), c.learners(), c.learnerMfu(),
        c.learnerRecompute(), c.broadcastGbPerSecond(), c.broadcastEfficiency());
  }

  /** Returns an actor pool of H100s in BF16 (the policy's dtype), 5 GB reserved. */
  static PoolInput actors(int gpus, int tensor) {
    return new PoolInput(H100, gpus, Precision.INHERIT, new ReplicaSplit(tensor, 1, 1, 1, 1),
        ZeroStage.NONE, 5.0);
  }

  /** Returns a learner pool of tensor × data H100s, 5 GB reserved. */
  static PoolInput learners(int tensor, int data, ZeroStage zero) {
    return new PoolInput(H100, tensor * data, Precision.INHERIT,
        new ReplicaSplit(tensor, 1, 1, data, 1), zero, 5.0);
  }

  /** Returns the findings with {@code id}. */
  static List<Finding> withId(List<Finding> findings, String id) {
    return findings.stream().filter(f -> f.id().equals(id)).collect(Collectors.toList());
  }

  /** Returns the one finding with {@code id} on {@code member} of {@code anchor}. */
  static Finding only(List<Finding> findings, String id, Anchor anchor, String member) {
    List<Finding> matching = withId(findings, id);
    assertEquals(1, matching.size(), "expected one " + id + " finding in " + findings);
    assertEquals(Subject.of(anchor, member), matching.get(0).subject());
    return matching.get(0);
  }

  /** Asserts that {@code actual} is within {@code fraction} of {@code expected}. */
  static void assertRelative(double expected, double actual, double fraction) {
    assertTrue(Math.abs(actual - expected) <= fraction * Math.abs(expected),
        "expected " + actual + " within a fraction " + fraction + " of " + expected);
  }

  /** Asserts that {@code text} contains {@code part}, showing the text when it does not. */
  static void assertContains(String text, String part) {
    assertTrue(text.contains(part), "expected \"" + part + "\" in: " + text);
  }
}
