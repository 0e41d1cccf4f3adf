package dev.headroom.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.KnownModel;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds every preset's derived parameter counts to the totals its publisher states, within
 * 0.5%; active counts to within half a unit of the last digit the publisher prints; and the
 * counts REFERENCES.md gives exactly to the parameter.
 */
class KnownModelsTest {
  private static final double TOLERANCE = 0.005;

  /**
   * Each preset with its published total, its published active count (0: none published) and
   * half a unit of the active count's last printed digit.
   */
  static Stream<Arguments> published() {
    return Stream.of(
        // R-P1: the Llama 3 paper's counts, reproduced exactly by the formula.
        Arguments.of(KnownModel.LLAMA_3_8B, 8.030_261_248e9, 0.0, 0.0),
        Arguments.of(KnownModel.LLAMA_3_70B, 70.553_706_496e9, 0.0, 0.0),
        Arguments.of(KnownModel.LLAMA_3_1_405B, 405.853_388_8e9, 0.0, 0.0),
        // R-P2: Mistral's Mixtral release, 46.70B total, 12.88B active.
        Arguments.of(KnownModel.MIXTRAL_8X7B, 46.70e9, 12.88e9, 0.005e9),
        // R-P2: DeepSeek-V3's config_671B.json, 671.03B total, 37.55B active (without MTP).
        Arguments.of(KnownModel.DEEPSEEK_V3, 671.03e9, 37.55e9, 0.005e9),
        Arguments.of(KnownModel.DEEPSEEK_R1, 671.03e9, 37.55e9, 0.005e9),
        // Qwen2.5-72B model card (huggingface.co/Qwen/Qwen2.5-72B): 72.7B.
        Arguments.of(KnownModel.QWEN_2_5_72B, 72.7e9, 0.0, 0.0),
        // Qwen3-235B-A22B model card: 235B total, 22B activated.
        Arguments.of(KnownModel.QWEN_3_235B_A22B, 235e9, 22e9, 0.5e9),
        // OpenAI's gpt-oss model card: 116.8B total (its 5.1B active is checked below).
        Arguments.of(KnownModel.GPT_OSS_120B, 116.8e9, 0.0, 0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("published")
  void presetTotalsAndActiveCountsMatchTheirPublishers(
      KnownModel preset, double total, double active, double halfUnit) {
    ModelShape shape = KnownModels.shape(preset);

    assertWithin(total, shape.derivedParameters(), preset + " total");
    if (active > 0) {
      assertEquals(active, shape.derivedActiveParameters(), halfUnit, preset + " active");
    }
  }

  @Test
  void everyPresetHasAPublishedCountInThisTest() {
    Set<KnownModel> checked = EnumSet.noneOf(KnownModel.class);
    published().forEach(arguments -> checked.add((KnownModel) arguments.get()[0]));
    Set<KnownModel> all = EnumSet.allOf(KnownModel.class);
    all.remove(KnownModel.NONE);
    assertEquals(all, checked);
  }

  @Test
  void llamaPresetsAreTheR_P1CountsExactly() {
    assertEquals(8_030_261_248L, KnownModels.shape(KnownModel.LLAMA_3_8B).derivedParameters());
    assertEquals(70_553_706_496L,
        KnownModels.shape(KnownModel.LLAMA_3_70B).derivedParameters());
    assertEquals(405_853_388_800L,
        KnownModels.shape(KnownModel.LLAMA_3_1_405B).derivedParameters());
  }

  @Test
  void mixtralCountsByHand_RP2() {
    // Per layer: attention 2·4096·4096 + 2·4096·1024 = 41,943,040; 8 experts × 3·4096·14336
    // = 8 × 176,160,768 = 1,409,286,144; router 8 × 4096 = 32,768; norms 8,192: 1,451,270,144.
    // × 32 = 46,440,644,608 + embedding and head 2 × 32,000 × 4,096 = 262,144,000 + final norm
    // 4,096 = 46,702,792,704 (46.70B). Active: 2 experts, 394,305,536 a layer × 32 +
    // 262,148,096 = 12,879,925,248 (12.88B).
    ModelShape mixtral = KnownModels.shape(KnownModel.MIXTRAL_8X7B);
    assertEquals(46_702_792_704L, mixtral.derivedParameters());
    assertEquals(12_879_925_248L, mixtral.activeParameters());
  }

  @Test
  void deepSeekV3CountsByHandWithLatentAttention_RP2() {
    // MLA per layer: q_a 7168·1536 = 11,010,048 + its norm 1,536 + q_b 1536·128·192 =
    // 37,748,736; kv_a 7168·576 = 4,128,768 + its norm 512 + kv_b 512·128·256 = 16,777,216;
    // o 128·128·7168 = 117,440,512: 187,107,328. Dense layer: + 3·7168·18432 = 396,361,728 +
    // norms 14,336 = 583,483,392, × 3 = 1,750,450,176. MoE layer: + 257 experts × 3·7168·2048
    // (44,040,192) = 11,318,329,344 + router 256·7168 = 1,835,008 + norms 14,336 =
    // 11,507,286,016, × 58 = 667,422,588,928. + 2 × 129,280 × 7,168 = 1,853,358,080 + 7,168:
    // 671,026,404,352 (671.03B). Active: 9 experts, 585,318,400 a layer × 58 = 33,948,467,200
    // → 37,552,282,624 (37.55B).
    ModelShape v3 = KnownModels.shape(KnownModel.DEEPSEEK_V3);
    assertEquals(187_107_328L, v3.attentionParametersPerLayer());
    assertEquals(671_026_404_352L, v3.derivedParameters());
    assertEquals(37_552_282_624L, v3.activeParameters());
  }

  @Test
  void gptOssActiveWithoutTheInputEmbeddingIsOpenAisCount() {
    // OpenAI's model card: 5.1B active, which leaves out the input embedding (201,088 × 2,880
    // = 579,133,440). The shape's active count, 5,710,443,840, includes it; without it
    // 5,131,310,400, which prints as 5.1B: within half a unit of the card's last digit.
    ModelShape gptOss = KnownModels.shape(KnownModel.GPT_OSS_120B);
    long withoutEmbedding = gptOss.activeParameters() - gptOss.embeddingParameters();
    assertEquals(5_131_310_400L, withoutEmbedding);
    assertEquals(5.1e9, withoutEmbedding, 0.05e9);
  }

  private static void assertWithin(double published, long derived, String what) {
    double apart = Math.abs(derived - published) / published;
    assertTrue(apart <= TOLERANCE,
        what + ": derived " + derived + " is " + apart * 100 + "% from " + published);
  }
}
