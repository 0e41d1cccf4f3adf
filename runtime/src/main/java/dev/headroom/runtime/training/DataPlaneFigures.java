package dev.headroom.runtime.training;

import dev.headroom.runtime.report.StageFigures;

/**
 * The figures of a sized data plane: what the input pipeline must stream, the failures the
 * run must survive, and the checkpoints that bound the work each failure loses.
 *
 * @param tokensPerSecond tokens the job consumes: global batch tokens / step seconds
 * @param inputBytesPerSecond bytes read from storage: tokensPerSecond × bytes per token
 * @param nodes nodes of 8 GPUs the job spans: ⌈GPUs / 8⌉
 * @param inputBytesPerSecondPerNode inputBytesPerSecond / nodes
 * @param storageBytesPerSecond the storage read bandwidth declared, in bytes per second
 * @param tokensPerRank tokens one data-parallel rank reads per step: sequences per rank ×
 *     sequence length
 * @param prefetchBytesPerRank host memory each data-parallel rank holds for batches read ahead:
 *     ⌈prefetch batches × tokensPerRank × bytes per token⌉
 * @param nodeFailuresPerDay node failures expected in a day: 24 × nodes / node MTBF in hours
 * @param runSeconds the run's length: training tokens / tokensPerSecond; 0 when the run's
 *     tokens are not declared
 * @param nodeFailuresPerRun node failures expected over the run: runSeconds / 3,600 × nodes /
 *     node MTBF; 0 when the run's tokens are not declared
 * @param checkpointBytes one checkpoint: the full training state, N × optimizer bytes per
 *     parameter
 * @param checkpointWriteSeconds checkpointBytes / checkpoint write bandwidth
 * @param checkpointIntervalSeconds the interval that minimizes lost work, √(2 × write seconds
 *     × job MTBF), with job MTBF = node MTBF / nodes (Young 1974; Daly 2006, first order)
 * @param lostFraction the share of run time lost to checkpoints and to rework after failures:
 *     write seconds / interval + interval / (2 × job MTBF), to first order
 */
public record DataPlaneFigures(
    double tokensPerSecond,
    double inputBytesPerSecond,
    long nodes,
    double inputBytesPerSecondPerNode,
    double storageBytesPerSecond,
    long tokensPerRank,
    long prefetchBytesPerRank,
    double nodeFailuresPerDay,
    double runSeconds,
    double nodeFailuresPerRun,
    long checkpointBytes,
    double checkpointWriteSeconds,
    double checkpointIntervalSeconds,
    double lostFraction) implements StageFigures {

  /** Returns the share of the storage bandwidth the input pipeline uses. */
  public double storageUtilization() {
    return inputBytesPerSecond / storageBytesPerSecond;
  }
}
