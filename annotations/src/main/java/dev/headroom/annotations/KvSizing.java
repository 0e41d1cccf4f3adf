package dev.headroom.annotations;

/** How many tokens of KV cache a fleet reserves for each request in flight. */
public enum KvSizing {
  /** Prompt plus all output tokens: what a request holds at its end. Safe, the default. */
  PEAK,
  /**
   * Prompt plus half the output tokens: a request's average over its life, which holds only
   * when the engine pages KV in blocks and admission control evicts under pressure.
   */
  AVERAGE
}
