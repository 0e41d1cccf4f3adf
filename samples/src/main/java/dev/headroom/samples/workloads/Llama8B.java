package dev.headroom.samples.workloads;

import dev.headroom.annotations.Model;

/**
 * Llama 3.1 8B Instruct: the shape of its Hugging Face config.json
 * (https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json: 32 layers,
 * hidden 4,096, 32 query and 8 KV heads, intermediate 14,336, vocabulary 128,256, untied,
 * bfloat16), the base model's shape. Its parameters are derived from the shape: 8,030,261,248
 * (REFERENCES.md R-P1).
 */
@Model(
    name = "Llama 3.1 8B Instruct",
    layers = 32,
    hiddenSize = 4096,
    attentionHeads = 32,
    kvHeads = 8,
    intermediateSize = 14336,
    vocabSize = 128256)
public final class Llama8B {
  private Llama8B() {}
}
