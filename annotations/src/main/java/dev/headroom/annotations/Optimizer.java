package dev.headroom.annotations;

/**
 * The optimizer of a training job and the bytes of state it keeps per parameter, split into
 * the three parts ZeRO shards in turn: weights, gradients and optimizer state.
 */
public enum Optimizer {
  /**
   * Mixed-precision AdamW, 16 bytes per parameter: 2 for bf16 weights, 2 for bf16 gradients,
   * 12 of optimizer state (fp32 master weights, momentum and variance). The ZeRO paper's
   * accounting (Rajbhandari et al. 2019, K = 12).
   */
  ADAMW(2, 2, 12),

  /**
   * Mixed-precision AdamW with fp32 gradients, 18 bytes per parameter: 2 weights, 4
   * gradients, 12 optimizer state. The convention of Megatron-LM's distributed optimizer
   * ("fp16 param, fp32 grads") and of EleutherAI's Transformer Math 101.
   */
  ADAMW_FP32_GRADIENTS(2, 4, 12),

  /**
   * Mixed-precision AdamW keeping an fp32 copy of the gradients with the optimizer state, 20
   * bytes per parameter: 2 weights, 2 bf16 gradients, 16 optimizer state. The convention of
   * DeepSpeed's memory estimator and Megatron-LM's "fp16 param, fp16 grads" row.
   */
  ADAMW_FP32_GRADIENT_COPY(2, 2, 16);

  private final int weightBytes;
  private final int gradientBytes;
  private final int optimizerBytes;

  Optimizer(int weightBytes, int gradientBytes, int optimizerBytes) {
    this.weightBytes = weightBytes;
    this.gradientBytes = gradientBytes;
    this.optimizerBytes = optimizerBytes;
  }

  /** Returns the bytes per parameter of the working weights, which ZeRO-3 shards. */
  public int weightBytesPerParameter() {
    return weightBytes;
  }

  /** Returns the bytes per parameter of the gradients, which ZeRO-2 shards. */
  public int gradientBytesPerParameter() {
    return gradientBytes;
  }

  /** Returns the bytes per parameter of the optimizer state, which ZeRO-1 shards. */
  public int optimizerBytesPerParameter() {
    return optimizerBytes;
  }

  /** Returns the bytes of training state per parameter: weights, gradients and optimizer. */
  public int bytesPerParameter() {
    return weightBytes + gradientBytes + optimizerBytes;
  }
}
