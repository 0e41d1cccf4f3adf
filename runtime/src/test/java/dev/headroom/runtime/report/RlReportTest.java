package dev.headroom.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.rl.PoolInput;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.rl.RlSizing;
import dev.headroom.runtime.serving.ReplicaSplit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON and Markdown reports of a design with the capstone's RL stage (stage 3). */
class RlReportTest {
  private static final ModelShape LLAMA_70B = new ModelShape(
      "70B", 70e9, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);

  private static DesignAnalysis design() {
    PoolInput actors = new PoolInput(GpuCatalog.spec(Gpu.H100_SXM), 448, Precision.INHERIT,
        new ReplicaSplit(4, 1, 1, 1, 1), ZeroStage.NONE, 5.0);
    PoolInput learners = new PoolInput(GpuCatalog.spec(Gpu.H100_SXM), 320, Precision.INHERIT,
        new ReplicaSplit(8, 1, 1, 40, 1), ZeroStage.THREE, 5.0);
    RlInput loop = new RlInput("PolicyRl", LLAMA_70B, LLAMA_70B, Optional.empty(), LLAMA_70B,
        RlAlgorithm.GRPO, 256, 16, 1000, 4000, 8192, 1, actors, learners, 0.40, Recompute.FULL,
        50, 0.5);
    return new DesignAnalysis("com.acme.Platform", "Platform", List.of(RlSizing.analyse(loop)));
  }

  /** The figure names issue #4 fixes as the JSON report's stable keys; bound is text. */
  @Test
  void jsonKeepsTheRlFigureNames() {
    String json = JsonReport.render(design());

    for (String name : List.of("rolloutTokensPerStep", "rolloutSeconds", "trainSeconds",
        "weightSyncSeconds", "stepSeconds", "rolloutTokensPerSecond", "trainTokensPerSecond",
        "learnerBytesPerGpu", "balancedActorGpus", "balancedLearnerGpus")) {
      assertTrue(json.contains("\"" + name + "\": "), name + " missing from " + json);
    }
    assertTrue(json.contains("\"kind\": \"rl\""), json);
    // The update: 20,480,000 tokens × 8 × 70e9 FLOPs = 1.14688e19 over 320 × 989.4e12 × 0.40
    // = 90.57 s; the rollout phase is the 8,192-token tail at ~10.7 ms a token = 87.4 s, so
    // training binds.
    assertTrue(json.contains("\"bound\": \"train\""), json);
    // CAPSTONE.md stage 3: the 140 GB policy (70e9 × 2 bytes) is what each step broadcasts.
    assertTrue(json.contains("\"weightSyncBytes\": 140000000000,"), json);
  }

  /** The doc sets GRPO against PPO: the critic costs the policy's state again. */
  @Test
  void docShowsTheMemoryACriticWouldCost() {
    String doc = MarkdownReport.render(design());

    // 16 bytes × 70e9 / (tensor 8 × 40 ZeRO-3 shards) = 3.5e9 bytes of state per GPU.
    assertTrue(doc.contains("| critic state | 0 B | 3.50 GB |"), doc);
    assertEquals(1, doc.split("### Balance", -1).length - 1);
  }

  /**
   * Qwen3-235B-A22B's GRPO loop, 64 actor and 128 learner H200s with expert 8 on both: no other
   * split of the 192 GPUs keeps the learners' data a multiple of 8 without a longer step, so the
   * doc's balanced split is the declared one (RlSizing's hand arithmetic in
   * MixtureOfExpertsRlTest), not 168 + 24, whose learner data 3 expert 8 does not divide.
   */
  @Test
  void docKeepsTheDeclaredSplitWhenNoBalancedOneStepsFaster() {
    ModelShape qwen3 = KnownModels.shape(KnownModel.QWEN_3_235B_A22B);
    PoolInput actors = new PoolInput(GpuCatalog.spec(Gpu.H200), 64, Precision.INHERIT,
        new ReplicaSplit(1, 1, 8, 1, 1), ZeroStage.NONE, 5.0);
    PoolInput learners = new PoolInput(GpuCatalog.spec(Gpu.H200), 128, Precision.INHERIT,
        new ReplicaSplit(2, 4, 8, 16, 1), ZeroStage.ONE, 5.0);
    RlInput loop = new RlInput("Qwen3Grpo", qwen3, qwen3, Optional.empty(), qwen3,
        RlAlgorithm.GRPO, 64, 8, 1_000, 4_000, 16_000, 0, actors, learners, 0.40,
        Recompute.FULL, 50, 0.5);

    String doc = MarkdownReport.render(new DesignAnalysis("com.acme.Platform", "Platform",
        List.of(RlSizing.analyse(loop))));

    assertTrue(doc.contains("The split of the same 192 GPUs that best equalizes rollout and"
        + " training throughput (the step's tokens over the actors' rate against the update;"
        + " the longest rollout decodes alone whatever the pool's size), in whole actor"
        + " replicas and whole learner model-parallel groups with data a multiple of 8 (expert"
        + " = 8 divides data × context 1), steps no faster than the declared split, which"
        + " stays the balanced one:"), doc);
    // MixtureOfExpertsRlTest works these out: a 76.05 s rollout (the tail), 8.97 s update,
    // 103.83 s step; the old balance's 168 + 24 would step in 142.71 s.
    assertTrue(doc.contains("| declared | 64 | 128 | 76.1 s | 9.0 s | 103.8 s |\n"
        + "| balanced | 64 | 128 | 76.1 s | 9.0 s | 103.8 s |"), doc);
    assertFalse(doc.contains("| 168 |") || doc.contains("142.7 s"), doc);
  }
}
