package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A transformer's shape: the numbers its weights, KV cache and FLOPs follow from. Put it on a
 * type and name that type in {@link Fleet#model()}.
 *
 * <p>The shape attributes follow a Hugging Face {@code config.json}: {@code num_hidden_layers},
 * {@code hidden_size}, {@code num_attention_heads}, {@code num_key_value_heads},
 * {@code head_dim}, {@code intermediate_size} and {@code vocab_size}; for mixtures of experts
 * {@code n_routed_experts} (or {@code num_local_experts}, {@code num_experts}),
 * {@code num_experts_per_tok}, {@code n_shared_experts}, {@code moe_intermediate_size} and
 * {@code first_k_dense_replace}; for latent attention {@code kv_lora_rank},
 * {@code qk_rope_head_dim}, {@code q_lora_rank}, {@code qk_nope_head_dim} and
 * {@code v_head_dim}; for sliding windows {@code sliding_window} and the layers
 * {@code layer_types} marks {@code sliding_attention}.
 *
 * <p>{@link #preset()} starts from a {@link KnownModel}'s shape, and every attribute written
 * here overrides the preset's. Without a preset, {@code layers}, {@code hiddenSize},
 * {@code attentionHeads}, {@code kvHeads}, {@code intermediateSize} and {@code vocabSize} must
 * be written: their 0 default means "take it from the preset", and a member that neither the
 * annotation nor a preset gives is a compile error ({@code headroom.missing-shape}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {
  /** The model's display name. Default: the annotated type's simple name. */
  String name() default "";

  /**
   * A public model shape to start from; attributes written here override it. Default
   * {@link KnownModel#NONE}.
   */
  KnownModel preset() default KnownModel.NONE;

  /**
   * Total parameters, a count such as {@code 70e9}. Default 0: derive from the shape, as a
   * SwiGLU decoder without biases: per layer attention (Q, K, V, O; or latent attention's
   * projections), the MLP or the experts and their router, and two RMSNorm weights; then the
   * embedding, an untied output head, and the final norm.
   */
  double parameters() default 0;

  /** Transformer layers (blocks), a count. Required unless a preset gives it. */
  int layers() default 0;

  /** Model (residual stream) width d, in elements. Required unless a preset gives it. */
  int hiddenSize() default 0;

  /** Query heads per layer, a count. Required unless a preset gives it. */
  int attentionHeads() default 0;

  /**
   * Key/value heads per layer, a count: equal to {@link #attentionHeads()} for multi-head
   * attention, fewer for grouped-query (GQA), 1 for multi-query (MQA); for latent attention,
   * {@code num_key_value_heads} as the config gives it (unused by the cache). Required unless a
   * preset gives it: never guessed.
   */
  int kvHeads() default 0;

  /** Elements per attention head. Default 0: {@code hiddenSize / attentionHeads}, exactly. */
  int headDim() default 0;

  /**
   * Feed-forward (MLP) width F of a dense layer, in elements. Required unless a preset gives
   * it.
   */
  int intermediateSize() default 0;

  /** Vocabulary size V, in tokens. Required unless a preset gives it. */
  int vocabSize() default 0;

  /** Whether the output projection shares the input embedding's weights. Default false. */
  boolean tiedEmbeddings() default false;

  /** The checkpoint's own precision. Default {@link Precision#BF16}. */
  Precision dtype() default Precision.BF16;

  /** Routed experts per mixture-of-experts layer, a count. Default 0: a dense model. */
  int experts() default 0;

  /** Routed experts each token uses per layer (top-k), a count. Required with experts. */
  int activeExperts() default 0;

  /** Shared experts every token uses per mixture-of-experts layer, a count. Default 0. */
  int sharedExperts() default 0;

  /**
   * Feed-forward width of one expert, in elements. Default 0: {@link #intermediateSize()}, as
   * Mixtral's experts are.
   */
  int expertIntermediateSize() default 0;

  /**
   * Leading layers with a dense MLP instead of experts ({@code first_k_dense_replace}), a
   * count. Default 0.
   */
  int denseLayers() default 0;

  /** How attention stores keys and values. Default {@link Attention#DERIVED}. */
  Attention attention() default Attention.DERIVED;

  /** Elements of latent attention's compressed KV latent per layer and token. Default 0. */
  int kvLoraRank() default 0;

  /** Elements of latent attention's shared rope key per layer and token. Default 0. */
  int ropeHeadDim() default 0;

  /**
   * Rank of latent attention's query compression, in elements. Default 0: queries are
   * projected from the hidden state directly.
   */
  int qLoraRank() default 0;

  /** Latent attention's per-head query/key width without rope. Default 0: {@code headDim}. */
  int qkNopeHeadDim() default 0;

  /** Latent attention's per-head value width. Default 0: {@code headDim}. */
  int vHeadDim() default 0;

  /** Tokens a sliding-window layer attends to. Default 0: every layer attends to all. */
  int slidingWindow() default 0;

  /** Layers that use the sliding window, a count. Required with slidingWindow. */
  int slidingWindowLayers() default 0;
}
