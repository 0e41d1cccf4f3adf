package dev.headroom.samples.workloads;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Model;

/**
 * Llama 3.1 70B: Llama 3 70B's shape, which its Hugging Face config.json repeats
 * (https://huggingface.co/meta-llama/Llama-3.1-70B/blob/main/config.json: 80 layers, hidden
 * 8,192, 64 query and 8 KV heads, intermediate 28,672, vocabulary 128,256, untied, bfloat16;
 * only the RoPE scaling and the context length differ). Its parameters are derived from the
 * shape: 70,553,706,496 (REFERENCES.md R-P1).
 */
@Model(name = "Llama 3.1 70B", preset = KnownModel.LLAMA_3_70B)
public final class Llama70B {
  private Llama70B() {}
}
