package dev.headroom.samples.workloads;

import dev.headroom.annotations.Model;

/**
 * Qwen2.5-Coder-32B-Instruct: the shape of its Hugging Face config.json
 * (https://huggingface.co/Qwen/Qwen2.5-Coder-32B-Instruct/blob/main/config.json: 64 layers,
 * hidden 5,120, 40 query and 8 KV heads, intermediate 27,648, vocabulary 152,064, untied,
 * bfloat16). Its parameters are derived from the shape, 64 × (2 × 5,120 × 5,120 + 2 × 5,120 ×
 * 1,024 + 3 × 5,120 × 27,648 + 2 × 5,120) + 2 × 152,064 × 5,120 + 5,120 = 32,763,417,600; the
 * formula leaves out Qwen's query, key and value biases, 64 × 7,168 = 458,752 more.
 */
@Model(
    name = "Qwen2.5-Coder-32B",
    layers = 64,
    hiddenSize = 5120,
    attentionHeads = 40,
    kvHeads = 8,
    intermediateSize = 27648,
    vocabSize = 152064)
public final class QwenCoder32B {
  private QwenCoder32B() {}
}
