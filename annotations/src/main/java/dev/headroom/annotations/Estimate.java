package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Figures someone estimated by hand for a {@link Fleet}, rounded as people round them. The design
 * doc sets each beside Headroom's exact value and says why they differ. Nothing fails on them.
 *
 * <p>Put it on the fleet type, or nest it in {@link Baseline#estimate()} when the estimate was made
 * for the baseline.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Estimate {
  /** Where the estimate comes from, e.g. a document and section. Required. */
  String source();

  /** Estimated concurrent requests per replica, a count. Default 0: not estimated. */
  long requestsPerReplica() default 0;

  /** Estimated replicas, a count. Default 0: not estimated. */
  long replicas() default 0;

  /** Estimated GPUs needed, a count. Default 0: not estimated. */
  long gpusNeeded() default 0;
}
