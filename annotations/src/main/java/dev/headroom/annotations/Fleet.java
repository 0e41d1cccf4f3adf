package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A serving fleet: replicas of one model on one kind of GPU, sized to carry a {@link Workload}
 * within an {@link Slo} and checked against a GPU budget.
 *
 * <p>The processor computes the request time {@code W} and the requests in flight
 * {@code L = λ · W} (Little's Law), how many requests one replica holds (the smaller of what its
 * KV cache fits and what its decode step serves within the TPOT SLO), and so the replicas and
 * GPUs the fleet needs. Needing more than {@link #gpus()} fails the build.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Fleet {
  /** The model served: a type annotated {@link Model}. Required. */
  Class<?> model();

  /** The accelerator every replica runs on. Required. */
  Gpu gpu();

  /** The GPUs this fleet may use: its budget, a count. Required. */
  int gpus();

  /** How one replica is split across GPUs. Default: one GPU per replica. */
  Parallelism parallelism() default @Parallelism;

  /** The precision weights are served in. Default {@link Precision#INHERIT}: the model's dtype. */
  Precision weights() default Precision.INHERIT;

  /** The precision of the KV cache. Default {@link Precision#INHERIT}: same as the weights. */
  Precision kvCache() default Precision.INHERIT;

  /**
   * Memory per GPU kept out of the KV cache, in GB (10<sup>9</sup> bytes): CUDA context,
   * activations, communication buffers and CUDA graphs. Default 5.0.
   */
  double reservedGbPerGpu() default 5.0;

  /** Tokens of KV cache reserved per request. Default {@link KvSizing#PEAK}. */
  KvSizing kvSizing() default KvSizing.PEAK;

  /**
   * The fraction of peak dense FLOP/s that prefill achieves, between 0 and 1. Default 0.40, the
   * convention of the jax-ml scaling book's prefill estimate.
   */
  double prefillEfficiency() default 0.40;

  /**
   * A prefill pool that disaggregates prefill from decode: its GPUs count in {@link #gpus()},
   * the time to first token is its prefill, and its KV cache crosses to the decode replicas.
   * Default: none, prompts prefill on the decode replicas.
   */
  PrefillPool prefill() default @PrefillPool;
}
