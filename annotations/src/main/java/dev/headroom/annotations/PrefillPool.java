package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The prefill pool of a disaggregated serving fleet: GPUs that only prefill prompts and hand
 * their KV cache to the decode replicas. Only nested, as {@code @Fleet(prefill =
 * @PrefillPool(gpus = 96, parallelism = @Parallelism(tensor = 8)))}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface PrefillPool {
  /**
   * The pool's GPUs, of the fleet's GPU type and counted in the fleet's {@code gpus}. Default 0:
   * no pool, prompts prefill on the decode replicas.
   */
  int gpus() default 0;

  /** How one prefill replica is split ({@code tensor × pipeline}). Default: one GPU. */
  Parallelism parallelism() default @Parallelism;
}
