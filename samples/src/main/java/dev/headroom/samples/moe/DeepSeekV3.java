package dev.headroom.samples.moe;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Model;

/**
 * DeepSeek-V3 (and R1, which shares its shape) from the preset: 671B parameters of which 37.55B
 * are active per token, 256 routed experts with 8 active, and multi-head latent attention. Its
 * released weights are FP8, the preset's dtype.
 */
@Model(name = "DeepSeek-V3", preset = KnownModel.DEEPSEEK_V3)
public final class DeepSeekV3 {
  private DeepSeekV3() {}
}
