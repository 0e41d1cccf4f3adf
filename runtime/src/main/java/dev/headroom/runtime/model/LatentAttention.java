package dev.headroom.runtime.model;

/**
 * Multi-head latent attention's widths (DeepSeek-V2, arXiv 2405.04434, section 2.1; DeepSeek-V3
 * {@code config.json}); all zero when the model does not use it.
 *
 * @param kvLoraRank elements of the compressed KV latent ({@code kv_lora_rank})
 * @param ropeHeadDim elements of the shared rope key ({@code qk_rope_head_dim})
 * @param qLoraRank rank of the query compression ({@code q_lora_rank}); 0 for none
 * @param declaredQkNopeHeadDim per-head query/key width without rope; 0 means {@code headDim}
 * @param declaredVHeadDim per-head value width; 0 means {@code headDim}
 */
public record LatentAttention(
    int kvLoraRank,
    int ropeHeadDim,
    int qLoraRank,
    int declaredQkNopeHeadDim,
    int declaredVHeadDim) {
  /** Not latent attention. */
  public static final LatentAttention NONE = new LatentAttention(0, 0, 0, 0, 0);

  /** Returns whether any latent-attention width is declared. */
  public boolean declared() {
    return kvLoraRank != 0 || ropeHeadDim != 0 || qLoraRank != 0
        || declaredQkNopeHeadDim != 0 || declaredVHeadDim != 0;
  }
}
