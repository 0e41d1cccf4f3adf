package dev.headroom.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sizes DeepSeek-V3 fleets by hand and through the engine: expert parallelism against tensor
 * parallelism for a latent-attention cache, the experts a decode step reads, and the checks on
 * the expert degree. The workload is the {@code moe} sample's: 50 requests/s of 2,000 + 4,000
 * tokens, 2 s TTFT, 50 ms TPOT, on H200s (150,754,820,096 B reported).
 */
class MixtureOfExpertsFleetTest {
  private static final ModelShape DEEPSEEK_V3 = KnownModels.shape(KnownModel.DEEPSEEK_V3);

  private static FleetInput fleet(ModelShape model, ReplicaSplit split) {
    return new FleetInput("Serving", model, new Traffic(50, 2_000, 4_000),
        new LatencySlo(2_000, 50), GpuCatalog.spec(Gpu.H200), 128, split, Precision.INHERIT,
        Precision.BF16, 5.0, KvSizing.PEAK, 0.40);
  }

  @Test
  void expertParallelismGivesEachGpuItsOwnRequests() {
    // Expert 8 × tensor 1, FP8 weights (1 B per parameter): each GPU holds the 17,117,633,536
    // B of everything but the routed experts and 32 of 256 experts per layer, 81,738,596,352
    // B: 98,856,229,888 B. Room = 150,754,820,096 − 98,856,229,888 − 5e9 = 46,898,590,208 B.
    // A request: 70,272 B (R-K4) × 6,000 tokens = 421,632,000 B, on its own GPU;
    // ⌊46,898,590,208 / 421,632,000⌋ = 111 per GPU × 8 attention groups = 888 per replica.
    // L = 50 × (2 + 4,000 × 0.05) = 10,100; ⌈10,100 / 888⌉ = 12 replicas × 8 = 96 GPUs.
    FleetFigures f = FleetSizing.figures(fleet(DEEPSEEK_V3, new ReplicaSplit(1, 1, 8, 1, 1)));

    assertEquals(671_026_404_352L, f.weightBytes());
    assertEquals(98_856_229_888L, f.weightBytesPerGpu());
    assertEquals(70_272L, f.kvBytesPerToken());
    assertEquals(421_632_000L, f.kvBytesPerRequestPerGpu());
    assertEquals(888L, f.kvBoundRequestsPerReplica());
    assertEquals(8, f.gpusPerReplica());
    assertEquals(12L, f.replicas());
    assertEquals(96L, f.gpusNeeded());
    // Decode at 888: every expert is touched (1 − (31/32)^888 ≈ 1), so a GPU reads
    // 98,856,229,888 + 111 × 421,632,000 = 145,657,381,888 B / 4.8e12 B/s = 30.345 ms; the
    // FLOPs, 2 × 37,552,282,624 × 888 / (8 × 1,978.9e12), take 4.21 ms.
    assertEquals(30.345, f.decodeStepMillis(), 0.001);
  }

  @Test
  void tensorParallelismReplicatesTheLatentOnEveryGpu() {
    // Tensor 8 × expert 1 on the same node: weights 671,026,404,352 / 8 = 83,878,300,544 B a
    // GPU; room 61,876,519,552 B. The latent is not split by tensor, so each GPU holds the
    // whole 421,632,000 B of every request: ⌊61,876,519,552 / 421,632,000⌋ = 146 per replica,
    // against expert parallelism's 888, and the replica's distinct KV is one GPU's room.
    FleetFigures f = FleetSizing.figures(fleet(DEEPSEEK_V3, new ReplicaSplit(8, 1, 1, 1, 1)));

    assertEquals(83_878_300_544L, f.weightBytesPerGpu());
    assertEquals(421_632_000L, f.kvBytesPerRequestPerGpu());
    assertEquals(146L, f.kvBoundRequestsPerReplica());
    assertEquals(61_876_519_552L, f.kvBytesPerReplica());
  }

  @Test
  void smallBatchesReadOnlyTheExpertsTheirTokensPick() {
    // 8 tokens each pick 8 of 256 experts: 1 − (31/32)^8 = 22.43% of the experts are read.
    assertEquals(0.2243, FleetSizing.expertsTouched(DEEPSEEK_V3, 8), 0.0001);
    // A dense model reads all of its weights.
    assertEquals(1.0, FleetSizing.expertsTouched(KnownModels.shape(KnownModel.LLAMA_3_70B), 8));
    // One request on expert 8: 17,117,633,536 + 81,738,596,352 × (1 − (31/32)^1 = 1/32) =
    // 19,671,964,672 B of weights + the request's whole 421,632,000 B of KV, which lives on one
    // attention group (⌈1 / 8⌉ = 1 request there) = 20,093,596,672 B / 4.8e12 = 4.186 ms.
    FleetInput input = fleet(DEEPSEEK_V3, new ReplicaSplit(1, 1, 8, 1, 1));
    double step = FleetSizing.decodeStepSeconds(input, 98_856_229_888L, 421_632_000L, 1);
    assertEquals(20_093_596_672L / 4.8e12, step, 1e-9);
  }

