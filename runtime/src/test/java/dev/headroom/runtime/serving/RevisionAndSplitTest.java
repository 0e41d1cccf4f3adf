package dev.headroom.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Finding;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Checks the engine where a replica is split unevenly or heads are replicated, where a revision
 * is replayed from its baseline, and the figure names the report class and JSON rely on.
 */
class RevisionAndSplitTest {
  /** The capstone's 70B (CAPSTONE.md stage 1): Llama 3 70B's shape, 70e9 parameters. */
  private static final ModelShape CAPSTONE_70B =
      new ModelShape("70B", 70e9, 80, 8192, 64, 8, 128, 28672, 128256, false, Precision.BF16);

  private static FleetInput fleet(ReplicaSplit split, Precision weights, Precision kvCache) {
    return new FleetInput("Serving", CAPSTONE_70B, new Traffic(500, 1_000, 2_500),
        new LatencySlo(1_000, 50), GpuCatalog.spec(Gpu.H100_SXM), 1_024, split, weights,
        kvCache, 5.0, KvSizing.PEAK, 0.40);
  }

  @Test
  void unevenPipelineSizesWeightsOnTheBusiestStage() {
    // 80 layers over 3 stages: 27, 27 and 26. A layer of the shape is 2·8192·64·128 +
    // 2·8192·8·128 + 3·8192·28672 + 2·8192 = 855,654,400 parameters; the first stage adds the
    // embedding, 128,256 × 8,192 = 1,050,673,152: 24,153,341,952 of the shape's 70,553,706,496
    // (the last: 26 layers + head + final norm = 23,296,695,744). BF16 weights are 140e9 B, so
    // the first stage's GPUs at tensor 2 hold ⌈140e9 × 24,153,341,952 / (70,553,706,496 × 2)⌉
    // = 23,963,786,180 B, not the even share 140e9 / 6 = 23,333,333,334 B, nor the
    // 23,625,000,000 B of spreading the embeddings over the layers.
    FleetInput input = fleet(new ReplicaSplit(2, 3, 1, 1, 1), Precision.BF16, Precision.BF16);

    FleetFigures figures = FleetSizing.figures(input);

    assertEquals(23_963_786_180L, figures.weightBytesPerGpu());
    // KV on the same stage: 2 × 27 layers × (8 / 2) heads × 128 × 2 B = 55,296 B per token.
    assertEquals(55_296L, figures.kvBytesPerTokenPerGpu());
  }

  @Test
  void replicatedKvHeadsCountOnceInTheReplicasRoom() {
    // MQA (1 KV head) at tensor 8: every GPU holds the same head, so the replica's distinct
    // KV room is one GPU's room, not eight. Room per GPU = 85,520,809,984 − 70e9 / 8 − 5e9 =
    // 71,770,809,984 B (FP8 weights and KV).
    ModelShape mqa = new ModelShape("MQA 70B", 70e9, 80, 8192, 64, 1, 128, 28672, 128256, false,
        Precision.BF16);
    FleetInput input = new FleetInput("Serving", mqa, new Traffic(500, 1_000, 2_500),
        new LatencySlo(1_000, 50), GpuCatalog.spec(Gpu.H100_SXM), 1_024,
        new ReplicaSplit(8, 1, 1, 1, 1), Precision.FP8, Precision.FP8, 5.0, KvSizing.PEAK, 0.40);

    FleetFigures figures = FleetSizing.figures(input);

    assertEquals(71_770_809_984L, figures.kvRoomBytesPerGpu());
    assertEquals(71_770_809_984L, figures.kvBytesPerReplica());
    // 2 × 80 × 1 × 128 × 1 B = 20,480 B per token on every GPU.
    assertEquals(20_480L, figures.kvBytesPerTokenPerGpu());
  }

  @Test
  void aBaselineWithoutThePrefillPoolReplaysTheNaiveFleetAndThenAddsThePool() {
    // The naive capstone (FP16, 4,000-token outputs, no pool) needs 906 replicas × 4 = 3,624
    // GPUs (CAPSTONE.md stage 1, as the naive sample reports); the revised fleet adds a pool
    // of 128 tensor-4 GPUs, which the walk adds as its own step.
    FleetInput revised = fleet(new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP8, Precision.FP8)
        .withPrefill(128, new ReplicaSplit(4, 1, 1, 1, 1));
    BaselineChanges naive = new BaselineChanges("naive", Precision.FP16, Precision.FP16, 0, 0,
        4_000, 0, false, Optional.empty());

    List<WalkStep> walk = BaselineWalk.walk(revised, naive);

    assertEquals(3_624L, walk.get(0).figures().orElseThrow().gpusNeeded());
    assertTrue(walk.get(0).change().endsWith(", no prefill pool)"), walk.get(0).change());
    WalkStep pool = walk.get(3);
    assertEquals("prefill pool: none → 128 GPUs (tensor 4)", pool.change());
    // The FP8 fleet at 4,000 output tokens: 328 replicas × 4 = 1,312 GPUs, + 128 = 1,440.
    assertEquals(1_440L, pool.figures().orElseThrow().gpusNeeded());
  }

