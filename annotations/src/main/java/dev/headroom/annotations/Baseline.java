package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The earlier version of a {@link Fleet} that this one revises: the values that changed, as
 * they were. The design doc then starts from the baseline and applies each change in turn, in
 * the order the attributes are declared here, showing how every step moved the fleet.
 *
 * <p>An attribute left at its default did not change.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Baseline {
  /** What the baseline was, in a few words, for the doc. Default: "baseline". */
  String name() default "baseline";

  /** The weights precision before. Default {@link Precision#INHERIT}: unchanged. */
  Precision weights() default Precision.INHERIT;

  /** The KV cache precision before. Default {@link Precision#INHERIT}: unchanged. */
  Precision kvCache() default Precision.INHERIT;

  /** The tensor-parallel degree before. Default 0: unchanged. */
  int tensor() default 0;

  /** The prompt tokens per request before. Default 0: unchanged. */
  int promptTokens() default 0;

  /** The output tokens per request before. Default 0: unchanged. */
  int outputTokens() default 0;

  /** The arrival rate before, in requests per second. Default 0: unchanged. */
  double requestsPerSecond() default 0;

  /**
   * Whether the baseline had the fleet's {@link Fleet#prefill()} pool. Default true: unchanged;
   * false: it prefilled on its decode replicas.
   */
  boolean prefillPool() default true;

  /** A hand estimate made for the baseline. Default: none (an empty {@code source}). */
  Estimate estimate() default @Estimate(source = "");
}
