package dev.headroom.runtime.serving;

/**
 * Figures estimated by hand, as {@code @Estimate} declares them; 0 means not estimated.
 *
 * @param source where the estimate comes from
 * @param requestsPerReplica estimated concurrent requests per replica
 * @param replicas estimated replicas
 * @param gpusNeeded estimated GPUs
 */
public record HandEstimate(
    String source, long requestsPerReplica, long replicas, long gpusNeeded) {}
