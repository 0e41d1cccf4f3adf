package dev.headroom.annotations;

/**
 * How a model's attention stores keys and values, which decides its KV cache per token. Set on
 * {@link Model#attention()}.
 */
public enum Attention {
  /**
   * Not declared: multi-head latent attention when {@code kvLoraRank} is set, else read from the
   * head counts (MHA when kvHeads = attentionHeads, MQA when kvHeads = 1, GQA otherwise).
   */
  DERIVED,
  /** Multi-head attention: one K and one V head per query head (kvHeads = attentionHeads). */
  MHA,
  /** Grouped-query attention: each K/V head serves an equal group of query heads. */
  GQA,
  /** Multi-query attention: one K/V head for all query heads (kvHeads = 1). */
  MQA,
  /**
   * Multi-head latent attention (DeepSeek-V2 and V3): the cache holds one compressed latent of
   * {@code kvLoraRank} elements and one shared rope key of {@code ropeHeadDim} elements per
   * layer and token, with no separate K and V.
   */
  MLA
}
