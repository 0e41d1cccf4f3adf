package dev.headroom.samples.moe;

import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Parallelism;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Slo;
import dev.headroom.annotations.Workload;

/**
 * A reasoning service on DeepSeek-V3: 50 requests per second of 2,000-token prompts and
 * 4,000-token reasoning outputs, a 2 s TTFT and a 50 ms TPOT, on a budget of 128 H200s.
 *
 * <p>Each replica is one node of 8 H200s laid out as DeepSeek serves V3: expert parallelism 8
 * for the mixture-of-experts layers, the attention data-parallel (tensor 1), so each GPU holds
 * its own requests' latent KV cache. Tensor parallelism 8 would instead replicate the latent on
 * all 8 GPUs of the node (latent attention has no heads to split), which holds far fewer
 * requests per replica. The weights stay in their released FP8; the KV cache is BF16.
 */
@Workload(requestsPerSecond = 50, promptTokens = 2000, outputTokens = 4000)
@Slo(ttftMillis = 2000, tpotMillis = 50)
public final class MoeReasoningService {
  private MoeReasoningService() {}

  /** Replicas of one H200 node: expert 8 × tensor 1. */
  @Fleet(
      model = DeepSeekV3.class,
      gpu = Gpu.H200,
      gpus = 128,
      kvCache = Precision.BF16,
      parallelism = @Parallelism(expert = 8))
  public static final class Serving {
    private Serving() {}
  }
}
