package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The data plane of a {@link Training} job: the input pipeline that feeds it, the failures it
 * must survive and the checkpoints that bound the work a failure loses. Put it on the
 * {@code @Training} type, or on another type with {@link #training()} naming it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DataPlane {
  /**
   * The {@code @Training} type this data plane feeds. Default {@code void.class}: the type this
   * annotation is on.
   */
  Class<?> training() default void.class;

  /** Bytes one pre-tokenized token takes in storage. Default 4 (a 32-bit token id). */
  double bytesPerToken() default 4;

  /**
   * Read bandwidth from storage the whole job can count on, in GB/s (10<sup>9</sup> bytes per
   * second). Required.
   */
  double storageReadGbPerSecond();

  /** Batches each rank reads ahead: 2 is double-buffered. Default 2. */
  int prefetchBatches() default 2;

  /**
   * Whether a restart replays exactly the batches the failed run would have read next: data
   * order and loader state are in every checkpoint. Required.
   */
  boolean deterministicResume();

  /** Mean time between failures of one node (8 GPUs), in hours. Required. */
  double nodeMtbfHours();

  /**
   * Write bandwidth for checkpoints the whole job can count on, in GB/s (10<sup>9</sup> bytes
   * per second). Required.
   */
  double checkpointWriteGbPerSecond();
}
