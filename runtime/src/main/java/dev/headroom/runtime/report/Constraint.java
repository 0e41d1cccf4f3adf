package dev.headroom.runtime.report;

/** The constraint that decides a stage's outcome: the one to design around. */
public enum Constraint {
  /** The inputs are invalid, so nothing was sized. */
  INPUT("input", "the inputs are invalid, so nothing was sized"),
  /** The weights (with reserved memory) do not leave room on the GPUs of one replica. */
  MEMORY_FIT("memory-fit", "the weights must fit the GPUs of one replica"),
  /** The KV cache room of a replica limits how many requests it holds. */
  KV_CAPACITY("kv-capacity", "KV cache room limits the requests each replica holds"),
  /** The decode step at a larger batch would miss the time-per-output-token SLO. */
  TPOT("tpot", "the decode step must stay within the time-per-output-token SLO"),
  /** Prefill of one prompt misses the time-to-first-token SLO. */
  TTFT("ttft", "prefill must finish within the time-to-first-token SLO"),
  /** The GPUs needed exceed the GPUs available. */
  GPU_BUDGET("gpu-budget", "the GPUs needed must not exceed the GPUs available");

  private final String id;
  private final String rule;

  Constraint(String id, String rule) {
    this.id = id;
    this.rule = rule;
  }

  /** Returns the stable id used in reports, e.g. {@code kv-capacity}. */
  public String id() {
    return id;
  }

  /** Returns the rule in one clause, for the doc. */
  public String rule() {
    return rule;
  }
}
