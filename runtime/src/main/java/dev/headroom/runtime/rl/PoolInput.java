package dev.headroom.runtime.rl;

import dev.headroom.annotations.Precision;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.serving.ReplicaSplit;

/**
 * One GPU pool of an RL loop, as its nested {@code @Pool} declares it.
 *
 * @param gpu the catalogue entry of the pool's GPU
 * @param gpus the GPUs in the pool, a count
 * @param precision the precision the pool holds the policy in; {@code INHERIT} means its dtype
 * @param split for actors one serving replica (t × p); for learners the training layout
 * @param zero how the learners shard their state across data-parallel ranks
 * @param reservedGbPerGpu memory per GPU kept out of the sizing, in GB (10^9 bytes)
 */
public record PoolInput(
    GpuSpec gpu,
    int gpus,
    Precision precision,
    ReplicaSplit split,
    ZeroStage zero,
    double reservedGbPerGpu) {

  /** Returns the precision the pool really holds the policy in, given the policy's dtype. */
  public Precision heldIn(Precision dtype) {
    return precision == Precision.INHERIT ? dtype : precision;
  }

  /** Returns this pool with another GPU count and split: a rebalanced pool. */
  public PoolInput withLayout(int newGpus, ReplicaSplit newSplit) {
    return new PoolInput(gpu, newGpus, precision, newSplit, zero, reservedGbPerGpu);
  }
}
