package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An evaluation gate a deploy of a serving fleet must pass: a suite, the metric it reports and
 * the threshold that metric must reach. Put one or more on the {@link Fleet} type, or on a type
 * enclosing it, where every fleet inside shares them; the doc lists them.
 *
 * <p>A fleet that serves its weights below BF16 (and below the checkpoint's own precision), or
 * its KV cache below BF16, without any gate fails the build: quantization changes a reasoning
 * model's quality, which must be measured before the fleet is deployed.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(EvalGates.class)
public @interface EvalGate {
  /** The evaluation suite, e.g. {@code "AIME 2025, decontaminated"}. Required, not blank. */
  String suite();

  /** The metric the suite reports, e.g. {@code "pass@1"}. Required, not blank. */
  String metric();

  /** The value the metric must reach, in the metric's own unit. Required, finite. */
  double threshold();

  /**
   * Whether the metric must stay at or below the threshold (an error rate, a refusal rate)
   * instead of at or above it. Default false: higher is better.
   */
  boolean atMost() default false;
}
