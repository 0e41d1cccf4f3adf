package dev.headroom.samples.capstone;

import dev.headroom.runtime.platform.PlatformFigures;
import dev.headroom.runtime.platform.PlatformStage;
import dev.headroom.runtime.production.ProductionFigures;
import dev.headroom.runtime.production.ProductionStage;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.rl.RlFigures;
import dev.headroom.runtime.rl.RlStage;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetStage;
import dev.headroom.runtime.training.DataPlaneFigures;
import dev.headroom.runtime.training.DataPlaneStage;
import dev.headroom.runtime.training.TrainingFigures;
import dev.headroom.runtime.training.TrainingStage;
import javax.annotation.processing.Generated;

/**
 * Capacity report of {@link ReasoningPlatform}, computed by Headroom while it compiled.
 *
 * <p>ReasoningPlatform: pass. ReasoningPlatform takes 5,724 of 6,144 NVIDIA H100 SXM5 80GB GPUs
 * (6.8% spare), $8,970,240 a month, bound by cluster. Serving needs 704 of 1,024 GPUs (31.2%
 * spare), bound by prefill (28.1% of the prefill pool spare). Serving in production holds 860 of
 * 1,024 GPUs at peak with 2 spare replicas, averages 625 GPUs autoscaled at $1,251/h ($0.00104 per
 * request), bound by gpu-budget. PolicyTraining needs 2,397 of 4,096 GPUs for 2 s steps at 40.0%
 * MFU (41.5% spare), bound by step-time. PolicyTraining data plane streams 14.34 MB/s of 10.00
 * GB/s and checkpoints every 16.6 min, losing 2.2% of the run to failures, bound by failures.
 * PolicyRl steps in 93.0 s (rollout 87.4 s, training 90.6 s, broadcast 5.6 s), actors idle 6.0%,
 * bound by train.
 *
 * <p>Each constant is one stage. Every figure's formula and unit is in the Javadoc of
 * {@link FleetFigures},
 * {@link TrainingFigures},
 * {@link DataPlaneFigures},
 * {@link RlFigures},
 * {@link ProductionFigures}
 * and {@link PlatformFigures}.
 */
@Generated("dev.headroom.processor.HeadroomProcessor")
public final class ReasoningPlatformReport {
  /**
   * Platform {@code ReasoningPlatform}: pass, bound by {@code cluster}.
   *
   * <ul>
   * <li>stages take 5,724 of 6,144 GPUs
   * <li>the cluster costs $8,970,240 a month
   * </ul>
   */
  public static final PlatformStage REASONING_PLATFORM = new PlatformStage(
      "ReasoningPlatform",
      Verdict.PASS,
      Constraint.CLUSTER,
      new PlatformFigures(
          /* clusterGpus */ 6144L,
          /* gpusUsed */ 5724L,
          /* gpusFree */ 420L,
          /* dollarsPerGpuHour */ 2.0,
          /* dollarsPerHour */ 12288.0,
          /* dollarsPerMonth */ 8.97024E+6,
          /* idleDollarsPerMonth */ 6.132E+5
      ));

  /**
   * Serving fleet {@code Serving}: pass, bound by {@code prefill}.
   *
   * <ul>
   * <li>L = lambda * W = 63,000 requests in flight, W = 126 s
   * <li>requests per replica = min(KV-bound 439, TPOT-bound 1,046) = 439
   * <li>replicas = ceil(63,000 / 439) = 144; GPUs = 144 x 4 = 704 of 1,024
   * </ul>
   */
  public static final FleetStage SERVING = new FleetStage(
      "Serving",
      Verdict.PASS,
      Constraint.PREFILL,
      new FleetFigures(
          /* requestSeconds */ 126.0,
          /* inFlightRequests */ 63000L,
          /* parameters */ 70000000000L,
          /* activeParameters */ 70000000000L,
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
          /* gpusNeeded */ 704L,
          /* gpusAvailable */ 1024L,
          /* decodeStepMillis */ 24.01045970149254,
          /* prefillMillis */ 44.21648390519986,
          /* headroomFraction */ 0.3125,
          /* promptTokensPerSecond */ 5E+5,
          /* prefillTokensPerSecondPerGpu */ 5654.0,
          /* prefillGpusNeeded */ 92L,
          /* prefillGpus */ 128L,
          /* kvTransferBytesPerSecond */ 8.192E+10,
          /* taskSeconds */ 60.07036573763654
      ));

