package dev.headroom.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.MarkdownReport;
import dev.headroom.runtime.report.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The binding constraint of a passing fleet by least margin, agent tasks of chained calls and
 * offline batch jobs (issue #5), each against a hand computation written beside it.
 */
class BindingAndWorkloadTest {
  /** The capstone's 70B (CAPSTONE.md), sized as the declared 70e9 parameters. */
  private static final ModelShape LLAMA_70B = new ModelShape(
      "70B", 70e9, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);

  /** Llama 3.1 8B (REFERENCES.md R-P1: 8,030,261,248 parameters derived from the shape). */
  private static final ModelShape LLAMA_8B = new ModelShape(
      "Llama-3.1-8B", 0, 32, 4096, 32, 8, 0, 14336, 128256, false, Precision.BF16);

  /**
   * The revised capstone fleet (FP8 weights and KV, tensor 4, 1,024 H100s) with its own
   * traffic and SLO, and a prefill pool of {@code poolGpus} tensor-4 GPUs (0 for none).
   */
  private static FleetInput capstone(Traffic traffic, LatencySlo slo, int poolGpus) {
    return new FleetInput("Serving", LLAMA_70B, traffic, slo, GpuCatalog.spec(Gpu.H100_SXM),
        1024, new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP8, Precision.FP8, 5.0,
        KvSizing.PEAK, 0.40, poolGpus, new ReplicaSplit(4, 1, 1, 1, 1));
  }

  /** Gated as FleetSizingTest's fleets are, so FP8 fleets pass. */
  private static FleetAnalysis analyse(FleetInput input) {
    return FleetSizing.analyse(input, Optional.empty(), Optional.empty(),
        List.of(FleetSizingTest.REGRESSION_SUITE));
  }

  private static List<Finding> withId(FleetAnalysis analysis, String id) {
    return analysis.findings().stream().filter(finding -> finding.id().equals(id)).toList();
  }

  @Test
  void capstoneStillBindsOnKvCapacity() {
    // CapstoneDesignTest: 576 of 1,024 GPUs, 43.75% spare; its prefill of 44 ms is 95.6% under
    // the 1 s TTFT, so the GPU budget's margin stays the least.
    FleetAnalysis analysis =
        analyse(capstone(new Traffic(500, 1000, 2500), new LatencySlo(1000, 50), 0));

    assertEquals(Constraint.KV_CAPACITY, analysis.binding());
    assertEquals("43.8% spare", analysis.margin());
  }

  @Test
  void passingFleetWithTheLeastTtftMarginBindsOnTtft() {
    // 20,000-token prompts at 50 /s. Prefill = 2 × 70e9 × 20,000 / (4 × 1,978.9e12 × 0.40)
    // = 884.33 ms: 11.6% under the 1 s TTFT. KV per request per GPU = 40,960 B × 22,500 tokens
    // = 921.6 MB, so ⌊63,020,809,984 / 921,600,000⌋ = 68 per replica (the TPOT-bound is
    // ⌊(0.05 × 3.35e12 − 17.5e9) / 921.6e6⌋ = 162); L = 50 × 126 s = 6,300, replicas
    // ⌈6,300 / 68⌉ = 93, 372 GPUs: 63.7% spare. The TTFT margin is the least.
    FleetAnalysis analysis =
        analyse(capstone(new Traffic(50, 20_000, 2500), new LatencySlo(1000, 50), 0));
    FleetFigures f = analysis.figures().orElseThrow();

    assertEquals(884.33, f.prefillMillis(), 0.01);
    assertEquals(68, f.requestsPerReplica());
    assertEquals(372, f.gpusNeeded());
    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.TTFT, analysis.binding());
    assertEquals("11.6% of the TTFT SLO spare", analysis.margin());
    assertEquals(
        "needs 372 of 1,024 GPUs (63.7% spare), bound by ttft (11.6% of the TTFT SLO spare)",
        analysis.summary());
  }

  @Test
  void passingFleetWithTheLeastPoolMarginBindsOnPrefill() {
    // PrefillPoolTest: 500,000 prompt tokens/s need 92 GPUs in whole tensor-4 replicas; a pool
    // of 96 has 1 − 92 / 96 = 4.2% spare, less than the budget's 1 − (576 + 96) / 1,024 =
    // 34.4%.
    FleetAnalysis analysis =
        analyse(capstone(new Traffic(500, 1000, 2500), new LatencySlo(1000, 50), 96));

    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.PREFILL, analysis.binding());
    assertEquals("4.2% of the prefill pool spare", analysis.margin());
    assertTrue(doc(analysis).contains("- GPUs = 144 × 4 + 96 in the prefill pool = 672 of 1,024"),
        "the pool's GPUs are in the fleet's sum");
  }

  @Test
  void overBudgetFleetKeepsItsPerReplicaLimiter() {
    // The naive capstone's load (4,000-token outputs) with an unmet-by-far budget: the GPU margin
    // is negative, so the least-margin rule keeps kv-capacity, as before it.
    FleetAnalysis analysis =
        analyse(capstone(new Traffic(500, 1000, 4000), new LatencySlo(1000, 50), 0));

    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.KV_CAPACITY, analysis.binding());
  }

  @Test
  void agentTaskIsItsCallsInTurnAtTheAchievedTimes() {
    // The capstone's decode step at its batch of 439 is 24.0105 ms and prefill 44.2165 ms
    // (CapstoneDesignTest's golden figures); a call takes 0.0442 + 2,500 × 0.0240105 = 60.0704 s
    // and a task of 5 calls 300.35 s: 6.1% under a 320 s target, less than the budget's 43.8%.
    FleetAnalysis analysis =
        analyse(capstone(new Traffic(500, 1000, 2500, 5, false), new LatencySlo(1000, 50, 320),
            0));
    FleetFigures f = analysis.figures().orElseThrow();

    assertEquals(300.35, f.taskSeconds(), 0.01);
    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.TASK_LATENCY, analysis.binding());
    assertEquals("6.1% of the task target spare", analysis.margin());
  }

  @Test
  void agentTaskOverItsTargetIsAnErrorOnTaskSecondsWithItsFixes() {
    // 300.35 s against 280 s. Each call may take 56 s: a decode step of (56,000 − 44.2165) /
    // 2,500 = 22.38 ms (a batch of 1 steps in (17.5e9 + 143.36e6) / 3.35e12 = 5.27 ms), or
    // ⌊55,955.78 / 24.0105⌋ = 2,330 output tokens, or ⌊280 / 60.0704⌋ = 4 calls.
    FleetAnalysis analysis =
        analyse(capstone(new Traffic(500, 1000, 2500, 5, false), new LatencySlo(1000, 50, 280),
            0));

    List<Finding> errors = withId(analysis, "headroom.task-latency");
    assertEquals(1, errors.size(), analysis.findings()::toString);
    Finding error = errors.get(0);
    assertEquals(Anchor.SLO, error.subject().anchor());
    assertEquals("taskSeconds", error.subject().member());
    assertTrue(error.message().contains("5 calls × (44.22 ms prefill + 2,500 output tokens ×"
        + " 24.01 ms decode step at a batch of 439) = 300.4 s, over taskSeconds = 280"),
        error::message);
    assertTrue(error.message().contains("Fix: tpotMillis = 22.3, a decode step that meets it"),
        error::message);
    assertTrue(error.message().contains("keep outputTokens within 2,330"), error::message);
    assertTrue(error.message().contains("callsPerTask = 4"), error::message);
    assertEquals(Constraint.TASK_LATENCY, analysis.binding());
    assertTrue(analysis.summary().startsWith("misses its task-latency SLO"), analysis::summary);
  }

  @Test
  void callsPerTaskAndTaskSecondsAreRangeChecked() {
    List<Finding> findings = FleetValidation.check(capstone(
        new Traffic(500, 1000, 2500, 0, false), new LatencySlo(1000, 50, Double.NaN), 0));

    assertTrue(findings.stream().anyMatch(finding -> finding.id().equals("headroom.input-range")
        && finding.subject().member().equals("callsPerTask")), findings::toString);
    assertTrue(findings.stream().anyMatch(finding -> finding.id().equals("headroom.input-range")
        && finding.subject().member().equals("taskSeconds")), findings::toString);
  }

  /** Llama 3.1 8B in BF16 on one H100 per replica, an offline job of 1,000 + 1,000 tokens. */
  private static FleetInput offline8b(double requestsPerSecond, int gpus) {
    return new FleetInput("Batch", LLAMA_8B, new Traffic(requestsPerSecond, 1000, 1000, 1, true),
        LatencySlo.NONE, GpuCatalog.spec(Gpu.H100_SXM), gpus, ReplicaSplit.single(),
        Precision.INHERIT, Precision.INHERIT, 5.0, KvSizing.PEAK, 0.40);
  }

  @Test
  void offlineReplicaDecodesTheBatchItsKvCacheHolds() {
    // Weights 8,030,261,248 × 2 = 16,060,522,496 B; room = 85,520,809,984 (81,559 MiB) − that
    // − 5e9 = 64,460,287,488 B. KV per token 131,072 B (R-K5) × 2,000 tokens = 262,144,000 B,
    // so ⌊64,460,287,488 / 262,144,000⌋ = 245 per replica. Step at 245 = (16,060,522,496 + 245
    // × 262,144,000) / 3.35e12 = 23.9659 ms (compute: 2 × 8.03e9 × 245 / 989.4e12 = 3.98 ms).
    // Prefill = 2 × 8,030,261,248 × 1,000 / (989.4e12 × 0.40) = 40.5814 ms. W = 0.0405814 +
    // 1,000 × 0.0239659 = 24.00649 s; L = ⌈100 × 24.00649⌉ = 2,401; replicas ⌈2,401 /
    // 245⌉ = 10.
    FleetAnalysis analysis = analyse(offline8b(100, 16));
    FleetFigures f = analysis.figures().orElseThrow();

    assertEquals(245, f.requestsPerReplica());
    assertEquals(0, f.tpotBoundRequestsPerReplica());
    assertEquals(23.9659, f.decodeStepMillis(), 0.0001);
    assertEquals(40.5814, f.prefillMillis(), 0.0001);
    assertEquals(24.0065, f.requestSeconds(), 0.0001);
    assertEquals(2401, f.inFlightRequests());
    assertEquals(10, f.replicas());
    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.THROUGHPUT, analysis.binding());
    assertEquals("needs 10 of 16 GPUs (37.5% spare), bound by throughput", analysis.summary());
  }

  @Test
  void offlineJobOverItsBudgetIsAGpuBudgetError() {
    // 10 GPUs needed against 8.
    FleetAnalysis analysis = analyse(offline8b(100, 8));

    assertEquals(1, withId(analysis, "headroom.gpu-budget").size(), analysis.findings()::toString);
    assertEquals(Constraint.THROUGHPUT, analysis.binding());
  }

  @Test
  void offlineJobIsNotCheckedAgainstLatencyTargets() {
    List<Finding> findings = FleetValidation.check(offline8b(100, 16));

    assertTrue(findings.isEmpty(), findings::toString);
  }

  private static String doc(FleetAnalysis fleet) {
    return MarkdownReport.render(
        new DesignAnalysis("com.acme.Platform", "Platform", List.of(fleet)));
  }

  @Test
  void docShowsTheTaskWithItsNumbers() {
    // The 300.35 s task of agentTaskIsItsCallsInTurnAtTheAchievedTimes, against 320 s.
    String doc = doc(analyse(capstone(
        new Traffic(500, 1000, 2500, 5, false), new LatencySlo(1000, 50, 320), 0)));

    assertTrue(doc.contains("- task = calls × (prefill + output × decode step) = 5 × (44.22 ms"
        + " + 2,500 × 24.01 ms) = 300.4 s (tool time between calls not counted) against"
        + " taskSeconds 320 s: met\n"), doc);
    assertTrue(doc.contains("**task-latency**: a task of 5 chained calls takes 300.4 s of the"
        + " 320 s target, 6.1% spare: the least margin"), doc);
  }

  @Test
  void docShowsTheOfflineRequestTimeFromItsAchievedStep() {
    // The W = 24.0065 s of offlineReplicaDecodesTheBatchItsKvCacheHolds.
    String doc = doc(analyse(offline8b(100, 16)));

    assertTrue(doc.contains("- W = prefill + output × decode step = 40.58 ms + 1,000 × 23.97 ms"
        + " = 24.006"), doc);
    assertTrue(doc.contains("- requests per replica = KV-bound = 245 (offline: no TPOT SLO caps"
        + " the batch)\n"), doc);
    assertTrue(doc.contains("(offline: no TTFT target)"), doc);
    // 245 / 0.0239659 s = 10,223 tokens/s per replica; 10 replicas 102,229 against 100 × 1,000.
    assertTrue(doc.contains("**throughput**: with no latency SLO, each replica decodes the 245"
        + " requests its KV cache holds, 245 tokens per 23.97 ms step = 10,223 output tokens/s;"
        + " 10 replicas generate 102,229 tokens/s against the 100,000 the job needs"), doc);
    assertTrue(doc.contains("· 24.006 s = 2,401 requests in flight"), doc);
  }
}
