package dev.headroom.samples.capstone;

import dev.headroom.annotations.Model;

/**
 * The capstone's 70B dense reasoning model: Llama 3 70B's shape (Hugging Face config.json), with
 * the round 70 billion parameters the capstone's arithmetic uses; the shape gives 70.55 billion.
 */
@Model(
    name = "70B dense (Llama 3 70B shape)",
    parameters = 70e9,
    layers = 80,
    hiddenSize = 8192,
    attentionHeads = 64,
    kvHeads = 8,
    intermediateSize = 28672,
    vocabSize = 128256)
public final class Llama70B {
  private Llama70B() {}
}
