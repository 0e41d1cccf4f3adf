package dev.headroom.samples.workloads;

import dev.headroom.annotations.Model;

/**
 * Llama 3.1 70B: the shape of its Hugging Face config.json
 * (https://huggingface.co/meta-llama/Llama-3.1-70B/blob/main/config.json: 80 layers, hidden
 * 8,192, 64 query and 8 KV heads, intermediate 28,672, vocabulary 128,256, untied, bfloat16). Its
 * parameters are derived from the shape: 70,553,706,496 (REFERENCES.md R-P1).
 */
@Model(
    name = "Llama 3.1 70B",
    layers = 80,
    hiddenSize = 8192,
    attentionHeads = 64,
    kvHeads = 8,
    intermediateSize = 28672,
    vocabSize = 128256)
public final class Llama70B {
  private Llama70B() {}
}
