package dev.headroom.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Precision;
import org.junit.jupiter.api.Test;

/** Checks the KV cache of latent and sliding-window attention against hand-computed values. */
class AttentionCacheTest {
  private static final ModelShape DEEPSEEK_V3 = KnownModels.shape(KnownModel.DEEPSEEK_V3);
  private static final ModelShape GPT_OSS = KnownModels.shape(KnownModel.GPT_OSS_120B);

  @Test
  void latentAttentionCachesOneLatentAndOneRopeKeyPerLayer_RK4() {
    // REFERENCES.md R-K4: 61 × (512 + 64) × 2 = 70,272 bytes per token, no K/V factor of two.
    assertEquals(70_272L, DEEPSEEK_V3.kvBytesPerToken(Precision.BF16));
    // FP8: 61 × 576 × 1 = 35,136.
    assertEquals(35_136L, DEEPSEEK_V3.kvBytesPerToken(Precision.FP8));
  }

  @Test
  void latentIsReplicatedOnEveryTensorGpuNotDivided() {
    // The latent has no heads to split: at tensor 8 each GPU still holds 61 × 576 × 2 =
    // 70,272 B per token, and all 8 hold a copy.
    assertEquals(70_272L, DEEPSEEK_V3.kvBytesPerTokenPerGpu(Precision.BF16, 8, 1));
    assertEquals(8, DEEPSEEK_V3.kvHeadReplication(8));
    // Pipeline 2: ⌈61 / 2⌉ = 31 layers × 576 × 2 = 35,712.
    assertEquals(35_712L, DEEPSEEK_V3.kvBytesPerTokenPerGpu(Precision.BF16, 1, 2));
  }

  @Test
  void latentSavingAgainstLlama405bGqa() {
    // R-K2: Llama 3.1 405B's GQA caches 516,096 B per token in 16 bits; DeepSeek-V3's 70,272 B
    // is 7.34 times less, for 1.65 times the total parameters.
    long gqa = KnownModels.shape(KnownModel.LLAMA_3_1_405B).kvBytesPerToken(Precision.BF16);
    assertEquals(516_096L, gqa);
    assertEquals(7.34, (double) gqa / DEEPSEEK_V3.kvBytesPerToken(Precision.BF16), 0.005);
  }

  @Test
  void windowedLayersHoldAtMostTheWindow() {
    // gpt-oss-120b: 36 layers, 18 with a 128-token window; 8 KV heads × 64 × 2 (K, V) = 1,024
    // elements a layer and token, 2,048 B in BF16. A full-attention context costs 36 × 2,048
    // = 73,728 B per token.
    assertEquals(73_728L, GPT_OSS.kvBytesPerToken(Precision.BF16));
    // 100 tokens, inside the window: every layer holds all, 73,728 × 100 = 7,372,800.
    assertEquals(7_372_800L, GPT_OSS.kvBytes(Precision.BF16, 100));
    // 10,000 tokens: 18 full layers × 2,048 × 10,000 = 368,640,000 + 18 windowed layers ×
    // 2,048 × 128 = 4,718,592: 373,358,592 B, against 737,280,000 without the window.
    assertEquals(373_358_592L, GPT_OSS.kvBytes(Precision.BF16, 10_000));
  }

  @Test
  void windowedStageAssumesTheFullLayersGatherOnTheBusiestGpu() {
    // Pipeline 4: ⌈36 / 4⌉ = 9 layers, all of which may be full-attention layers (18 exist),
    // at tensor 8 one KV head each: 9 × 2 × 64 × 2 B = 2,304 B × 10,000 tokens = 23,040,000.
    assertEquals(23_040_000L, GPT_OSS.kvBytesPerGpu(Precision.BF16, 8, 4, 10_000));
    // Pipeline 1, tensor 8: 18 full layers × 256 B × 10,000 = 46,080,000 + 18 × 256 × 128 =
    // 589,824: 46,669,824.
    assertEquals(46_669_824L, GPT_OSS.kvBytesPerGpu(Precision.BF16, 8, 1, 10_000));
  }
}
