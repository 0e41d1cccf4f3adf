package dev.headroom.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Disaggregated prefill (issue #6): the revised capstone fleet with a prefill pool. */
class PrefillPoolTest {
  private static final ModelShape LLAMA_70B = new ModelShape(
      "70B", 70e9, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);

  /** The revised capstone (FP8, 2,500-token outputs, tensor 4, 1,024 H100s) with a pool. */
  private static FleetInput withPool(int promptTokens, int poolGpus, int poolTensor) {
    return new FleetInput("Serving", LLAMA_70B, new Traffic(500, promptTokens, 2500),
        new LatencySlo(1000, 50), GpuCatalog.spec(Gpu.H100_SXM), 1024,
        new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP8, Precision.FP8, 5.0, KvSizing.PEAK,
        0.40, poolGpus, new ReplicaSplit(poolTensor, 1, 1, 1, 1));
  }

  @Test
  void poolIsSizedFromThePromptTokensTheTrafficBrings() {
    // 500 /s × 1,000 = 500,000 prompt tokens/s; one H100 at its FP8 dense peak prefills
    // 1,978.9e12 × 0.40 / (2 × 70e9) = 5,654 tokens/s, so ⌈88.43⌉ = 89 GPUs, 92 in whole
    // tensor-4 replicas. KV handed over: 500,000 × 163,840 B (FP8, R-K1 halved) = 81.92e9 B/s.
    FleetFigures f = FleetSizing.figures(withPool(1000, 96, 4));

    assertEquals(500_000, f.promptTokensPerSecond(), 1e-6);
    assertEquals(5_654.0, f.prefillTokensPerSecondPerGpu(), 0.05);
    assertEquals(92, f.prefillGpusNeeded());
    assertEquals(81.92e9, f.kvTransferBytesPerSecond(), 1);
    // The decode replicas are sized as before (576 GPUs, CapstoneDesignTest); the pool's 96
    // count in the fleet's GPUs.
    assertEquals(576 + 96, f.gpusNeeded());
  }

  @Test
  void tooSmallPoolIsAnErrorOnItsGpus() {
    FleetAnalysis analysis =
        FleetSizing.analyse(withPool(1000, 64, 4), Optional.empty(), Optional.empty());

    List<Finding> errors = analysis.findings().stream()
        .filter(finding -> finding.id().equals("headroom.prefill-pool"))
        .toList();
    assertEquals(1, errors.size(), analysis.findings()::toString);
    assertEquals(Anchor.PREFILL, errors.get(0).subject().anchor());
    assertEquals("gpus", errors.get(0).subject().member());
    assertTrue(errors.get(0).message().contains("need 92 GPUs in whole prefill replicas, but the"
        + " pool has 64"), errors.get(0)::message);
  }

  @Test
  void timeToFirstTokenIsThePoolsPrefill() {
    // A 32,000-token prompt: on the decode replicas' tensor 4, 2 × 70e9 × 32,000 / (4 ×
    // 1,978.9e12 × 0.40) = 1.415 s misses the 1 s TTFT; on a tensor-8 pool, 0.707 s meets it.
    FleetFigures colocated = FleetSizing.figures(withPool(32_000, 0, 1));
    FleetFigures pooled = FleetSizing.figures(withPool(32_000, 512, 8));

    assertEquals(1415.0, colocated.prefillMillis(), 0.5);
    assertEquals(707.5, pooled.prefillMillis(), 0.5);
  }

  @Test
  void poolOfAsManyGpusAsTheFleetIsOutOfRange() {
    List<Finding> findings = FleetValidation.check(withPool(1000, 1024, 4));
    assertTrue(findings.stream().anyMatch(finding -> finding.id().equals("headroom.input-range")
        && finding.subject().anchor() == Anchor.PREFILL), findings::toString);
  }

  @Test
  void poolThatIsNotWholeReplicasIsALayoutError() {
    // 90 GPUs at tensor 4 are 22.5 replicas.
    List<Finding> findings = FleetValidation.check(withPool(1000, 90, 4));
    assertTrue(findings.stream().anyMatch(finding -> finding.id().equals("headroom.layout")
        && finding.subject().anchor() == Anchor.PREFILL), findings::toString);
  }
}
