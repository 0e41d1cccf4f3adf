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
  /** A prefill pool must keep up with the prompt tokens the traffic brings. */
  PREFILL("prefill", "the prefill pool must keep up with the prompt tokens the traffic brings"),
  /** An agent task of chained calls must finish within its end-to-end target. */
  TASK_LATENCY("task-latency",
      "an agent task's chained calls must finish within the end-to-end task target"),
  /** An offline job's replicas, each decoding the batch its KV cache holds, must carry it. */
  THROUGHPUT("throughput", "the tokens per second the replicas generate must carry the job"),
  /** The GPUs needed exceed the GPUs available. */
  GPU_BUDGET("gpu-budget", "the GPUs needed must not exceed the GPUs available"),
  /** Parallel degrees must multiply to the GPUs and divide the batch, layers and sequence. */
  LAYOUT("layout", "the parallel degrees must multiply to the GPUs and divide the work evenly"),
  /** Model state and activations must fit each training GPU. */
  TRAINING_MEMORY(
      "training-memory", "model state and activations must fit each GPU's memory"),
  /** One optimizer step at the assumed MFU must finish within the target step time. */
  STEP_TIME("step-time", "a step at the assumed MFU must finish within the target step time"),
  /** Storage must stream the tokens the job consumes. */
  STORAGE_BANDWIDTH(
      "storage-bandwidth", "storage must stream the tokens the job consumes each second"),
  /** A run that expects node failures must resume on exactly the batches it would have read. */
  RESUME("resume", "a run that expects node failures must resume deterministically"),
  /** Checkpoint writes and the work lost to failures take the largest share of the run. */
  FAILURES("failures", "checkpoints and the work lost to node failures cost the run time"),
  /** Generating a step's rollouts takes longer than training on them. */
  ROLLOUT("rollout", "generating a step's rollouts sets the pace; the learners wait"),
  /** Training on a step's rollouts takes longer than generating them. */
  TRAIN("train", "training on a step's rollouts sets the pace; the actors wait"),
  /** An actor replica must hold the policy and the KV cache of the longest rollout. */
  ACTOR_MEMORY("actor-memory", "an actor replica must hold the policy and its longest rollout"),
  /** A fleet served below BF16 must be validated by an evaluation gate before deploy. */
  EVAL_GATE("eval-gate", "a fleet served below BF16 must pass an evaluation gate first"),
  /** Dollars per request must stay within the production guardrail. */
  COST("cost", "dollars per request must stay within the guardrail"),
  /** Every stage's GPUs, at peak with spares, must fit the platform's cluster. */
  CLUSTER("cluster", "every stage's GPUs, at peak with spares, must fit the cluster"),
  /** Everything resident on a learner must fit its memory. */
  LEARNER_MEMORY(
      "learner-memory", "the policy's state and every other resident model must fit a learner");

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
