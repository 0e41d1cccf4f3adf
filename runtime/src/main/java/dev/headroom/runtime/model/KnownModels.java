package dev.headroom.runtime.model;

import dev.headroom.annotations.Attention;
import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Precision;

/**
 * The shapes of the {@link KnownModel} presets, read from each model's Hugging Face {@code
 * config.json} (the address is on each enum constant). Counts the configs do not state follow
 * the architecture's code: Mixtral's and gpt-oss's experts are {@code intermediate_size} wide;
 * DeepSeek's value and no-rope query heads are 128 wide, which is also their {@code headDim}.
 *
 * <p>What the derived counts leave out, each far under the 0.5% the tests allow: Qwen2.5's
 * Q, K and V biases (0.8M parameters), Qwen3's per-head Q and K norms (24K), gpt-oss's
 * attention and expert biases and attention sinks (about 40M of 116.8B), and DeepSeek-V3's
 * router bias (15K). DeepSeek-V3's published 671B excludes its 14B multi-token-prediction
 * module (the Hugging Face listing's 685B includes it), and so does this shape.
 */
public final class KnownModels {
  private KnownModels() {}

  /** Returns the shape of {@code preset}, named after it; {@code NONE} has none. */
  public static ModelShape shape(KnownModel preset) {
    return switch (preset) {
      case NONE -> throw new IllegalArgumentException("KnownModel.NONE has no shape");
      case LLAMA_3_8B -> dense("Llama 3 8B", 32, 4096, 32, 8, 14336, 128256);
      case LLAMA_3_70B -> dense("Llama 3 70B", 80, 8192, 64, 8, 28672, 128256);
      case LLAMA_3_1_405B -> dense("Llama 3.1 405B", 126, 16384, 128, 8, 53248, 128256);
      case QWEN_2_5_72B -> dense("Qwen2.5-72B", 80, 8192, 64, 8, 29568, 152064);
      case MIXTRAL_8X7B -> moe("Mixtral 8x7B", 32, 4096, 32, 8, 128, 14336, 32000,
          new Experts(8, 2, 0, 0, 0), SlidingWindow.NONE, Precision.BF16);
      case DEEPSEEK_V3 -> deepSeek("DeepSeek-V3");
      case DEEPSEEK_R1 -> deepSeek("DeepSeek-R1");
      case QWEN_3_235B_A22B -> moe("Qwen3-235B-A22B", 94, 4096, 64, 4, 128, 12288, 151936,
          new Experts(128, 8, 0, 1536, 0), SlidingWindow.NONE, Precision.BF16);
      case GPT_OSS_120B -> moe("gpt-oss-120b", 36, 2880, 64, 8, 64, 2880, 201088,
          new Experts(128, 4, 0, 0, 0), new SlidingWindow(128, 18), Precision.BF16);
    };
  }

  /** A dense GQA model with head dim 128, untied, in BF16. */
  private static ModelShape dense(
      String name, int layers, int hidden, int heads, int kvHeads, int ffn, int vocab) {
    return new ModelShape(name, 0, layers, hidden, heads, kvHeads, 128, ffn, vocab, false,
        Precision.BF16);
  }

  private static ModelShape moe(String name, int layers, int hidden, int heads, int kvHeads,
      int headDim, int ffn, int vocab, Experts experts, SlidingWindow window, Precision dtype) {
    return new ModelShape(name, 0, layers, hidden, heads, kvHeads, headDim, ffn, vocab, false,
        dtype, experts, Attention.DERIVED, LatentAttention.NONE, window);
  }

  /**
   * DeepSeek-V3's shape, which R1 shares: 61 layers, the first 3 dense, 256 routed experts (8
   * active) and 1 shared, 2,048 wide; latent attention with kv_lora_rank 512, rope 64,
   * q_lora_rank 1,536; released in FP8 (its config's quantization_config, e4m3 with one scale
   * per 128 × 128 block, which {@link Precision#FP8} rounds to 8 bits per element).
   */
  private static ModelShape deepSeek(String name) {
    return new ModelShape(name, 0, 61, 7168, 128, 128, 128, 18432, 129280, false,
        Precision.FP8, new Experts(256, 8, 1, 2048, 3), Attention.MLA,
        new LatentAttention(512, 64, 1536, 128, 128), SlidingWindow.NONE);
  }
}
