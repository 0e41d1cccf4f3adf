package dev.headroom.samples.moe;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetStage;
import javax.annotation.processing.Generated;

/**
 * Capacity report of {@link MoeReasoningService}, computed by Headroom while it compiled.
 *
 * <p>MoeReasoningService: pass. Serving needs 96 of 128 GPUs (25.0% spare), bound by kv-capacity.
 *
 * <p>Each constant is one stage. Every figure's formula and unit is in the Javadoc of
 * {@link FleetFigures}.
 */
@Generated("dev.headroom.processor.HeadroomProcessor")
public final class MoeReasoningServiceReport {
  /**
   * Serving fleet {@code Serving}: pass, bound by {@code kv-capacity}.
   *
   * <ul>
   * <li>L = lambda * W = 10,100 requests in flight, W = 202 s
   * <li>requests per replica = min(KV-bound 888, TPOT-bound 2,672) = 888
   * <li>replicas = ceil(10,100 / 888) = 12; GPUs = 12 x 8 = 96 of 128
   * </ul>
   */
  public static final FleetStage SERVING = new FleetStage(
      "Serving",
      Verdict.PASS,
      Constraint.KV_CAPACITY,
      new FleetFigures(
          /* requestSeconds */ 202.0,
          /* inFlightRequests */ 10100L,
          /* parameters */ 671026404352L,
          /* activeParameters */ 37552282624L,
          /* weightBytes */ 671026404352L,
          /* weightBytesPerGpu */ 98856229888L,
          /* kvBytesPerToken */ 70272L,
          /* kvBytesPerTokenPerGpu */ 70272L,
          /* tokensPerRequest */ 6000L,
          /* kvBytesPerRequest */ 421632000L,
          /* kvBytesPerRequestPerGpu */ 421632000L,
          /* memoryBytesPerGpu */ 150754820096L,
          /* reservedBytesPerGpu */ 5000000000L,
          /* kvRoomBytesPerGpu */ 46898590208L,
          /* kvBytesPerReplica */ 375188721664L,
          /* kvBoundRequestsPerReplica */ 888L,
          /* tpotBoundRequestsPerReplica */ 2672L,
          /* requestsPerReplica */ 888L,
          /* gpusPerReplica */ 8,
          /* replicas */ 12L,
          /* gpusNeeded */ 96L,
          /* gpusAvailable */ 128L,
          /* decodeStepMillis */ 30.34528789332362,
          /* prefillMillis */ 99.4085839203598,
          /* headroomFraction */ 0.25,
          /* promptTokensPerSecond */ 1E+5,
          /* prefillTokensPerSecondPerGpu */ 10539.439212333085,
          /* prefillGpusNeeded */ 10L,
          /* prefillGpus */ 0L,
          /* kvTransferBytesPerSecond */ 7.0272E+9,
          /* taskSeconds */ 121.48056015721482
      ));

  private MoeReasoningServiceReport() {
  }
}
