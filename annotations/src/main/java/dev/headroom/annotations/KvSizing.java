package dev.headroom.annotations;

/** How many tokens of KV cache a fleet reserves for each request in flight. */
public enum KvSizing {
  /** Prompt plus all output tokens: what a request holds at its end. Safe, the default. */
  PEAK,
  /**
   * Prompt plus half the output tokens: a request's average over its life, which holds only
   * when the engine allocates KV in blocks as tokens arrive (PagedAttention, Kwon et al., SOSP
   * 2023) and preempts requests under pressure.
   */
  AVERAGE
}
