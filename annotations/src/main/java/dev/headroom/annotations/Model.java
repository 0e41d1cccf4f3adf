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
 * {@code head_dim}, {@code intermediate_size} and {@code vocab_size}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {
  /** The model's display name. Default: the annotated type's simple name. */
  String name() default "";

  /**
   * Total parameters, a count such as {@code 70e9}. Default 0: derive from the shape as a dense
   * SwiGLU decoder, {@code L·(2·d·h·hd + 2·d·kv·hd + 3·d·F + 2·d) + V·d·(tied ? 1 : 2) + d}.
   */
  double parameters() default 0;

  /** Transformer layers (blocks), a count. Required. */
  int layers();

  /** Model (residual stream) width d, in elements. Required. */
  int hiddenSize();

  /** Query heads per layer, a count. Required. */
  int attentionHeads();

  /**
   * Key/value heads per layer, a count: equal to {@link #attentionHeads()} for multi-head
   * attention, fewer for grouped-query (GQA), 1 for multi-query (MQA). Required: never guessed.
   */
  int kvHeads();

  /** Elements per attention head. Default 0: {@code hiddenSize / attentionHeads}, exactly. */
  int headDim() default 0;

  /** Feed-forward (MLP) width F, in elements. Required. */
  int intermediateSize();

  /** Vocabulary size V, in tokens. Required. */
  int vocabSize();

  /** Whether the output projection shares the input embedding's weights. Default false. */
  boolean tiedEmbeddings() default false;

  /** The checkpoint's own precision. Default {@link Precision#BF16}. */
  Precision dtype() default Precision.BF16;
}
