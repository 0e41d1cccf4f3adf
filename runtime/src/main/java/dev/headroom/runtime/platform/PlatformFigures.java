package dev.headroom.runtime.platform;

import dev.headroom.runtime.report.StageFigures;

/**
 * The figures of a whole platform on its cluster. Counts are exact; money is in dollars, a
 * month being 730 hours (8,760 hours a year / 12).
 *
 * @param clusterGpus GPUs in the cluster
 * @param gpusUsed GPUs the stages take at once: the sum of each stage's take (a serving fleet at
 *     peak with spares and deploy headroom, a training job's GPUs, an RL loop's actors and
 *     learners)
 * @param gpusFree clusterGpus − gpusUsed; negative when the stages do not fit
 * @param dollarsPerGpuHour the price of one GPU, in dollars per GPU-hour
 * @param dollarsPerHour clusterGpus × dollarsPerGpuHour: a cluster is paid for used or idle
 * @param dollarsPerMonth dollarsPerHour × 730
 * @param idleDollarsPerMonth gpusFree × dollarsPerGpuHour × 730: what the unused GPUs cost
 */
public record PlatformFigures(
    long clusterGpus,
    long gpusUsed,
    long gpusFree,
    double dollarsPerGpuHour,
    double dollarsPerHour,
    double dollarsPerMonth,
    double idleDollarsPerMonth) implements StageFigures {
}
