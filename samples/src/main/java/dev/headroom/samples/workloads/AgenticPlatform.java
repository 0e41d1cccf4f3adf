package dev.headroom.samples.workloads;

import dev.headroom.annotations.EvalGate;
import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Parallelism;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.PrefillPool;
import dev.headroom.annotations.Slo;
import dev.headroom.annotations.Workload;

/**
 * An agentic platform: each task is a chain of model calls, each waiting for the one before, so
 * what the user waits for is the whole chain. It binds on <b>task-latency</b>.
 *
 * <p>Assumptions. Traffic: 5 tasks/s at peak, each 12 calls, so 60 calls/s; a call carries 6,000
 * prompt tokens on average (instructions, tool results and the history so far, with no prefix
 * caching counted) and writes 250 tokens (a tool call or a short answer). SLOs: a task within 60
 * s, the time the user waits, of which the calls take 12 × (prefill + 250 × decode step); the
 * tools' own time between calls is not counted, so it must fit in what is left. TTFT 1 s per
 * call. The model is Llama 3.1 70B ({@link Llama70B}) with FP8 weights and KV cache on H100 SXM
 * (catalogue: 1,978.9 TFLOP/s dense FP8, 3.35 TB/s, 81,559 MiB reported), decode replicas of
 * tensor 4 and a prefill pool of tensor-8 replicas: 60 × 6,000 = 360,000 prompt tokens/s need
 * 65 GPUs at 5,610 tokens/s each (40% of peak, REFERENCES.md R-I2), 72 in whole replicas; the
 * pool has 88. Budget 128 GPUs, 16 nodes.
 * The {@code @EvalGate} that the 8-bit formats need is this sample's assumption too.
 *
 * <p>First iteration. With a chat fleet's TPOT of 50 ms, the KV cache sets the batch (245 per
 * replica) and a decode step of 23.99 ms: a call takes 133.70 ms + 250 × 23.99 ms = 6.13 s and a
 * task 73.6 s, so {@code [headroom.task-latency]} on {@code taskSeconds}: 60 s needs a step of
 * 19.4 ms, which tpotMillis can cap the batch at. With tpotMillis = 18 a replica holds 166
 * requests, steps in 17.95 ms, and a task takes 12 × (133.70 ms + 250 × 17.95 ms) = 55.5 s:
 * 7.6% within its target, the least margin of the fleet's (the GPU budget's is 25.0%, the
 * pool's 18.2%). The smaller batch costs nothing here, because the 88 prefill GPUs are most of
 * the fleet: 2 decode replicas carry the 330 calls in flight.
 */
@Workload(requestsPerSecond = 60, promptTokens = 6000, outputTokens = 250, callsPerTask = 12)
@Slo(ttftMillis = 1000, tpotMillis = 18, taskSeconds = 60)
public final class AgenticPlatform {
  private AgenticPlatform() {}

  /** Decode replicas of four H100s, fed by a prefill pool of eight-GPU replicas. */
  @Fleet(
      model = Llama70B.class,
      gpu = Gpu.H100_SXM,
      gpus = 128,
      weights = Precision.FP8,
      kvCache = Precision.FP8,
      parallelism = @Parallelism(tensor = 4),
      prefill = @PrefillPool(gpus = 88, parallelism = @Parallelism(tensor = 8)))
  @EvalGate(
      suite = "the platform's tool-use task suite",
      metric = "task success of FP8 weights and KV cache as a fraction of BF16's",
      threshold = 0.98)
  public static final class AgentCalls {
    private AgentCalls() {}
  }
}
