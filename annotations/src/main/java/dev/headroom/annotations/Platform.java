package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The cluster every stage of a design runs on. Put it on the design's top-level type.
 *
 * <p>The processor adds up what each stage takes at once (a serving fleet at peak with its
 * spares and deploy headroom when it has {@link Production}, else the GPUs it needs; a training
 * job's GPUs; an RL loop's actors and learners) and fails the build when the sum exceeds
 * {@link #gpus()} or a stage runs on another GPU. The doc opens with the whole platform: one
 * diagram, a table of what each stage takes, and the monthly cost.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Platform {
  /** The accelerator the cluster is built from. Required. */
  Gpu gpu();

  /** GPUs in the cluster, a count. Required. */
  int gpus();

  /** What one GPU costs, in dollars per GPU-hour, used or idle. Required. */
  double dollarsPerGpuHour();
}
