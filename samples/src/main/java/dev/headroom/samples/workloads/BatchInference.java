package dev.headroom.samples.workloads;

import dev.headroom.annotations.EvalGate;
import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Workload;

/**
 * Offline batch inference: a job with a deadline and no user waiting, so no latency SLO; each
 * replica decodes as many requests as its KV cache holds, and the replicas' throughput must
 * carry the job. It binds on <b>throughput</b>.
 *
 * <p>Assumptions. The job: 20 million product descriptions a day, each from a 400-token prompt
 * (the product's attributes and the instructions) to a 1,200-token description, finished
 * within 24 hours: 20e6 / 86,400 s = 231.5 requests/s on average, declared as 232. The model is
 * Llama 3.1 8B ({@link Llama8B}) on one H100 SXM per replica (catalogue: 81,559 MiB reported,
 * 3.35 TB/s, 1,978.9 TFLOP/s dense FP8), weights and KV cache in FP8 once a sample of the
 * descriptions passes review; 16 GPUs, 2 nodes. A request lasts its own prefill plus 1,200 decode
 * steps at the replica's batch; the prefill of the other requests sharing the replica is not
 * charged to those steps, and the doc's prefill section shows what it costs: 232 × 400 = 92,800
 * prompt tokens/s, 2 GPUs' worth, within the 6 spare.
 * The {@code @EvalGate} that the 8-bit formats need is this sample's assumption too.
 *
 * <p>First iteration. Weights and KV cache in the checkpoint's BF16: a replica holds 307
 * requests of 1,600 tokens and steps in 24.01 ms, a request lasts 28.8 s, and the 6,689 in
 * flight need 22 GPUs: {@code [headroom.gpu-budget]}, 1.38× the 16. FP8 halves the weights and
 * each request's KV, so a replica holds 691 at a step of 24.03 ms, and 10 GPUs carry the job,
 * 37.5% spare.
 */
@Workload(requestsPerSecond = 232, promptTokens = 400, outputTokens = 1200, offline = true)
public final class BatchInference {
  private BatchInference() {}

  /** One H100 per replica, each decoding the batch its KV cache holds. */
  @Fleet(
      model = Llama8B.class,
      gpu = Gpu.H100_SXM,
      gpus = 16,
      weights = Precision.FP8,
      kvCache = Precision.FP8)
  @EvalGate(
      suite = "a reviewed sample of 1,000 descriptions",
      metric = "share the reviewers accept",
      threshold = 0.95)
  public static final class Job {
    private Job() {}
  }
}