  @Test
  void unevenExpertDegreeWarnsAndTooManyIsAnError() {
    // Mixtral's 8 experts over expert = 3: the busiest GPU holds ⌈8 / 3⌉ = 3 per layer.
    ModelShape mixtral = KnownModels.shape(KnownModel.MIXTRAL_8X7B);
    List<Finding> uneven = FleetValidation.check(fleet(mixtral, new ReplicaSplit(1, 1, 3, 1, 1)));
    Finding warning = only(uneven, "headroom.uneven-experts");
    assertEquals(Severity.WARNING, warning.severity());
    assertTrue(warning.message().contains("8 experts do not divide evenly over expert = 3: the"
        + " busiest GPU holds 3 experts per layer"), warning.message());
    assertTrue(warning.message().contains("such as 2"), warning.message());

    List<Finding> tooMany = FleetValidation.check(fleet(mixtral, new ReplicaSplit(1, 1, 16, 1, 1)));
    assertTrue(only(tooMany, "headroom.input-range").message()
        .startsWith("expert = 16 is out of range: it must be at most the model's 8 experts."));
  }

  private static Finding only(List<Finding> findings, String id) {
    List<Finding> matching =
        findings.stream().filter(finding -> finding.diagnostic().id().equals(id)).toList();
    assertEquals(1, matching.size(), findings.toString());
    return matching.get(0);
  }

  @Test
  void aPrefillPoolWhoseReplicaCannotHoldTheWeightsIsMemoryFitOnItsTensor() {
    // A tensor-1 prefill replica would hold all 671,026,404,352 B of FP8 weights on one H200,
    // which has 150,754,820,096 − 5e9 B after the reserve. Tensor 8 (128 heads split 8 ways;
    // 2 to 7 either do not divide the heads or still do not fit) leaves about 84 GB per GPU.
    FleetInput pooled = fleet(DEEPSEEK_V3, new ReplicaSplit(1, 1, 8, 1, 1))
        .withPrefill(16, ReplicaSplit.single());

    FleetAnalysis analysis =
        FleetSizing.analyse(pooled, Optional.empty(), Optional.empty(), List.of());

    Finding fit = analysis.findings().stream()
        .filter(finding -> finding.id().equals("headroom.memory-fit")).findFirst().orElseThrow();
    assertEquals(Subject.of(Anchor.PREFILL_PARALLELISM, "tensor"), fit.subject());
    assertTrue(fit.message().contains("671.03 GB of FP8 weights per GPU at tensor = 1"),
        fit.message());
    assertTrue(fit.message().contains("the smallest prefill tensor degree that fits is tensor"
        + " = 8"), fit.message());
  }

  @Test
  void anFp8CheckpointServedAsPublishedKeepsItsKvCacheInBf16() {
    // DeepSeek-V3 publishes FP8 weights; attention runs in BF16 and so does its KV cache
    // unless told otherwise (vLLM's kv_cache_dtype "auto"): R-K4's 70,272 B per token.
    FleetInput inherited = new FleetInput("Serving", DEEPSEEK_V3, new Traffic(50, 2_000, 4_000),
        new LatencySlo(2_000, 50), GpuCatalog.spec(Gpu.H200), 128,
        new ReplicaSplit(1, 1, 8, 1, 1), Precision.INHERIT, Precision.INHERIT, 5.0,
        KvSizing.PEAK, 0.40);

    assertEquals(Precision.FP8, inherited.servedWeights());
    assertEquals(Precision.BF16, inherited.servedKvCache());
    assertEquals(70_272L, FleetSizing.figures(inherited).kvBytesPerToken());
    assertTrue(EvalGate.missing(inherited, List.of()).isEmpty());
  }

  @Test
  void theKvAPrefillPoolHandsOverCountsSlidingWindows() {
    // gpt-oss-120b: 36 layers, 8 KV heads × 64, half of them windowed at 128 tokens; a layer
    // holds 2 × 8 × 64 × 2 B = 2,048 B per token in BF16. A 1,000-token prompt leaves 18 ×
    // 1,000 × 2,048 + 18 × 128 × 2,048 = 41,582,592 B, not 36 × 1,000 × 2,048 = 73,728,000 B.
    ModelShape gptOss = KnownModels.shape(KnownModel.GPT_OSS_120B);
    FleetInput input = new FleetInput("Serving", gptOss, new Traffic(1, 1_000, 1_000),
        new LatencySlo(2_000, 50), GpuCatalog.spec(Gpu.H200), 128, ReplicaSplit.single(),
        Precision.BF16, Precision.BF16, 5.0, KvSizing.PEAK, 0.40)
        .withPrefill(8, ReplicaSplit.single());

    assertEquals(41_582_592.0, FleetSizing.figures(input).kvTransferBytesPerSecond(), 1e-6);
  }

  @Test
  void expertParallelPrefillSpreadsOnlyTheRoutedExpertsOverTheReplica() {
    // DeepSeek-V3's 37,552,282,624 active parameters hold 58 MoE layers × 8 routed experts ×
    // 3 × 7,168 × 2,048 = 20,434,649,088 in routed experts. A 2,000-token prompt prefills its
    // attention and dense part on its own GPU (tensor 1) and its routed experts on all 8:
    // 2 × 17,117,633,536 × 2,000 / (1,978.9e12 × 0.4) + 2 × 20,434,649,088 × 2,000 / (8 ×
    // 1,978.9e12 × 0.4) = 86.50 + 12.91 = 99.41 ms, not the 189.76 ms of all of it on one GPU.
    assertEquals(20_434_649_088L, DEEPSEEK_V3.routedActiveParameters());
    FleetFigures f = FleetSizing.figures(fleet(DEEPSEEK_V3, new ReplicaSplit(1, 1, 8, 1, 1)));
    double expected = 2.0 * 17_117_633_536L * 2_000 / (1_978.9e12 * 0.4)
        + 2.0 * 20_434_649_088L * 2_000 / (8 * 1_978.9e12 * 0.4);
    assertEquals(1000 * expected, f.prefillMillis(), 1e-9);
    assertEquals(99.41, f.prefillMillis(), 0.005);
  }
}
