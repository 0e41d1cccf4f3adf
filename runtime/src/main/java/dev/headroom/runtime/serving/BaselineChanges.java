package dev.headroom.runtime.serving;

import dev.headroom.annotations.Precision;
import java.util.Optional;

/**
 * The values a {@code @Baseline} gives: what a revised fleet changed, as it was before. {@code
 * INHERIT} and 0 mean unchanged.
 *
 * @param name what the baseline was, for the doc
 * @param weights weights precision before
 * @param kvCache KV cache precision before
 * @param tensor tensor-parallel degree before
 * @param promptTokens prompt tokens per request before
 * @param outputTokens output tokens per request before
 * @param requestsPerSecond arrival rate before, in requests per second
 * @param prefillPool whether the baseline had the fleet's prefill pool
 * @param estimate a hand estimate made for the baseline, if any
 */
public record BaselineChanges(
    String name,
    Precision weights,
    Precision kvCache,
    int tensor,
    int promptTokens,
    int outputTokens,
    double requestsPerSecond,
    boolean prefillPool,
    Optional<HandEstimate> estimate) {

  /** Returns a baseline that had the fleet's prefill pool, if it has one. */
  public BaselineChanges(String name, Precision weights, Precision kvCache, int tensor,
      int promptTokens, int outputTokens, double requestsPerSecond,
      Optional<HandEstimate> estimate) {
    this(name, weights, kvCache, tensor, promptTokens, outputTokens, requestsPerSecond, true,
        estimate);
  }
}
