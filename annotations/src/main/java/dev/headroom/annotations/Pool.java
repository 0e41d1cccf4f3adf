package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A pool of GPUs inside an {@link RlLoop}: the actors that generate rollouts, or the learners
 * that train on them. Only nested, as {@code actors = @Pool(...)} or {@code learners =
 * @Pool(...)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Pool {
  /** The accelerator of every GPU in the pool. Required. */
  Gpu gpu();

  /** The GPUs in the pool, a count. Required. */
  int gpus();

  /**
   * The precision the actors hold the policy's weights in: they generate with it and receive
   * the weight broadcast in it. Default {@link Precision#INHERIT}: the policy's dtype. Learners
   * train in mixed precision whatever it says, so set it on the actors only.
   */
  Precision precision() default Precision.INHERIT;

  /**
   * How the pool splits its models: for actors, one serving replica ({@code tensor ×
   * pipeline}); for learners, the training layout ({@code tensor × pipeline × data × context =
   * gpus}, with {@code zero}). Default: one GPU per replica.
   */
  Parallelism parallelism() default @Parallelism;

  /**
   * Memory per GPU kept out of the sizing, in GB (10<sup>9</sup> bytes): CUDA context,
   * communication buffers, CUDA graphs. Default 5.0.
   */
  double reservedGbPerGpu() default 5.0;
}
