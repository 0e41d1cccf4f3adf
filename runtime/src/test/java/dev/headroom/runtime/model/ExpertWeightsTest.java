package dev.headroom.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Precision;
import org.junit.jupiter.api.Test;

/**
 * Checks how a mixture of experts' weights split over GPUs: the routed experts by the expert
 * degree, the rest by the tensor degree, the busiest pipeline stage with its embeddings.
 */
class ExpertWeightsTest {
  private static final ModelShape DEEPSEEK_V3 = KnownModels.shape(KnownModel.DEEPSEEK_V3);
  private static final ModelShape MIXTRAL = KnownModels.shape(KnownModel.MIXTRAL_8X7B);

  @Test
  void routedExpertsDivideByTheExpertDegreeTheRestIsReplicated() {
    // DeepSeek-V3, tensor 1 × expert 8: routed experts are 58 layers × 256 × 44,040,192 =
    // 653,908,770,816 of 671,026,404,352; a GPU holds 32 per layer, 58 × 32 × 44,040,192 =
    // 81,738,596,352, and all the rest, 671,026,404,352 − 653,908,770,816 = 17,117,633,536:
    // 98,856,229,888 parameters.
    long all = DEEPSEEK_V3.derivedParameters();
    assertEquals(98_856_229_888L, DEEPSEEK_V3.sharePerGpu(all, 1, 1, 8));
    assertEquals(81_738_596_352L, DEEPSEEK_V3.expertSharePerGpu(all, 1, 1, 8));
  }

  @Test
  void tensorParallelismSplitsEveryMatrixExpertsIncluded() {
    // Mixtral on tensor 2, expert 1: ⌈46,702,792,704 / 2⌉ split between the dense part and
    // the experts, 32 × 1,409,286,144 = 45,097,156,608 → 22,548,578,304 per GPU; the dense
    // 1,605,636,096 → 802,818,048: 23,351,396,352 = 46,702,792,704 / 2.
    long all = MIXTRAL.derivedParameters();
    assertEquals(23_351_396_352L, MIXTRAL.sharePerGpu(all, 2, 1, 1));
    assertEquals(22_548_578_304L, MIXTRAL.expertSharePerGpu(all, 2, 1, 1));
  }

  @Test
  void unevenExpertDegreeSizesTheBusiestGpu() {
    // Mixtral's 8 experts over expert = 3: the busiest GPU holds ⌈8 / 3⌉ = 3 per layer,
    // 32 × 3 × 176,160,768 = 16,911,433,728, plus the whole dense part 1,605,636,096.
    long all = MIXTRAL.derivedParameters();
    assertEquals(18_517_069_824L, MIXTRAL.sharePerGpu(all, 1, 1, 3));
  }

  @Test
  void pipelineStagesCarryTheirEmbeddingAndDenseLayers() {
    // DeepSeek-V3 on pipeline 2: stage 0 has layers 0-30 (3 dense, 28 MoE) and the embedding,
    // stage 1 layers 31-60 (30 MoE), the head and the final norm. Dense layer 583,483,392;
    // MoE layer without routed experts 187,107,328 + 44,040,192 + 1,835,008 + 14,336 =
    // 232,996,864; routed 256 × 44,040,192 = 11,274,289,152 a layer. Stage 0: 3 × 583,483,392
    // + 28 × 232,996,864 + 926,679,040 = 9,201,041,408 dense and 315,680,096,256 routed
    // (324,881,137,664); stage 1: 30 × 232,996,864 + 926,679,040 + 7,168 = 7,916,592,128 dense
    // and 338,228,674,560 routed (346,145,266,688), the busiest.
    ModelShape.StageShare busiest = DEEPSEEK_V3.busiestStage(2, 1);
    assertEquals(7_916_592_128L, busiest.denseParameters());
    assertEquals(338_228_674_560L, busiest.routedParameters());
  }

  @Test
  void tiedEmbeddingsCountOnceOnOneStageAndOnBothEndsOfAPipeline() {
    // A tied 8B-shaped model: V·d = 525,336,576 counts once, so the total falls by that;
    // split over 2 stages, the last stage holds its own copy for the output head.
    ModelShape untied = KnownModels.shape(KnownModel.LLAMA_3_8B);
    ModelShape tied = new ModelShape("tied", 0, 32, 4096, 32, 8, 128, 14336, 128256, true,
        Precision.BF16);
    assertEquals(untied.derivedParameters() - 525_336_576L, tied.derivedParameters());
    assertEquals(untied.busiestStage(2, 1), tied.busiestStage(2, 1));
  }
}
