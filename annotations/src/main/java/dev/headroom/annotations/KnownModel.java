package dev.headroom.annotations;

/**
 * Public model shapes a {@link Model} can start from with {@code preset}; every attribute the
 * {@code @Model} writes overrides the preset's. Each entry names the Hugging Face
 * {@code config.json} its shape is read from; the totals are checked against the published
 * parameter counts by the runtime's tests.
 */
public enum KnownModel {
  /** No preset: the {@code @Model} writes its whole shape. */
  NONE,
  /**
   * Meta Llama 3 8B, dense GQA, 8.03B parameters.
   * https://huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/config.json
   */
  LLAMA_3_8B,
  /**
   * Meta Llama 3 70B, dense GQA, 70.55B parameters.
   * https://huggingface.co/meta-llama/Meta-Llama-3-70B/blob/main/config.json
   */
  LLAMA_3_70B,
  /**
   * Meta Llama 3.1 405B, dense GQA, 405.85B parameters.
   * https://huggingface.co/meta-llama/Llama-3.1-405B/blob/main/config.json
   */
  LLAMA_3_1_405B,
  /**
   * Mistral Mixtral 8x7B, 8 experts with 2 active: 46.70B total, 12.88B active.
   * https://huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json
   */
  MIXTRAL_8X7B,
  /**
   * DeepSeek-V3, 256 routed experts (8 active) and 1 shared, multi-head latent attention:
   * 671B total, 37B active, without the 14B multi-token-prediction module that the
   * Hugging Face listing's 685B includes.
   * https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json
   */
  DEEPSEEK_V3,
  /**
   * DeepSeek-R1: DeepSeek-V3's shape, post-trained for reasoning.
   * https://huggingface.co/deepseek-ai/DeepSeek-R1/blob/main/config.json
   */
  DEEPSEEK_R1,
  /**
   * Qwen2.5-72B, dense GQA, 72.7B parameters.
   * https://huggingface.co/Qwen/Qwen2.5-72B/blob/main/config.json
   */
  QWEN_2_5_72B,
  /**
   * Qwen3-235B-A22B, 128 experts with 8 active: 235B total, 22B active.
   * https://huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/config.json
   */
  QWEN_3_235B_A22B,
  /**
   * OpenAI gpt-oss-120b, 128 experts with 4 active, alternating 128-token sliding-window and
   * full attention: 116.8B total, 5.1B active.
   * https://huggingface.co/openai/gpt-oss-120b/blob/main/config.json
   */
  GPT_OSS_120B
}
