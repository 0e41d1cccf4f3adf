package dev.headroom.runtime.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.production.CapstoneServing;
import dev.headroom.runtime.production.ProductionSizing;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks what each stage takes of a platform's cluster, and what the cluster costs. */
class PlatformSizingTest {

  private static PlatformInput cluster(Gpu gpu, int gpus) {
    return new PlatformInput("Platform", GpuCatalog.spec(gpu), gpus, 2.0);
  }

  /** The capstone's serving fleet in production (732 GPUs) and a plain copy of it (576). */
  private static List<StageAnalysis> stages(FleetInput plain) {
    FleetAnalysis serving = CapstoneServing.sized(1_024);
    FleetAnalysis other = FleetSizing.analyse(plain, Optional.empty(), Optional.empty(),
        List.of(CapstoneServing.GATE));
    return List.of(serving, ProductionSizing.analyse(CapstoneServing.production(), serving),
        other);
  }

  private static FleetInput renamed(FleetInput input, String name) {
    return new FleetInput(name, input.model(), input.traffic(), input.slo(), input.gpu(),
        input.gpus(), input.split(), input.weights(), input.kvCache(), input.reservedGbPerGpu(),
        input.kvSizing(), input.prefillEfficiency());
  }

  @Test
  void aFleetInProductionTakesItsTotalAndAPlainFleetWhatItNeeds() {
    PlatformAnalysis analysis = PlatformSizing.analyse(cluster(Gpu.H100_SXM, 2_048),
        stages(renamed(CapstoneServing.fleet(1_024), "Batch")));
    assertEquals(2, analysis.takes().size());
    assertEquals(732, analysis.takes().get(0).gpus());
    assertEquals(576, analysis.takes().get(1).gpus());
    PlatformFigures f = analysis.figures().orElseThrow();
    assertEquals(1_308, f.gpusUsed());
    assertEquals(740, f.gpusFree());
    // 2,048 GPUs × $2 × 730 hours = $2,990,080 a month; 740 idle × $2 × 730 = $1,080,400.
    assertEquals(2_990_080, f.dollarsPerMonth(), 1e-6);
    assertEquals(1_080_400, f.idleDollarsPerMonth(), 1e-6);
    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.CLUSTER, analysis.binding());
  }

  @Test
  void stagesBeyondTheClusterAreAnErrorNamingEachTake() {
    PlatformAnalysis analysis = PlatformSizing.analyse(cluster(Gpu.H100_SXM, 1_024),
        stages(renamed(CapstoneServing.fleet(1_024), "Batch")));
    Finding over = analysis.findings().get(0);
    assertEquals("headroom.cluster", over.id());
    assertEquals(Subject.of(Anchor.PLATFORM, "gpus"), over.subject());
    assertTrue(over.message().contains("Serving 732 + Batch 576 = 1,308 GPUs, over the"
        + " cluster's 1,024"), over.message());
    assertTrue(over.message().contains("gpus = 1,308"), over.message());
    assertEquals(Verdict.FAIL, analysis.verdict());
  }

  @Test
  void aStageOnAnotherGpuIsAnError() {
    FleetInput h100 = renamed(CapstoneServing.fleet(1_024), "Batch");
    FleetInput h200 = new FleetInput(h100.name(), h100.model(), h100.traffic(), h100.slo(),
        GpuCatalog.spec(Gpu.H200), h100.gpus(), h100.split(), h100.weights(), h100.kvCache(),
        h100.reservedGbPerGpu(), h100.kvSizing(), h100.prefillEfficiency());
    PlatformAnalysis analysis =
        PlatformSizing.analyse(cluster(Gpu.H100_SXM, 4_096), stages(h200));
    Finding gpu = analysis.findings().get(0);
    assertEquals("headroom.platform-gpu", gpu.id());
    assertEquals(Subject.of(Anchor.PLATFORM, "gpu"), gpu.subject());
    assertTrue(gpu.message().startsWith("Batch runs on H200, but the cluster is built from"
        + " H100_SXM"), gpu.message());
  }
}
