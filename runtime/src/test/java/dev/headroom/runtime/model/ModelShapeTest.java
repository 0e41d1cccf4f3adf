package dev.headroom.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import org.junit.jupiter.api.Test;

/** Checks parameter counts and KV cache bytes of {@link ModelShape} against published figures. */
class ModelShapeTest {

  // Llama 3 shapes from the Hugging Face config.json files (REFERENCES.md R-P1).
  private static final ModelShape LLAMA3_8B =
      shape("Llama-3-8B", 0, 32, 4096, 32, 8, 128, 14336, 128256);
  private static final ModelShape LLAMA3_70B =
      shape("Llama-3-70B", 0, 80, 8192, 64, 8, 128, 28672, 128256);
  private static final ModelShape LLAMA3_405B =
      shape("Llama-3-405B", 0, 126, 16384, 128, 8, 128, 53248, 128256);

  private static ModelShape shape(
      String name,
      double parameters,
      int layers,
      int hidden,
      int heads,
      int kvHeads,
      int headDim,
      int intermediate,
      int vocab) {
    return new ModelShape(name, parameters, layers, hidden, heads, kvHeads, headDim,
        intermediate, vocab, false, Precision.BF16);
  }

  private static double gib(long bytes) {
    return Units.toGib(bytes);
  }

  @Test
  void derivedParametersMatchLlama3_8bExactly_RP1() {
    // REFERENCES.md R-P1: 32 × (2·4096·4096 + 2·4096·1024 + 3·4096·14336 + 2·4096)
    // + 2·128256·4096 + 4096 = 32 × 218,112,000 + 1,050,673,152 + 4,096 = 8,030,261,248.
    assertEquals(8_030_261_248L, LLAMA3_8B.derivedParameters());
  }

  @Test
  void derivedParametersMatchLlama3_70bExactly_RP1() {
    // REFERENCES.md R-P1: 70B, L 80, d 8192, 64/8 heads, F 28672 → 70,553,706,496.
    assertEquals(70_553_706_496L, LLAMA3_70B.derivedParameters());
  }

  @Test
  void derivedParametersMatchLlama3_405bExactly_RP1() {
    // REFERENCES.md R-P1: 405B, L 126, d 16384, 128/8 heads, F 53248 → 405,853,388,800.
    assertEquals(405_853_388_800L, LLAMA3_405B.derivedParameters());
  }

  @Test
  void declaredParametersOverrideTheDerivedCount() {
    // The capstone declares 70e9; sizing must use 70,000,000,000, not 70,553,706,496.
    ModelShape declared = shape("capstone", 70e9, 80, 8192, 64, 8, 128, 28672, 128256);
    assertEquals(70_000_000_000L, declared.parameters());
    assertEquals(LLAMA3_70B.derivedParameters(), LLAMA3_70B.parameters());
  }

  @Test
  void headDimDefaultsToHiddenOverHeads() {
    // headDim 0 means d / heads: 8192 / 64 = 128, so the KV bytes match the explicit shape.
    ModelShape implicit = shape("implicit", 0, 80, 8192, 64, 8, 0, 28672, 128256);
    assertEquals(128, implicit.headDim());
    assertEquals(LLAMA3_70B.kvBytesPerToken(Precision.FP16),
        implicit.kvBytesPerToken(Precision.FP16));
  }

  @Test
  void capstoneKvBytesPerTokenIn16BitsAndInt8_RK1() {
    // REFERENCES.md R-K1: 2 × 80 layers × 8 KV heads × 128 × 2 bytes = 327,680; int8 163,840.
    assertEquals(327_680L, LLAMA3_70B.kvBytesPerToken(Precision.BF16));
    assertEquals(327_680L, LLAMA3_70B.kvBytesPerToken(Precision.FP16));
    assertEquals(163_840L, LLAMA3_70B.kvBytesPerToken(Precision.INT8));
    assertEquals(163_840L, LLAMA3_70B.kvBytesPerToken(Precision.FP8));
  }

  @Test
  void llama31_8bKvTableInGib_RK2() {
    // REFERENCES.md R-K2 (fp16, GiB): 2 × 32 × 8 × 128 × 2 = 131,072 bytes per token.
    // 1,024 tok: 134,217,728 B = 0.125 GiB; 16,000: 1.953125 GiB (printed 1.953);
    // 128,000: 15.625 GiB. Tolerance: half a unit of the last printed digit.
    long perToken = LLAMA3_8B.kvBytesPerToken(Precision.FP16);
    assertEquals(131_072L, perToken);
    assertEquals(0.125, gib(perToken * 1_024), 0.0005);
    assertEquals(1.953, gib(perToken * 16_000), 0.0005);
    assertEquals(15.625, gib(perToken * 128_000), 0.0005);
  }

