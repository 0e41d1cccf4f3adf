package dev.headroom.samples.capstone;

import dev.headroom.annotations.Baseline;
import dev.headroom.annotations.Estimate;
import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Parallelism;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Slo;
import dev.headroom.annotations.Workload;

/**
 * The capstone reasoning platform's serving fleet, revised to fit its 1,024 H100s.
 *
 * <p>The naive design (fp16, 4,000-token reasoning outputs) needs about four times the budget,
 * and KV capacity binds. So the revision changes what KV capacity depends on: it serves weights
 * and KV cache in FP8 (after the reasoning regression suite passes at FP8), and adaptive
 * thinking cuts the average output to 2,500 tokens.
 */
@Workload(requestsPerSecond = 500, promptTokens = 1000, outputTokens = 2500)
@Slo(ttftMillis = 1000, tpotMillis = 50)
public final class ReasoningPlatform {
  private ReasoningPlatform() {}

  /** Replicas of the 70B model, four H100s each, tensor-parallel inside a node. */
  @Fleet(
      model = Llama70B.class,
      gpu = Gpu.H100_SXM,
      gpus = 1024,
      weights = Precision.FP8,
      kvCache = Precision.FP8,
      parallelism = @Parallelism(tensor = 4))
  @Baseline(
      name = "the naive capstone design",
      weights = Precision.FP16,
      kvCache = Precision.FP16,
      outputTokens = 4000,
      estimate =
          @Estimate(
              source = "CAPSTONE.md, stage 1",
              requestsPerReplica = 100,
              replicas = 1005,
              gpusNeeded = 4000))
  public static final class Serving {
    private Serving() {}
  }
}
