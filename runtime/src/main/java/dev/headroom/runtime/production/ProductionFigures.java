package dev.headroom.runtime.production;

import dev.headroom.runtime.report.StageFigures;

/**
 * The figures of a fleet in production. Replica and GPU counts are exact; money is in dollars;
 * λ is the fleet's peak request rate and r the peak-to-mean ratio. Sizing for peak, spares and
 * deploy headroom, and autoscaling for the daily swing, follow the capstone design's stage 4
 * (CAPSTONE.md).
 *
 * @param peakReplicas replicas the fleet needs at peak: the serving fleet's replicas
 * @param spareReplicas whole replicas kept for failures, since a tensor-parallel group fails as
 *     a unit
 * @param headroomReplicas replicas a deploy needs at once: ⌈(peak + spare) × deploy headroom⌉
 * @param totalReplicas peak + spare + headroom replicas
 * @param gpusPerReplica GPUs in one replica: t × p
 * @param prefillGpus GPUs of the fleet's prefill pool at peak: the larger of its declared size
 *     and what the prompt tokens need; 0 without a pool
 * @param totalGpus GPUs production holds at peak: totalReplicas × gpusPerReplica + prefillGpus
 * @param gpusAvailable the fleet's GPU budget
 * @param meanRequestsPerSecond the day's mean request rate: λ / r
 * @param servingFraction the serving GPUs autoscaling keeps on average, as a fraction of those
 *     at peak: the mean over a day of max(floor, λ(t) / λ) with λ(t) = (λ / r) × (1 + (r −
 *     1) × sin(2π t / 24 h)), in closed form (see {@link ProductionSizing#servingFraction})
 * @param averageGpus GPUs held on average over a day: servingFraction × (peakReplicas ×
 *     gpusPerReplica + prefillGpus) + (spare + headroom) × gpusPerReplica, spares and deploy
 *     headroom being held all day
 * @param savedGpus GPUs autoscaling saves against provisioning for peak all day: totalGpus −
 *     averageGpus
 * @param dollarsPerGpuHour the price of one GPU, in dollars per GPU-hour
 * @param dollarsPerHour averageGpus × dollarsPerGpuHour, in dollars per hour
 * @param dollarsPerDay 24 × dollarsPerHour, in dollars per day
 * @param peakDollarsPerDay totalGpus × dollarsPerGpuHour × 24: provisioning for peak all day
 * @param requestsPerDay requests served in a day: meanRequestsPerSecond × 86,400
 * @param dollarsPerRequest dollarsPerDay / requestsPerDay
 * @param dollarsPerMillionOutputTokens dollarsPerDay / (requestsPerDay × output tokens / 10^6),
 *     all cost charged to output, as DeepSeek's day does (REFERENCES.md R-E1)
 * @param dollarsPerMillionTokens dollarsPerDay / (requestsPerDay × (prompt + output tokens) /
 *     10^6)
 * @param queueDepthAlert requests waiting on one replica beyond which the next arrival misses
 *     its TTFT: ⌊(TTFT SLO − prefill) × requestsPerReplica / W⌋, since a replica at capacity
 *     finishes requestsPerReplica / W requests a second (Little's Law)
 * @param kvCacheFillAlert the share of a GPU's KV room in use at the planned peak with the
 *     spares serving too, as a serving engine counts it: (L / (peakReplicas + spareReplicas) /
 *     e) × the KV of a request's prompt and half its output / KV room per GPU; above it, traffic
 *     is past the plan and the spares are being spent
 */
public record ProductionFigures(
    long peakReplicas,
    long spareReplicas,
    long headroomReplicas,
    long totalReplicas,
    long gpusPerReplica,
    long prefillGpus,
    long totalGpus,
    long gpusAvailable,
    double meanRequestsPerSecond,
    double servingFraction,
    double averageGpus,
    double savedGpus,
    double dollarsPerGpuHour,
    double dollarsPerHour,
    double dollarsPerDay,
    double peakDollarsPerDay,
    double requestsPerDay,
    double dollarsPerRequest,
    double dollarsPerMillionOutputTokens,
    double dollarsPerMillionTokens,
    long queueDepthAlert,
    double kvCacheFillAlert) implements StageFigures {

  /** Returns the share of the fleet's budget left at peak with spares and deploy headroom. */
  public double headroomFraction() {
    return (gpusAvailable - totalGpus) / (double) gpusAvailable;
  }
}
