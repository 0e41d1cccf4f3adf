package dev.headroom.runtime.model;

/**
 * The mixture-of-experts part of a model's shape, as {@code @Model} declares it; all zero for a
 * dense model.
 *
 * @param count routed experts per mixture-of-experts layer ({@code n_routed_experts})
 * @param active routed experts each token uses per layer ({@code num_experts_per_tok})
 * @param shared experts every token uses per layer ({@code n_shared_experts})
 * @param declaredIntermediateSize one expert's feed-forward width as declared; 0 means the
 *     dense {@code intermediateSize}
 * @param denseLayers leading layers with a dense MLP ({@code first_k_dense_replace})
 */
public record Experts(
    int count, int active, int shared, int declaredIntermediateSize, int denseLayers) {
  /** No experts: a dense model. */
  public static final Experts NONE = new Experts(0, 0, 0, 0, 0);

  /** Returns whether the model routes tokens to experts. */
  public boolean present() {
    return count > 0;
  }
}
