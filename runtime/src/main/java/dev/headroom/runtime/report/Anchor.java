package dev.headroom.runtime.report;

/** The annotation a finding is about, so the processor can point at it. */
public enum Anchor {
  /** The design type itself. */
  DESIGN,
  /** The {@code @Model} named by the fleet or training job. */
  MODEL,
  /** The {@code @Workload} the fleet carries. */
  WORKLOAD,
  /** The {@code @Slo} the fleet promises. */
  SLO,
  /** The {@code @Fleet}. */
  FLEET,
  /** The {@code @Parallelism}, on the stage's type or nested in its annotation. */
  PARALLELISM,
  /** The {@code @Baseline}. */
  BASELINE,
  /** The {@code @PrefillPool} nested in {@code @Fleet}. */
  PREFILL,
  /** The {@code @Parallelism} nested in the {@code @PrefillPool}. */
  PREFILL_PARALLELISM,
  /** The {@code @Estimate} on the fleet type. */
  ESTIMATE,
  /** The {@code @Estimate} nested in the {@code @Baseline}. */
  BASELINE_ESTIMATE,
  /** The {@code @Training}. */
  TRAINING,
  /** The {@code @DataPlane}. */
  DATA_PLANE,
  /** The {@code @RlLoop}. */
  RL_LOOP,
  /** The {@code @Model} an {@code @RlLoop} names as its reference. */
  REFERENCE,
  /** The {@code @Model} an {@code @RlLoop} names as its reward model. */
  REWARD,
  /** The {@code @Model} an {@code @RlLoop} names as its critic. */
  CRITIC,
  /** The actors' {@code @Pool}, nested in {@code @RlLoop}. */
  ACTORS,
  /** The {@code @Parallelism} nested in the actors' {@code @Pool}. */
  ACTOR_PARALLELISM,
  /** The learners' {@code @Pool}, nested in {@code @RlLoop}. */
  LEARNERS,
  /** The {@code @Parallelism} nested in the learners' {@code @Pool}. */
  LEARNER_PARALLELISM,
  /** The {@code @Production} on a fleet type. */
  PRODUCTION,
  /** An {@code @EvalGate} of a fleet. */
  EVAL_GATE,
  /** The {@code @Platform} on the design type. */
  PLATFORM
}