  /**
   * Production {@code Serving}: pass, bound by {@code gpu-budget}.
   *
   * <ul>
   * <li>GPUs = (144 peak + 2 spare + 37 deploy replicas) x 4 = 860 of 1,024
   * <li>autoscaled average 625.3 GPUs: $30,016 a day, $0.00104 per request
   * </ul>
   */
  public static final ProductionStage SERVING_PRODUCTION = new ProductionStage(
      "Serving",
      Verdict.PASS,
      Constraint.GPU_BUDGET,
      new ProductionFigures(
          /* peakReplicas */ 144L,
          /* spareReplicas */ 2L,
          /* headroomReplicas */ 37L,
          /* totalReplicas */ 183L,
          /* gpusPerReplica */ 4L,
          /* prefillGpus */ 128L,
          /* totalGpus */ 860L,
          /* gpusAvailable */ 1024L,
          /* meanRequestsPerSecond */ 333.3333333333333,
          /* servingFraction */ 0.6666666666666666,
          /* averageGpus */ 625.3333333333333,
          /* savedGpus */ 234.66666666666674,
          /* dollarsPerGpuHour */ 2.0,
          /* dollarsPerHour */ 1250.6666666666665,
          /* dollarsPerDay */ 30015.999999999996,
          /* peakDollarsPerDay */ 4.128E+4,
          /* requestsPerDay */ 2.88E+7,
          /* dollarsPerRequest */ 0.0010422222222222222,
          /* dollarsPerMillionOutputTokens */ 0.41688888888888886,
          /* dollarsPerMillionTokens */ 0.29777777777777775,
          /* queueDepthAlert */ 3L,
          /* kvCacheFillAlert */ 0.6310244384826712
      ));

  /**
   * Training job {@code PolicyTraining}: pass, bound by {@code step-time}.
   *
   * <ul>
   * <li>state 1,120,000,000,000 B in all, 273,437,501 B per GPU
   * <li>activations 22,817,013,760 B per GPU
   * <li>memory per GPU = 23,090,451,261 B of 80,520,809,984 B available
   * <li>step = 1.90e18 FLOPs, 1.170 s at the assumed MFU; 2,397 of 4,096 GPUs needed
   * </ul>
   */
  public static final TrainingStage POLICY_TRAINING = new TrainingStage(
      "PolicyTraining",
      Verdict.PASS,
      Constraint.STEP_TIME,
      new TrainingFigures(
          /* parameters */ 70000000000L,
          /* activeParameters */ 70000000000L,
          /* stateBytes */ 1120000000000L,
          /* parametersPerGpu */ 8750000000L,
          /* weightBytesPerGpu */ 34179688L,
          /* gradientBytesPerGpu */ 34179688L,
          /* optimizerBytesPerGpu */ 205078125L,
          /* stateBytesPerGpu */ 273437501L,
          /* activationBytesPerLayer */ 285212672L,
          /* layersPerStage */ 80L,
          /* microBatchesInFlight */ 1L,
          /* activationBytesPerGpu */ 22817013760L,
          /* memoryBytesPerGpu */ 23090451261L,
          /* gpuMemoryBytes */ 85520809984L,
          /* reservedBytesPerGpu */ 5000000000L,
          /* availableBytesPerGpu */ 80520809984L,
          /* sequencesPerRank */ 1L,
          /* microBatches */ 1L,
          /* flopsPerToken */ 4.5221225472E+11,
          /* attentionFlopsPerToken */ 3.221225472E+10,
          /* flopsPerStep */ 1.896715668821115E+18,
          /* stepSeconds */ 1.1700660724511824,
          /* gpusNeeded */ 2397L,
          /* gpusAvailable */ 4096L,
          /* mfuNeeded */ 0.23401321449023652,
          /* tokensPerSecond */ 3584672.7793869907
      ));

