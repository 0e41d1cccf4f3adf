package dev.headroom.samples.capstone;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetStage;
import javax.annotation.processing.Generated;

/**
 * Capacity report of {@link ReasoningPlatform}, computed by Headroom while it compiled.
 *
 * <p>ReasoningPlatform: pass. Serving needs 576 of 1,024 GPUs (43.8% spare), bound by kv-capacity.
 *
 * <p>Each constant is one stage. Every figure's formula and unit is on {@link FleetFigures}.
 */
@Generated("dev.headroom.processor.HeadroomProcessor")
public final class ReasoningPlatformReport {
  /**
   * Serving fleet {@code Serving}: pass, bound by {@code kv-capacity}.
   *
   * <ul>
   * <li>L = lambda * W = 63,000 requests in flight, W = 126 s
   * <li>requests per replica = min(KV-bound 439, TPOT-bound 1,046) = 439
   * <li>replicas = ceil(63,000 / 439) = 144; GPUs = 144 x 4 = 576 of 1,024
   * </ul>
   */
  public static final FleetStage SERVING = new FleetStage(
      "Serving",
      Verdict.PASS,
      Constraint.KV_CAPACITY,
      new FleetFigures(
          /* requestSeconds */ 126.0,
          /* inFlightRequests */ 63000L,
          /* parameters */ 70000000000L,
          /* weightBytes */ 70000000000L,
          /* weightBytesPerGpu */ 17500000000L,
          /* kvBytesPerToken */ 163840L,
          /* kvBytesPerTokenPerGpu */ 40960L,
          /* tokensPerRequest */ 3500L,
          /* kvBytesPerRequest */ 573440000L,
          /* kvBytesPerRequestPerGpu */ 143360000L,
          /* memoryBytesPerGpu */ 85520809984L,
          /* reservedBytesPerGpu */ 5000000000L,
          /* kvRoomBytesPerGpu */ 63020809984L,
          /* kvBytesPerReplica */ 252083239936L,
          /* kvBoundRequestsPerReplica */ 439L,
          /* tpotBoundRequestsPerReplica */ 1046L,
          /* requestsPerReplica */ 439L,
          /* gpusPerReplica */ 4,
          /* replicas */ 144L,
          /* gpusNeeded */ 576L,
          /* gpusAvailable */ 1024L,
          /* decodeStepMillis */ 24.01045970149254,
          /* prefillMillis */ 44.21648390519986,
          /* headroomFraction */ 0.4375
      ));

  private ReasoningPlatformReport() {
  }
}
