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
  /** The {@code @Training}. */
  TRAINING,
  /** The {@code @DataPlane}. */
  DATA_PLANE
}
