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
 * Retrieval-augmented generation: every question arrives with the passages retrieved for it, so
 * prompts are long and answers short, and the prompt tokens to prefill are the load. It binds
 * on its <b>prefill</b> pool.
 *
 * <p>Assumptions. Traffic: 100 questions/s at peak, each 8,000 prompt tokens (the question and
 * about ten retrieved passages of 750 tokens) and a 300-token answer. SLOs: first token within
 * 1.5 s, then 40 ms per token. The model is Llama 3.1 70B ({@link Llama70B}) with FP8 weights
 * and KV cache on H100 SXM (catalogue: 1,978.9 TFLOP/s dense FP8, 3.35 TB/s, 81,559 MiB
 * reported), decode replicas of tensor 4 and a disaggregated prefill pool of tensor-8
 * replicas; 256 GPUs, 32 nodes. One GPU prefills 1,978.9e12 × 0.40 / (2 × 70.55e9) = 5,610
 * tokens/s (jax-ml scaling book's 40%, REFERENCES.md R-I2), so 100 × 8,000 = 800,000 tokens/s
 * need 143 GPUs, 144 in whole tensor-8 replicas. Causal attention, which the estimate leaves
 * out, adds 2 × 80 layers × 8,000 × 8,192 = 1.05e10 FLOPs per token, 7.4% over the weights'
 * 1.41e11: about 154 GPUs. The pool's KV, 800,000 tokens/s × 163,840 B = 131 GB/s, crosses to
 * the decode replicas over the cluster network.
 * The {@code @EvalGate} that the 8-bit formats need is this sample's assumption too.
 *
 * <p>First iteration. A pool of 128 GPUs (16 replicas), sized from a hand estimate of 100,000
 * prompt tokens/s per eight-GPU node: {@code [headroom.prefill-pool]} on its {@code gpus}, the
 * 800,000 prompt tokens/s need 144 GPUs in whole prefill replicas. The pool became 168 GPUs (21
 * replicas), covering the attention FLOPs too; its margin, 1 − 144 / 168 = 14.3%, is the least
 * of the fleet's (the GPU budget's is 21.9%, TTFT's 88.1%).
 */
@Workload(requestsPerSecond = 100, promptTokens = 8000, outputTokens = 300)
@Slo(ttftMillis = 1500, tpotMillis = 40)
public final class RetrievalAugmented {
  private RetrievalAugmented() {}

  /** Decode replicas of four H100s, fed by a prefill pool of eight-GPU replicas. */
  @Fleet(
      model = Llama70B.class,
      gpu = Gpu.H100_SXM,
      gpus = 256,
      weights = Precision.FP8,
      kvCache = Precision.FP8,
      parallelism = @Parallelism(tensor = 4),
      prefill = @PrefillPool(gpus = 168, parallelism = @Parallelism(tensor = 8)))
  @EvalGate(
      suite = "grounded answers over retrieved passages, LLM judge with position bias controls",
      metric = "win rate of FP8 weights and KV cache against BF16",
      threshold = 0.48)
  public static final class Answers {
    private Answers() {}
  }
}
