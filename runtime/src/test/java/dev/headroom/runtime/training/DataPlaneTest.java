package dev.headroom.runtime.training;

import static dev.headroom.runtime.training.TrainingCases.CAPSTONE_BATCH_TOKENS;
import static dev.headroom.runtime.training.TrainingCases.CAPSTONE_GPUS;
import static dev.headroom.runtime.training.TrainingCases.capstone;
import static dev.headroom.runtime.training.TrainingCases.only;
import static dev.headroom.runtime.training.TrainingCases.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the data plane (input bandwidth, node failures, Young's checkpoint interval) against
 * hand arithmetic and CAPSTONE.md stage 2.
 */
class DataPlaneTest {

  /** Hand numbers: the capstone's 1,120e9-byte state written at 100e9 B/s takes δ = 11.2 s. */
  private static final double WRITE_SECONDS = 11.2;

  /** Hand numbers: a job MTBF of M = 44,640 s (12.4 h between failures of any node). */
  private static final double JOB_MTBF_SECONDS = 44_640;

  /**
   * The capstone job's tokens per second at its declared GPUs and assumed MFU:
   * 4,096 × 989.4e12 × 0.40 / 452,212,254,720 FLOPs per token = 3,584,672.8 tokens/s.
   */
  private static final double CAPSTONE_TOKENS_PER_SECOND =
      CAPSTONE_GPUS * 989.4e12 * 0.40 / (6 * 70e9 + 12.0 * 80 * 64 * 128 * 8_192 / 2);

  /**
   * Returns the capstone data plane: 4-byte tokens, 2 batches read ahead, deterministic resume,
   * a 2,000 h node MTBF and 100 GB/s of checkpoint writes, with the storage read bandwidth given.
   */
  private static DataPlaneInput plane(double storageReadGbPerSecond) {
    return new DataPlaneInput("PolicyData", 4, storageReadGbPerSecond, 2, true, 2_000, 100);
  }

  private static DataPlaneInput plane(
      boolean deterministicResume, double nodeMtbfHours, double checkpointWriteGbPerSecond) {
    return new DataPlaneInput("PolicyData", 4, 1.0, 2, deterministicResume, nodeMtbfHours,
        checkpointWriteGbPerSecond);
  }

  private static DataPlaneAnalysis analyse(DataPlaneInput input, TrainingInput training) {
    return DataPlaneSizing.analyse(input, TrainingSizing.analyse(training));
  }

  private static void assertRelative(double expected, double actual, double fraction) {
    assertTrue(Math.abs(actual - expected) <= fraction * Math.abs(expected),
        "expected " + actual + " within a fraction " + fraction + " of " + expected);
  }

  // ---- Young 1974: interval and lost fraction ----

  @Test
  void youngsIntervalIsSqrtTwoDeltaM() {
    // √(2 × 11.2 × 44,640) = √999,936 = 999.968 s.
    double interval = DataPlaneSizing.checkpointIntervalSeconds(WRITE_SECONDS, JOB_MTBF_SECONDS);
    assertRelative(Math.sqrt(999_936.0), interval, 1e-15);
    assertEquals(999.968, interval, 0.0005);
  }

  @Test
  void lostFractionIsDeltaOverTauPlusTauOverTwoM() {
    // δ 10 s, τ 1,000 s, M 10,000 s: 10 / 1,000 + 1,000 / 20,000 = 0.01 + 0.05 = 0.06.
    assertRelative(0.06, DataPlaneSizing.lostFraction(10, 1_000, 10_000), 1e-15);
  }

  /** At Young's optimum δ/τ = τ/(2M) = √(δ/(2M)), so the loss is √(2δ/M). */
  @Test
  void atYoungsOptimumBothTermsAreEqual() {
    // δ/τ = 11.2 / 999.968 = 0.0112004; τ/(2M) = 999.968 / 89,280 = 0.0112004;
    // loss = √(2 × 11.2 / 44,640) = √0.000501792 = 0.0224007.
    double tau = DataPlaneSizing.checkpointIntervalSeconds(WRITE_SECONDS, JOB_MTBF_SECONDS);
    double term = Math.sqrt(WRITE_SECONDS / (2 * JOB_MTBF_SECONDS));
    assertRelative(term, WRITE_SECONDS / tau, 1e-12);
    assertRelative(term, tau / (2 * JOB_MTBF_SECONDS), 1e-12);
    double lost = DataPlaneSizing.lostFraction(WRITE_SECONDS, tau, JOB_MTBF_SECONDS);
    assertRelative(Math.sqrt(2 * WRITE_SECONDS / JOB_MTBF_SECONDS), lost, 1e-12);
    assertEquals(0.0224007, lost, 0.0000005);
  }

  @Test
  void halfOrTwiceTheOptimalIntervalLosesMore() {
    // At τ/2 or 2τ the terms are 2x and x/2 of x = √(δ/(2M)): 2.5x = 0.028001 > 2x = 0.022401.
    double tau = DataPlaneSizing.checkpointIntervalSeconds(WRITE_SECONDS, JOB_MTBF_SECONDS);
    double x = Math.sqrt(WRITE_SECONDS / (2 * JOB_MTBF_SECONDS));
    assertRelative(2.5 * x,
        DataPlaneSizing.lostFraction(WRITE_SECONDS, tau / 2, JOB_MTBF_SECONDS), 1e-12);
    assertRelative(2.5 * x,
        DataPlaneSizing.lostFraction(WRITE_SECONDS, 2 * tau, JOB_MTBF_SECONDS), 1e-12);
  }

  // ---- CAPSTONE.md stage 2: the data plane's figures ----

  @Test
  void capstoneDataPlaneFigures() {
    DataPlaneAnalysis analysis = analyse(plane(1.0), capstone());
    DataPlaneFigures f = analysis.figures().orElseThrow();

    // 3,584,672.8 tokens/s × 4 bytes = 14,338,691 B/s ("14.34 MB/s") over ⌈4,096 / 8⌉ = 512
    // nodes; 1 GB/s of storage.
    assertRelative(CAPSTONE_TOKENS_PER_SECOND, f.tokensPerSecond(), 1e-12);
    assertRelative(4 * CAPSTONE_TOKENS_PER_SECOND, f.inputBytesPerSecond(), 1e-12);
    assertEquals(14_338_691, f.inputBytesPerSecond(), 1);
    assertEquals(512L, f.nodes());
    assertRelative(4 * CAPSTONE_TOKENS_PER_SECOND / 512, f.inputBytesPerSecondPerNode(), 1e-12);
    assertEquals(1e9, f.storageBytesPerSecond());

    // Read-ahead per rank: 2 batches × 1 sequence × 8,192 tokens × 4 bytes = 65,536 bytes.
    assertEquals(65_536L, f.prefetchBytesPerRank());

    // 24 h × 512 nodes / 2,000 h = 6.144 node failures a day; no run length declared.
    assertRelative(6.144, f.nodeFailuresPerDay(), 1e-12);
    assertEquals(0.0, f.runSeconds());
    assertEquals(0.0, f.nodeFailuresPerRun());

    // Checkpoint: 16 × 70e9 = 1,120e9 bytes / 100e9 B/s = 11.2 s. Job MTBF = 2,000 × 3,600 /
    // 512 = 14,062.5 s; τ = √(2 × 11.2 × 14,062.5) = √315,000 = 561.25 s;
    // loss = √(2 × 11.2 / 14,062.5) = 0.03991.
    assertEquals(1_120_000_000_000L, f.checkpointBytes());
    assertRelative(11.2, f.checkpointWriteSeconds(), 1e-12);
    assertRelative(Math.sqrt(315_000.0), f.checkpointIntervalSeconds(), 1e-12);
    assertRelative(Math.sqrt(2 * 11.2 / 14_062.5), f.lostFraction(), 1e-12);

    // Storage use 14.34e6 / 1e9 = 0.0143 is below the 0.0399 lost to failures: failures bind.
    assertEquals(List.of(), analysis.findings());
    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.FAILURES, analysis.binding());
  }

  // ---- headroom.storage-bandwidth ----

  @Test
  void storageBelowTheInputRateIsAnError() {
    // 14,338,691 B/s needed against 0.01 GB/s = 10,000,000 B/s ("10.00 MB/s").
    DataPlaneAnalysis analysis = analyse(plane(0.01), capstone());
    Finding storage = only(analysis.findings(), "headroom.storage-bandwidth");
    assertEquals(Severity.ERROR, storage.severity());
    assertEquals(Subject.of(Anchor.DATA_PLANE, "storageReadGbPerSecond"), storage.subject());
    assertTrue(storage.message().contains("14.34 MB/s"), storage.message());
    assertTrue(storage.message().contains("10.00 MB/s"), storage.message());
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.STORAGE_BANDWIDTH, analysis.binding());
  }

  @Test
  void storageJustAboveTheInputRateIsNoError() {
    // 0.015 GB/s = 15,000,000 B/s ≥ 14,338,691 B/s.
    DataPlaneAnalysis analysis = analyse(plane(0.015), capstone());
    assertEquals(List.of(), withId(analysis.findings(), "headroom.storage-bandwidth"));
  }

  // ---- headroom.resume ----

  @Test
  void nonDeterministicResumeOnAJobExpectingFailuresIsAnError() {
    // 24 × 512 / 2,000 = 6.144 ≥ 1 node failures a day ("6.14").
    DataPlaneAnalysis analysis = analyse(plane(false, 2_000, 100), capstone());
    Finding resume = only(analysis.findings(), "headroom.resume");
    assertEquals(Severity.ERROR, resume.severity());
    assertEquals(Subject.of(Anchor.DATA_PLANE, "deterministicResume"), resume.subject());
    assertTrue(resume.message().contains("512 nodes"), resume.message());
    assertTrue(resume.message().contains("6.14 node failures a day"), resume.message());
    assertEquals(Constraint.RESUME, analysis.binding());
  }

  @Test
  void nonDeterministicResumeIsAcceptedWhenNoFailureIsExpected() {
    // 24 × 512 / 1,000,000 h = 0.0123 failures a day, below 1.
    DataPlaneAnalysis analysis = analyse(plane(false, 1_000_000, 100), capstone());
    assertEquals(List.of(), withId(analysis.findings(), "headroom.resume"));
  }

  /** With the run's tokens declared, failures expected over the run decide, not per day. */
  @Test
  void aShortRunExpectingLessThanOneFailureNeedsNoDeterministicResume() {
    // 1e9 tokens / 3,584,672.8 tokens/s = 278.97 s; × 512 / 2,000 h / 3,600 = 0.0198 failures
    // over the run, though 6.144 a day.
    TrainingInput c = capstone();
    TrainingInput shortRun = new TrainingInput(c.name(), c.model(), c.gpu(), c.gpus(),
        c.split(), c.zero(), c.globalBatchTokens(), c.sequenceLength(),
        c.microBatchSequences(), c.targetStepSeconds(), c.mfu(), c.optimizer(), c.recompute(),
        c.reservedGbPerGpu(), 1e9);
    DataPlaneAnalysis analysis = analyse(plane(false, 2_000, 100), shortRun);
    DataPlaneFigures f = analysis.figures().orElseThrow();
    assertRelative(1e9 / CAPSTONE_TOKENS_PER_SECOND, f.runSeconds(), 1e-12);
    assertRelative(1e9 / CAPSTONE_TOKENS_PER_SECOND / 3_600 * 512 / 2_000,
        f.nodeFailuresPerRun(), 1e-12);
    assertEquals(List.of(), withId(analysis.findings(), "headroom.resume"));
  }

  // ---- headroom.failure-cost ----

  @Test
  void slowCheckpointWritesAreWarned() {
    // 1 GB/s: δ = 1,120 s; loss at the optimum √(2 × 1,120 / 14,062.5) = 0.3991 ("39.9%")
    // > 10%.
    DataPlaneAnalysis analysis = analyse(plane(true, 2_000, 1), capstone());
    Finding cost = only(analysis.findings(), "headroom.failure-cost");
    assertEquals(Severity.WARNING, cost.severity());
    assertEquals(Subject.of(Anchor.DATA_PLANE, "checkpointWriteGbPerSecond"), cost.subject());
    assertTrue(cost.message().contains("39.9%"), cost.message());
    assertEquals(Verdict.WARN, analysis.verdict());
  }

  @Test
  void aDataPlaneWhoseTrainingWasNotSizedIsNotSized() {
    // The training job fails layout (8,192 ≠ 4,096 GPUs), so there is nothing to feed.
    TrainingInput c = capstone();
    TrainingInput wrongGpus = new TrainingInput(c.name(), c.model(), c.gpu(), 8_192, c.split(),
        c.zero(), CAPSTONE_BATCH_TOKENS, c.sequenceLength(), c.microBatchSequences(),
        c.targetStepSeconds(), c.mfu(), c.optimizer(), c.recompute(), c.reservedGbPerGpu(),
        c.trainingTokens());
    DataPlaneAnalysis analysis = analyse(plane(1.0), wrongGpus);
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertTrue(analysis.figures().isEmpty());
  }
}