  @Test
  void docsNameTheExpertDegreeOnlyWhenThereIsOne() {
    // The moe sample's replica (expert 8) and the capstone's dense training layout.
    assertEquals("tensor 1 × pipeline 1 × expert 8",
        new ReplicaSplit(1, 1, 8, 1, 1).replicaDegrees());
    assertEquals("tensor 4 × pipeline 1", new ReplicaSplit(4, 1, 1, 1, 1).replicaDegrees());
    assertEquals("tensor 8 × pipeline 1 × data 512 × context 1",
        new ReplicaSplit(8, 1, 1, 512, 1).trainingDegrees());
    assertEquals("tensor 2 × pipeline 1 × data 128 × context 1, expert 8 within data × context",
        new ReplicaSplit(2, 1, 8, 128, 1).trainingDegrees());
  }

  @Test
  void generousTpotIsSolvedNotSearched() {
    // tpotMillis = 3,600,000 (the largest accepted): the memory bound is
    // (3,600 s × 3.35e12 B/s − 17.5e9 B) / 143,360,000 B = 84,123,761.86, below the compute
    // bound 3,600 × 4 × 1,978.9e12 / (2 × 70e9) = 203,544,000, so the batch is 84,123,761.
    FleetInput input = new FleetInput("Serving", CAPSTONE_70B, new Traffic(500, 1_000, 2_500),
        new LatencySlo(1_000, 3_600_000), GpuCatalog.spec(Gpu.H100_SXM), 1_024,
        new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP8, Precision.FP8, 5.0, KvSizing.PEAK, 0.40);

    assertEquals(84_123_761L, FleetSizing.figures(input).tpotBoundRequestsPerReplica());
  }

  @Test
  void baselineKvFollowsTheBaselinesWeightsWhenTheFleetsKvInherits() {
    // The revised capstone with kvCache left to follow FP8 weights, and a baseline of FP16
    // weights: the baseline's KV followed its FP16 weights too. Its KV room per GPU is
    // 85,520,809,984 − 35e9 − 5e9 = 45,520,809,984 B; a request holds 81,920 B × 3,500 =
    // 286,720,000 B per GPU, so 158 per replica; ⌈63,000 / 158⌉ = 399 replicas, 1,596 GPUs.
    FleetInput revised = fleet(new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP8, Precision.INHERIT);
    BaselineChanges before = new BaselineChanges("fp16", Precision.FP16, Precision.INHERIT, 0, 0,
        0, 0, Optional.empty());

    List<WalkStep> walk = BaselineWalk.walk(revised, before);

    FleetFigures baseline = walk.get(0).figures().orElseThrow();
    assertEquals(158L, baseline.requestsPerReplica());
    assertEquals(1_596L, baseline.gpusNeeded());
    assertTrue(walk.get(0).change().contains("weights FP16, KV cache FP16"), walk.get(0).change());
  }

  @Test
  void fourBitWeightsLendingTheirFormatToKvDrawAWarning() {
    FleetInput input = fleet(new ReplicaSplit(4, 1, 1, 1, 1), Precision.INT4, Precision.INHERIT);

    List<Finding> findings = FleetValidation.check(input);

    assertTrue(findings.stream().anyMatch(f -> f.id().equals("headroom.kv-precision")),
        findings.toString());
  }

  @Test
  void figureNamesFollowTheRecordComponentsInOrder() {
    // The report class passes figures to the FleetFigures constructor positionally, in
    // byName() order, and the JSON keys are those names: both must match the components.
    List<String> components = Arrays.stream(FleetFigures.class.getRecordComponents())
        .map(RecordComponent::getName)
        .toList();

    FleetFigures figures =
        FleetSizing.figures(fleet(new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP8, Precision.FP8));

    assertEquals(components, List.copyOf(figures.byName().keySet()));
  }
}
