package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The latency a serving fleet promises. Put it on the {@link Fleet} type or on a type that
 * encloses it, like {@link Workload}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Slo {
  /** Time to first token, in milliseconds: the prefill budget. Required. */
  double ttftMillis();

  /** Time per output token, in milliseconds: the budget of one decode step. Required. */
  double tpotMillis();

  /**
   * End-to-end target for one agent task of {@link Workload#callsPerTask()} chained calls, in
   * seconds: callsPerTask × (prefill + output tokens × decode step), the times the fleet
   * achieves; tool time between calls is not counted. Default 0: no task target.
   */
  double taskSeconds() default 0;
}
