package dev.headroom.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Checks the doc lines a sliding window and a pipeline add to a fleet's section, and that a
 * dense model on one stage keeps its plain lines.
 */
class ShapeLinesTest {

  private static String doc(ModelShape model, ReplicaSplit split, Precision weights) {
    FleetInput input = new FleetInput("Serving", model, new Traffic(10, 2_000, 8_000),
        new LatencySlo(2_000, 50), GpuCatalog.spec(Gpu.H100_SXM), 64, split, weights,
        Precision.BF16, 5.0, KvSizing.PEAK, 0.40);
    FleetAnalysis fleet = FleetSizing.analyse(input, Optional.empty(), Optional.empty());
    return MarkdownReport.render(
        new DesignAnalysis("com.acme.Platform", "Platform", List.of(fleet)));
  }

  @Test
  void slidingWindowLayersHoldOnlyTheWindowOfARequest() {
    // gpt-oss-120b in FP4 on one H100, 10,000 tokens a request: 18 full layers × 2,048 B ×
    // 10,000 + 18 windowed × 2,048 B × 128 = 373,358,592 B (AttentionCacheTest), not the
    // 73,728 × 10,000 = 737,280,000 B of treating every layer as full.
    ModelShape gptOss = KnownModels.shape(KnownModel.GPT_OSS_120B);
    String doc = doc(gptOss, new ReplicaSplit(1, 1, 1, 1, 1), Precision.FP4);

    assertTrue(doc.contains("- KV per request: 18 full-attention layers hold all 10,000 tokens"
        + " and 18 sliding-window layers at most min(128, 10,000) = 128: 373.36 MB; per GPU"
        + " 373.36 MB"), doc);
  }

  @Test
  void pipelineStagesAreSizedOnTheBusiestWithItsEmbedding() {
    // Llama 3 70B's shape in BF16 over tensor 2 × pipeline 3: the first stage, 27 layers and
    // the embedding, 24,153,341,952 parameters × 2 B / 2 = 24,153,341,952 B (24.15 GB).
    ModelShape llama = KnownModels.shape(KnownModel.LLAMA_3_70B);
    String doc = doc(llama, new ReplicaSplit(2, 3, 1, 1, 1), Precision.BF16);

    assertTrue(doc.contains("- per GPU = the busiest of 3 pipeline stages (embedding and output"
        + " head on theirs), split over tensor 2 = 24.15 GB"), doc);
    assertEquals(24_153_341_952L, llama.sharePerGpu(llama.weightBytes(Precision.BF16), 2, 3, 1));
  }

  @Test
  void denseModelOnOneStageKeepsThePlainLines() {
    ModelShape llama = KnownModels.shape(KnownModel.LLAMA_3_70B);
    String doc = doc(llama, new ReplicaSplit(4, 1, 1, 1, 1), Precision.BF16);

    assertTrue(doc.contains("- per GPU = 141.11 GB / (tensor 4 × pipeline 1) = 35.28 GB"), doc);
    assertFalse(doc.contains("active parameters"), doc);
    assertFalse(doc.contains("latent"), doc);
  }
}