  /**
   * Data plane {@code PolicyTraining}: pass, bound by {@code failures}.
   *
   * <ul>
   * <li>input 14,338,691 B/s of 10,000,000,000 B/s storage
   * <li>checkpoint 1,120,000,000,000 B every 999 s, 2.2% of the run lost to failures
   * </ul>
   */
  public static final DataPlaneStage POLICY_TRAINING_DATA_PLANE = new DataPlaneStage(
      "PolicyTraining",
      Verdict.PASS,
      Constraint.FAILURES,
      new DataPlaneFigures(
          /* tokensPerSecond */ 3584672.7793869907,
          /* inputBytesPerSecond */ 14338691.117547963,
          /* nodes */ 512L,
          /* inputBytesPerSecondPerNode */ 28005.256088960865,
          /* storageBytesPerSecond */ 1E+10,
          /* tokensPerRank */ 8192L,
          /* prefetchBytesPerRank */ 65536L,
          /* nodeFailuresPerDay */ 1.9397000789265983,
          /* runSeconds */ 278965.4904487568,
          /* nodeFailuresPerRun */ 6.262840090755217,
          /* checkpointBytes */ 1120000000000L,
          /* checkpointWriteSeconds */ 11.2,
          /* checkpointIntervalSeconds */ 998.8806234981234,
          /* lostFraction */ 0.022425102132379165
      ));

  /**
   * RL loop {@code PolicyRl}: pass, bound by {@code train}.
   *
   * <ul>
   * <li>rollout 87.4 s, training 90.6 s, broadcast 5.6 s: 93.0 s steps, bound by train
   * <li>learner memory 15,985,638,240 B per GPU of 80,520,809,984 B available
   * <li>balanced split: 328 actor and 440 learner GPUs
   * </ul>
   */
  public static final RlStage POLICY_RL = new RlStage(
      "PolicyRl",
      Verdict.PASS,
      Constraint.TRAIN,
      new RlFigures(
          /* sequencesPerStep */ 4096L,
          /* rolloutTokensPerStep */ 16384000L,
          /* trainTokensPerStep */ 20480000L,
          /* actorReplicas */ 112L,
          /* actorBatch */ 37L,
          /* actorStepMillis */ 14.971701492537314,
          /* rolloutTokensPerSecond */ 274317.5184228156,
          /* bulkRolloutSeconds */ 59.72640790205292,
          /* tailRolloutSeconds */ 87.42944679966567,
          /* rolloutSeconds */ 87.42944679966567,
          /* learnerFlopsPerStep */ 1.14688E+19,
          /* trainSeconds */ 90.55993531433192,
          /* trainTokensPerSecond */ 226148.57142857142,
          /* policyStateBytesPerGpu */ 3500000000L,
          /* referenceBytesPerGpu */ 437500000L,
          /* rewardBytesPerGpu */ 0L,
          /* criticStateBytesPerGpu */ 0L,
          /* activationBytesPerGpu */ 12048138240L,
          /* learnerBytesPerGpu */ 15985638240L,
          /* grpoLearnerBytesPerGpu */ 15985638240L,
          /* ppoLearnerBytesPerGpu */ 19485638240L,
          /* learnerAvailableBytesPerGpu */ 80520809984L,
          /* weightSyncBytes */ 140000000000L,
          /* weightSyncSeconds */ 5.6,
          /* synchronousStepSeconds */ 183.58938211399757,
          /* overlappedStepSeconds */ 93.02944679966566,
          /* stepSeconds */ 93.02944679966566,
          /* bound */ "train",
          /* actorIdleFraction */ 0.06019599377022333,
          /* learnerIdleFraction */ 0.026545481783329494,
          /* trainedTokensPerSecond */ 220145.3486453883,
          /* balancedActorGpus */ 328L,
          /* balancedLearnerGpus */ 440L,
          /* balancedRolloutSeconds */ 87.42944679966567,
          /* balancedTrainSeconds */ 65.86177113769594
      ));

  private ReasoningPlatformReport() {
  }
}
