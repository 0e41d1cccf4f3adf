package dev.headroom.samples.capstone;

import dev.headroom.annotations.Estimate;
import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Parallelism;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Slo;
import dev.headroom.annotations.Workload;

/**
 * The capstone's first serving design, before any iteration: fp16 weights and KV cache, tensor
 * parallelism 4, reasoning outputs of 4,000 tokens, on a budget of 1,024 H100s. It breaks that
 * budget about four times over, so it compiles only with {@code -Pnaive}, to watch it fail.
 */
@Workload(requestsPerSecond = 500, promptTokens = 1000, outputTokens = 4000)
@Slo(ttftMillis = 1000, tpotMillis = 50)
public final class NaiveReasoningPlatform {
  private NaiveReasoningPlatform() {}

  /** Replicas of the 70B model in fp16, four H100s each. */
  @Fleet(
      model = Llama70B.class,
      gpu = Gpu.H100_SXM,
      gpus = 1024,
      weights = Precision.FP16,
      parallelism = @Parallelism(tensor = 4))
  @Estimate(
      source = "CAPSTONE.md, stage 1",
      requestsPerReplica = 100,
      replicas = 1005,
      gpusNeeded = 4000)
  public static final class Serving {
    private Serving() {}
  }
}
