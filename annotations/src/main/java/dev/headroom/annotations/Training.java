package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A training job: one model on one kind of GPU, split by a {@link Parallelism} on the same type
 * (or nested here), checked for memory per GPU, step time and layout before the cluster is
 * booked.
 *
 * <p>The processor computes the model state per GPU (by ZeRO stage), the activation memory per
 * GPU (Korthikanti et al. 2022, with sequence parallelism whenever {@code tensor > 1}), the
 * FLOPs of one step, the step time at the assumed {@link #mfu()}, the GPUs the target step time
 * needs and the MFU the declared GPUs would need. A {@link DataPlane} on the same type adds the
 * input pipeline, failures and checkpoints.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Training {
  /** The model trained: a type annotated {@link Model}. Required. */
  Class<?> model();

  /** The accelerator the job runs on. Required. */
  Gpu gpu();

  /** The GPUs the job uses: must equal tensor × pipeline × data × context. Required. */
  int gpus();

  /** How the job is split. Default: one GPU. Give it here or on the type, not both. */
  Parallelism parallelism() default @Parallelism;

  /** Tokens per optimizer step across all data-parallel ranks, e.g. 4,194,304. Required. */
  long globalBatchTokens();

  /** Tokens per training sequence. Required. */
  int sequenceLength();

  /** Sequences per micro-batch on one data-parallel rank. Default 1. */
  int microBatchSequences() default 1;

  /** The step time the plan needs, in seconds. Required. */
  double targetStepSeconds();

  /**
   * Model FLOPs utilization assumed for planning: achieved model FLOP/s over the GPUs' dense
   * peak, between 0 and 1. Default 0.40.
   */
  double mfu() default 0.40;

  /** Optimizer and the bytes of state it keeps per parameter. Default {@link Optimizer#ADAMW}. */
  Optimizer optimizer() default Optimizer.ADAMW;

  /** Which activations are recomputed in the backward pass. Default {@link Recompute#NONE}. */
  Recompute recompute() default Recompute.NONE;

  /**
   * Memory per GPU kept out of model state and activations, in GB (10<sup>9</sup> bytes): CUDA
   * context, communication buckets, allocator fragmentation. Default 5.0.
   */
  double reservedGbPerGpu() default 5.0;

  /**
   * Tokens the whole run trains on, a count; it decides the run's length and so the failures
   * it expects. Default 0: not declared, and failures are given per day only.
   */
  double trainingTokens() default 0;
}
