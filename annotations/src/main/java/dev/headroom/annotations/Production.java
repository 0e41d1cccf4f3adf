package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a serving fleet runs in production: the daily swing of its traffic, the spare replicas
 * and deploy headroom it keeps, what its GPUs cost, how far it autoscales down, and the
 * guardrails a deploy is rolled back on. Put it on the {@link Fleet} type.
 *
 * <p>The processor sizes the fleet at peak ({@link Workload#requestsPerSecond()} is the peak
 * rate), adds {@link #spareReplicas()} whole replicas (a tensor-parallel group fails as a unit)
 * and the replicas a deploy needs at once, and checks the total against the fleet's
 * {@link Fleet#gpus()}. It prices the day autoscaled against provisioning for peak all day, and
 * derives the queue depth and KV-cache fill at which operations should be alerted.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Production {
  /**
   * Peak over mean request rate across a day, between 1 (flat traffic) and 2. The day is
   * modelled as a sinusoid around the mean, which touches zero at a ratio of 2. Required.
   */
  double peakToMean();

  /**
   * Whole replicas kept beyond peak for failures, a count. Default 0, which draws a warning: a
   * fleet without spares misses its SLO at peak when one GPU of a replica fails.
   */
  int spareReplicas() default 0;

  /**
   * The share of the fleet's replicas a deploy needs at once, between 0 and 1: about 0.1 to
   * 0.25 for a rolling deploy, 1 for blue/green. Default 0.
   */
  double deployHeadroom() default 0;

  /**
   * What one GPU costs, in dollars per GPU-hour. Default 0: the {@link Platform}'s price, which
   * the design must then declare.
   */
  double dollarsPerGpuHour() default 0;

  /**
   * The fewest serving replicas autoscaling keeps, as a fraction of the peak replicas, between
   * 0 and 1. Default 0.25; 1 means no autoscaling (peak all day).
   */
  double autoscalingFloor() default 0.25;

  /**
   * Guardrail: the p99 time to first token, in milliseconds, above which a deploy is rolled
   * back. Default 0: none.
   */
  double ttftP99Millis() default 0;

  /**
   * Guardrail: the share of requests refused, between 0 and 1, above which a deploy is rolled
   * back. Listed for operations; Headroom does not model refusals. Default 0: none.
   */
  double maxRefusalRate() default 0;

  /**
   * Guardrail: dollars per request the fleet may cost on an average day; more fails the build.
   * Default 0: none.
   */
  double maxDollarsPerRequest() default 0;
}