  @Test
  void llama31_70bKvTableInGib_RK2() {
    // REFERENCES.md R-K2: 327,680 bytes per token. 1,024 tok: 0.3125 GiB;
    // 16,000: 4.8828125 GiB (printed 4.883); 128,000: 39.0625 GiB (printed 39.06).
    long perToken = LLAMA3_70B.kvBytesPerToken(Precision.FP16);
    assertEquals(0.3125, gib(perToken * 1_024), 0.00005);
    assertEquals(4.883, gib(perToken * 16_000), 0.0005);
    assertEquals(39.06, gib(perToken * 128_000), 0.005);
  }

  @Test
  void llama31_405bKvRowIsNotTheBlogsDoubledFigure_RK2() {
    // REFERENCES.md R-K2: 2 × 126 × 8 × 128 × 2 = 516,096 bytes per token;
    // × 1,024 = 528,482,304 B = 0.4921875 GiB (printed 0.492). The blog printed twice that,
    // 0.984 GiB; the engine must not be anywhere near it.
    long perToken = LLAMA3_405B.kvBytesPerToken(Precision.FP16);
    assertEquals(516_096L, perToken);
    double gib = gib(perToken * 1_024);
    assertEquals(0.492, gib, 0.0005);
    double blogDoubled = 2 * 0.492;
    assertTrue(Math.abs(gib - blogDoubled) / blogDoubled > 0.10,
        "405B KV per 1,024 tokens must not be the blog's doubled 0.984 GiB, was " + gib);
  }

  @Test
  void llama2_70bKvFor2048TokensIsNotTheWrongPublished5_24Gb_RK3() {
    // REFERENCES.md R-K3: Llama 2 70B, 80 layers, d 8192, 64 heads, 8 KV heads, hd 128, fp16.
    // 2 × 80 × 8 × 128 × 2 = 327,680 B per token × 2,048 = 671,088,640 B (0.671 GB).
    ModelShape llama2 = shape("Llama-2-70B", 0, 80, 8192, 64, 8, 128, 28672, 32000);
    long bytes = llama2.kvBytesPerToken(Precision.FP16) * 2_048;
    assertEquals(671_088_640L, bytes);
    double wrong = 5.24e9;
    assertTrue(Math.abs(bytes - wrong) / wrong > 0.10,
        "Llama 2 70B KV at 2,048 tokens must not be near 5.24 GB, was " + bytes);
  }

  @Test
  void multiHeadAttentionKeepsEveryHeadInTheCache() {
    // MHA (Llama 2 7B: 32 layers, 32 heads, 32 KV heads, hd 128), fp16:
    // 2 × 32 × 32 × 128 × 2 = 524,288 bytes per token.
    ModelShape mha = shape("MHA", 0, 32, 4096, 32, 32, 128, 11008, 32000);
    assertEquals(524_288L, mha.kvBytesPerToken(Precision.FP16));
  }

  @Test
  void groupedQueryAttentionDividesKvByTheGroupSize() {
    // GQA-8 on the same 32-layer, 32-head shape: 2 × 32 × 8 × 128 × 2 = 131,072, a quarter
    // (32 / 8) of the MHA figure 524,288.
    ModelShape gqa = shape("GQA", 0, 32, 4096, 32, 8, 128, 11008, 32000);
    assertEquals(131_072L, gqa.kvBytesPerToken(Precision.FP16));
    assertEquals(524_288L / 4, gqa.kvBytesPerToken(Precision.FP16));
  }

  @Test
  void multiQueryAttentionKeepsOneKvHead() {
    // MQA (kvHeads 1): 2 × 32 × 1 × 128 × 2 = 16,384 bytes per token.
    ModelShape mqa = shape("MQA", 0, 32, 4096, 32, 1, 128, 11008, 32000);
    assertEquals(16_384L, mqa.kvBytesPerToken(Precision.FP16));
  }

