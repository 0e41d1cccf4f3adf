package dev.headroom.annotations;

/**
 * Which activations a training job recomputes in the backward pass instead of storing
 * (Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models").
 */
public enum Recompute {
  /** Every activation is stored: 34 + 5·a·s/h bytes per token and hidden element per layer. */
  NONE,
  /**
   * The attention scores, softmax and dropout are recomputed (or never stored, as with flash
   * attention): 34 bytes per token and hidden element per layer, for a few percent more FLOPs.
   */
  SELECTIVE,
  /**
   * Only each layer's input is kept (2 bytes per token and hidden element); the whole layer is
   * recomputed, about a third more FLOPs.
   */
  FULL
}
