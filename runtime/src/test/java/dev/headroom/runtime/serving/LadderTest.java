package dev.headroom.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ladder and break-even figures of the capstone's naive fleet (CAPSTONE.md, stage 1). */
class LadderTest {
  private static final ModelShape LLAMA_70B = new ModelShape(
      "70B", 70e9, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);

  /** The naive capstone fleet: FP16, 4,000-token outputs, tensor 4, 1,024 H100s. */
  private static FleetInput naive() {
    return new FleetInput("Serving", LLAMA_70B, new Traffic(500, 1000, 4000),
        new LatencySlo(1000, 50), GpuCatalog.spec(Gpu.H100_SXM), 1024,
        new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP16, Precision.FP16, 5.0, KvSizing.PEAK,
        0.40);
  }

  @Test
  void firstRungIsFp8AndItMoreThanDoublesRequestsPerReplica() {
    // Naive: ⌊(85,520,809,984 − 35e9 − 5e9) / (81,920 × 5,000)⌋ = 111 per replica. In FP8
    // the weights are 17.5e9 B per GPU and a token 40,960 B per GPU:
    // ⌊63,020,809,984 / 204,800,000⌋ = 307. The capstone says "roughly doubling": KV halves,
    // and the halved weights free 17.5 GB of each GPU on top, so 307 / 111 = 2.77.
    Ladder.Plan plan = Ladder.plan(naive());

    Ladder.Rung first = plan.rungs().get(0);
    assertEquals("weights = FP8, kvCache = FP8", first.change());
    assertTrue(first.changesQuality());
    assertEquals(307, first.figures().requestsPerReplica());
    assertEquals(111, FleetSizing.figures(naive()).requestsPerReplica());
  }

  @Test
  void ladderLowersTheGpusAtEveryRungUntilTheFleetFits() {
    Ladder.Plan plan = Ladder.plan(naive());

    long before = FleetSizing.figures(naive()).gpusNeeded();
    for (Ladder.Rung rung : plan.rungs()) {
      assertTrue(rung.figures().gpusNeeded() < before, rung::toString);
      before = rung.figures().gpusNeeded();
    }
    Ladder.Rung last = plan.rungs().get(plan.rungs().size() - 1);
    assertTrue(last.figures().gpusNeeded() <= 1024, last::toString);
  }

  @Test
  void smallestFittingSetFitsAndNoSmallerSetDoes() {
    Ladder.Plan plan = Ladder.plan(naive());

    assertTrue(plan.smallestSetFigures().orElseThrow().gpusNeeded() <= 1024);
    // No single lever closes a 3.54× gap: FP8 alone leaves 1,312 GPUs (⌈100,500 / 307⌉ = 328
    // replicas × 4), the first rung above.
    assertEquals(2, plan.smallestSet().size(), plan.smallestSet()::toString);
  }

  @Test
  void adaptiveThinkingCutsTheRequestTimeByAboutThirtySevenPercent() {
    // CAPSTONE.md: 2,500-token outputs cut W. W = 1 s + 4,000 × 0.05 s = 201 s; at 2,500 tokens
    // 1 s + 125 s = 126 s: 1 − 126 / 201 = 37.3%.
    double before = FleetSizing.figures(naive()).requestSeconds();
    double after =
        FleetSizing.figures(naive().withTraffic(new Traffic(500, 1000, 2500))).requestSeconds();
    assertEquals(201, before, 1e-9);
    assertEquals(0.373, 1 - after / before, 0.0005);
  }

  @Test
  void breakEvenRateFedBackLeavesLessThanOneReplicaSpare() {
    // 1,024 / 4 = 256 whole replicas × 111 requests / 201 s = 141.37 requests per second.
    Ladder.BreakEven breakEven = Ladder.plan(naive()).breakEven();
    assertEquals(141.37, breakEven.maxRequestsPerSecond(), 1e-9);

    FleetFigures atRate = FleetSizing.figures(naive().withTraffic(
        new Traffic(breakEven.maxRequestsPerSecond(), 1000, 4000)));
    assertTrue(atRate.gpusNeeded() <= 1024, atRate::toString);
    assertTrue(1024 - atRate.gpusNeeded() < atRate.gpusPerReplica(), atRate::toString);
  }

