package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a model is split across GPUs. Put it on a {@link Fleet} or {@link Training} type, or nest
 * it as {@code @Fleet(parallelism = @Parallelism(tensor = 4))}; not both.
 *
 * <p>A serving replica uses {@code tensor × pipeline × expert} GPUs: {@code expert} attention
 * groups of {@code tensor × pipeline} GPUs, with a mixture of experts' routed experts spread
 * over all of them; {@code data} is how many replicas a training job runs and is ignored for
 * serving, where the replica count is computed. A training job uses {@code tensor × pipeline ×
 * data × context} GPUs, with sequence parallelism whenever {@code tensor > 1}; its expert
 * degree takes its ranks from {@code data × context}, which it must divide.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface Parallelism {
  /** Tensor-parallel degree t: GPUs each layer is split across. Default 1. */
  int tensor() default 1;

  /** Pipeline-parallel degree p: stages the layers are split into. Default 1. */
  int pipeline() default 1;

  /**
   * Expert-parallel degree e, for mixture-of-experts models only: each GPU holds ⌈experts / e⌉
   * routed experts per layer. Default 1.
   */
  int expert() default 1;

  /** Data-parallel degree, for training. Default 1. */
  int data() default 1;

  /** Context-parallel degree: GPUs one sequence is split across. Default 1. */
  int context() default 1;

  /** How training shards its state across the data-parallel ranks. Default {@code NONE}. */
  ZeroStage zero() default ZeroStage.NONE;
}