  @Test
  void kvPerGpuSplitsHeadsWhenTensorDividesKvHeads() {
    // 70B at TP 4: 8 / 4 = 2 heads per GPU: 2 × 80 × 2 × 128 × 2 = 81,920 = 327,680 / 4.
    assertEquals(81_920L, LLAMA3_70B.kvBytesPerTokenPerGpu(Precision.FP16, 4, 1));
    // TP 8: 1 head per GPU: 40,960 = 327,680 / 8.
    assertEquals(40_960L, LLAMA3_70B.kvBytesPerTokenPerGpu(Precision.FP16, 8, 1));
    // TP 1 holds the whole model's KV.
    assertEquals(327_680L, LLAMA3_70B.kvBytesPerTokenPerGpu(Precision.FP16, 1, 1));
  }

  @Test
  void kvPerGpuReplicatesHeadsWhenTensorExceedsKvHeads() {
    // 8 KV heads at TP 16: max(1, 8 / 16) = 1 head per GPU, replicated, so per GPU is the
    // model's 327,680 / 8 = 40,960, not 327,680 / 16 = 20,480.
    long perGpu = LLAMA3_70B.kvBytesPerTokenPerGpu(Precision.FP16, 16, 1);
    assertEquals(40_960L, perGpu);
    assertEquals(LLAMA3_70B.kvBytesPerToken(Precision.FP16) / 8, perGpu);
    // MQA at TP 8: the single head sits on every GPU: 2 × 32 × 1 × 128 × 2 = 16,384.
    ModelShape mqa = shape("MQA", 0, 32, 4096, 32, 1, 128, 11008, 32000);
    assertEquals(16_384L, mqa.kvBytesPerTokenPerGpu(Precision.FP16, 8, 1));
  }

  @Test
  void kvPerGpuTakesTheCeilingOfLayersPerPipelineStage() {
    // 80 layers over 3 stages: the busiest stage holds ⌈80 / 3⌉ = 27 layers.
    // TP 8 (1 head): 2 × 27 × 1 × 128 × 2 = 13,824 bytes per token.
    assertEquals(13_824L, LLAMA3_70B.kvBytesPerTokenPerGpu(Precision.FP16, 8, 3));
    // 80 layers over 2 stages: exactly 40: 2 × 40 × 2 × 128 × 2 = 40,960 at TP 4.
    assertEquals(40_960L, LLAMA3_70B.kvBytesPerTokenPerGpu(Precision.FP16, 4, 2));
    // 405B: 126 layers over 16 stages → ⌈7.875⌉ = 8 layers; TP 8 → 1 head:
    // 2 × 8 × 1 × 128 × 2 = 4,096.
    assertEquals(4_096L, LLAMA3_405B.kvBytesPerTokenPerGpu(Precision.BF16, 8, 16));
  }

  @Test
  void int4GroupOf128CostsSixtySixBytesWithItsFp16Scale() {
    // Precision.INT4 Javadoc (GPTQ/AWQ): 4 × 128 + 16 = 528 bits per 128 elements.
    // 128 elements: 528 / 8 = 66 bytes (64 of values + 2 of scale).
    assertEquals(66L, Exact.bytes(128, Precision.INT4));
    // 256 elements: 2 × 66 = 132 bytes.
    assertEquals(132L, Exact.bytes(256, Precision.INT4));
    // 1 element: ⌈528 / 1,024⌉ = 1 byte (rounded up, never 0).
    assertEquals(1L, Exact.bytes(1, Precision.INT4));
  }

  @Test
  void fp4BlockOf32CostsSeventeenBytesWithItsEightBitScale() {
    // Precision.FP4 Javadoc (OCP MXFP4): 4 × 32 + 8 = 136 bits per 32 elements.
    // 32 elements: 136 / 8 = 17 bytes (16 of values + 1 of scale).
    assertEquals(17L, Exact.bytes(32, Precision.FP4));
    // 1,000 elements: ⌈1,000 × 136 / 256⌉ = ⌈531.25⌉ = 532 bytes.
    assertEquals(532L, Exact.bytes(1_000, Precision.FP4));
  }

  @Test
  void weightBytesAreParametersTimesBitsOverEight() {
    // 70e9 parameters: FP16 140e9 bytes, FP8 70e9, INT4 70e9 × 528 / 1,024 = 36,093,750,000.
    ModelShape declared = shape("capstone", 70e9, 80, 8192, 64, 8, 128, 28672, 128256);
    assertEquals(140_000_000_000L, declared.weightBytes(Precision.FP16));
    assertEquals(70_000_000_000L, declared.weightBytes(Precision.FP8));
    assertEquals(36_093_750_000L, declared.weightBytes(Precision.INT4));
  }
}