  @Test
  void breakEvenOutputFedBackFitsAndOneTokenMoreDoesNot() {
    Ladder.BreakEven breakEven = Ladder.plan(naive()).breakEven();
    int output = breakEven.maxOutputTokens();

    FleetFigures at = FleetSizing.figures(naive().withTraffic(new Traffic(500, 1000, output)));
    FleetFigures beyond =
        FleetSizing.figures(naive().withTraffic(new Traffic(500, 1000, output + 1)));
    assertTrue(at.gpusNeeded() <= 1024, at::toString);
    assertTrue(beyond.gpusNeeded() > 1024, beyond::toString);
    assertTrue(1024 - at.gpusNeeded() < at.gpusPerReplica(), at::toString);
  }

  @Test
  void fewestGpusAreTheNaiveFleetsOwnNeed() {
    // ⌈100,500 / 111⌉ = 906 replicas × 4 = 3,624 GPUs (SizingDiagnosticsTest works it out).
    assertEquals(3624, Ladder.plan(naive()).breakEven().fewestGpus());
  }

  @Test
  void aFleetThatFitsNeedsNoLever() {
    // The revised capstone (FP8, 2,500-token outputs) needs 576 of 1,024 GPUs.
    FleetInput revised = naive().withPrecisions(Precision.FP8, Precision.FP8)
        .withTraffic(new Traffic(500, 1000, 2500));
    Ladder.Plan plan = Ladder.plan(revised);
    assertEquals(List.of(), plan.rungs());
    assertEquals(List.of(), plan.smallestSet());
    // Its break-even output lies above the declared 2,500: the search doubles, then bisects.
    int output = plan.breakEven().maxOutputTokens();
    assertTrue(output > 2500, () -> "max output " + output);
    assertTrue(Ladder.fits(FleetSizing.figures(revised.withTraffic(
        new Traffic(500, 1000, output)))));
    assertTrue(!Ladder.fits(FleetSizing.figures(revised.withTraffic(
        new Traffic(500, 1000, output + 1)))));
  }

  @Test
  void otherGpusLeaveOutTheDeclaredOneAndSortByGpusNeeded() {
    // The naive fleet on GPUs with more memory than an H100's 80 GB (H200 141 GB, B200 and
    // MI300X 192 GB) holds more requests per replica, so needs fewer of them than 3,624.
    Ladder.Plan plan = Ladder.plan(naive());

    long previous = 0;
    for (Ladder.OtherGpu other : plan.otherGpus()) {
      assertTrue(other.gpu().gpu() != Gpu.H100_SXM, other::toString);
      assertTrue(other.figures().gpusNeeded() >= previous, other::toString);
      previous = other.figures().gpusNeeded();
    }
    for (Gpu bigger : List.of(Gpu.H200, Gpu.B200, Gpu.MI300X)) {
      Ladder.OtherGpu other = plan.otherGpus().stream()
          .filter(candidate -> candidate.gpu().gpu() == bigger).findFirst().orElseThrow();
      assertTrue(other.figures().gpusNeeded() < 3624, other::toString);
    }
  }

  @Test
  void aGpuWithoutFp8TensorCoresQuantizesToInt8First() {
    // The A100 has no FP8 tensor cores, so its 8-bit rung is INT8 (same bytes as FP8): on the
    // naive fleet moved to A100 80GB, the first rung is INT8 weights and KV.
    FleetInput a100 = naive().withGpu(GpuCatalog.spec(Gpu.A100_80GB));
    Ladder.Rung first = Ladder.plan(a100).rungs().get(0);
    assertEquals("weights = INT8, kvCache = INT8", first.change());
    assertTrue(first.changesQuality());
  }
}
