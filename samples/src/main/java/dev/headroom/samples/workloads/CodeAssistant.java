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
 * A code assistant in the IDE: long repository context in every prompt, and an answer that must
 * start as the developer stops typing. It binds on <b>ttft</b>.
 *
 * <p>Assumptions. Traffic: 40 requests/s at peak, each 24,000 prompt tokens (the open files and
 * retrieved symbols of the repository, within the model's 32,768-token window) and 400 output
 * tokens (an edit or an explanation). SLOs: the first token within 350 ms, then 30 ms per token
 * (33 tokens/s, faster than a developer reads). The model is Qwen2.5-Coder-32B ({@link
 * QwenCoder32B}), served with FP8 weights and KV cache once the team's edit suite passes at FP8,
 * on H100 SXM (catalogue figures: 989.4 and 1,978.9 TFLOP/s dense BF16 and FP8, 3.35 TB/s,
 * 81,559 MiB reported); 216 GPUs, 27 nodes of 8. Prefill runs at the convention's 40% of peak
 * (jax-ml scaling book, REFERENCES.md R-I2) and counts 2 × parameters FLOPs per token; causal
 * attention adds 2 × 64 layers × 24,000 × 5,120 = 1.57e10 more per token, 24% over the
 * weights' 6.55e10, which would take the 248 ms prefill to about 308 ms: still within 350 ms,
 * the reason the target is not set tighter.
 * The {@code @EvalGate} that the 8-bit formats need is this sample's assumption too.
 *
 * <p>First iteration. Prefill on the decode replicas (tensor 4, no pool) with a 300 ms target:
 * {@code [headroom.ttft]} on {@code ttftMillis}, 24,000 prompt tokens take 496.69 ms on tensor
 * 4, and the fix offers tensor 8 or disaggregated prefill. The prompt tokens alone, 40 /s ×
 * 24,000 = 960,000 tokens/s, need 80 GPUs of prefill (the doc's prefill section), more than the
 * 24 decode GPUs could spare. So prefill moved to a pool of tensor-8 replicas (248 ms), sized
 * 120 GPUs for 80 needed plus the attention FLOPs above, and the target became 350 ms for the
 * reason above. TTFT now has the least margin, 29.0%, against 33.3% of the GPU budget and 33.3%
 * of the pool.
 */
@Workload(requestsPerSecond = 40, promptTokens = 24000, outputTokens = 400)
@Slo(ttftMillis = 350, tpotMillis = 30)
public final class CodeAssistant {
  private CodeAssistant() {}

  /** Decode replicas of four H100s, fed by a prefill pool of eight-GPU replicas. */
  @Fleet(
      model = QwenCoder32B.class,
      gpu = Gpu.H100_SXM,
      gpus = 216,
      weights = Precision.FP8,
      kvCache = Precision.FP8,
      parallelism = @Parallelism(tensor = 4),
      prefill = @PrefillPool(gpus = 120, parallelism = @Parallelism(tensor = 8)))
  @EvalGate(
      suite = "the team's repository edit suite, decontaminated",
      metric = "pass@1 of FP8 weights and KV cache as a fraction of BF16's",
      threshold = 0.98)
  public static final class Completions {
    private Completions() {}
  }
}
