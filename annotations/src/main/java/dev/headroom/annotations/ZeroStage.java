package dev.headroom.annotations;

/** How data-parallel training shards its state (ZeRO, Rajbhandari et al. 2019). */
public enum ZeroStage {
  /** Every data-parallel rank holds the full weights, gradients and optimizer state. */
  NONE,
  /** ZeRO-1: optimizer state sharded. */
  ONE,
  /** ZeRO-2: optimizer state and gradients sharded. */
  TWO,
  /** ZeRO-3 (FSDP full sharding): optimizer state, gradients and weights sharded. */
  THREE
}
