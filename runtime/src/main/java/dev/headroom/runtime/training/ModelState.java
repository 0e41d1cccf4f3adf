package dev.headroom.runtime.training;

import dev.headroom.runtime.units.Exact;

/**
 * The training state one GPU holds, by part: each part is sharded across the data-parallel
 * ranks from the ZeRO stage that shards it on (Rajbhandari et al. 2019).
 *
 * @param weightBytes working weights, in bytes (sharded by ZeRO-3)
 * @param gradientBytes gradients, in bytes (sharded by ZeRO-2 and -3)
 * @param optimizerBytes optimizer state: master weights and moments, in bytes (sharded by ZeRO
 *     stages 1 to 3)
 */
public record ModelState(long weightBytes, long gradientBytes, long optimizerBytes) {

  /** Returns this state and {@code other} part by part: one GPU's two shards of state. */
  public ModelState plus(ModelState other) {
    return new ModelState(Exact.plus(weightBytes, other.weightBytes),
        Exact.plus(gradientBytes, other.gradientBytes),
        Exact.plus(optimizerBytes, other.optimizerBytes));
  }

  /** Returns the three parts together, in bytes. */
  public long totalBytes() {
    return Exact.plus(Exact.plus(weightBytes, gradientBytes), optimizerBytes);
  }
}
