package dev.headroom.samples.workloads;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Model;

/**
 * Llama 3.1 8B Instruct: Llama 3 8B's shape, which its Hugging Face config.json repeats
 * (https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json: 32 layers,
 * hidden 4,096, 32 query and 8 KV heads, intermediate 14,336, vocabulary 128,256, untied,
 * bfloat16; only the RoPE scaling and the context length differ). Its parameters are derived
 * from the shape: 8,030,261,248 (REFERENCES.md R-P1).
 */
@Model(name = "Llama 3.1 8B Instruct", preset = KnownModel.LLAMA_3_8B)
public final class Llama8B {
  private Llama8B() {}
}
