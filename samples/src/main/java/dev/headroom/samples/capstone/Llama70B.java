package dev.headroom.samples.capstone;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Model;

/**
 * The capstone's 70B dense reasoning model: Llama 3 70B's shape (the preset, from its Hugging
 * Face config.json), with the round 70 billion parameters the capstone's arithmetic uses; the
 * shape gives 70.55 billion.
 */
@Model(name = "70B dense (Llama 3 70B shape)", preset = KnownModel.LLAMA_3_70B, parameters = 70e9)
public final class Llama70B {
  private Llama70B() {}
}
