package dev.headroom.runtime.report;

import java.util.Locale;

/**
 * The catalogue of every finding Headroom reports: a stable id, a severity and a message
 * template. Templates state what is wrong with the numbers, the rule, then the fix; their
 * {@code %s} slots take values already formatted with units.
 */
public enum Diagnostic {
  /** An attribute is zero, negative, NaN, infinite or beyond its range. */
  INPUT_RANGE(
      "headroom.input-range",
      Severity.ERROR,
      "%s = %s is out of range: it must be %s. Fix: %s."),
  /** A head count does not divide as the shape or the tensor-parallel split requires. */
  HEADS_DIVISIBLE(
      "headroom.heads-divisible", Severity.ERROR, "%s does not divide: %s. Fix: %s."),
  /** A declared attention kind that the head counts contradict. */
  ATTENTION_KIND(
      "headroom.attention-kind", Severity.ERROR, "%s. Fix: %s."),
  /** {@code model} names a type that carries no {@code @Model}. */
  NOT_A_MODEL(
      "headroom.not-a-model",
      Severity.ERROR,
      "%s = %s.class is not a model: the type has no @Model. Fix: annotate %s with @Model, or"
          + " name a type that has one."),
  /** A fleet has no {@code @Workload} or {@code @Slo} on its type or an enclosing one. */
  MISSING_REQUIREMENT(
      "headroom.missing-requirement",
      Severity.ERROR,
      "fleet %s has no @%s: sizing needs it on the fleet type or a type enclosing it. Fix: add"
          + " @%s(...) to %s or to its design."),
  /** {@code @Parallelism} is on the stage's type and nested in its annotation too. */
  PARALLELISM_TWICE(
      "headroom.parallelism-twice",
      Severity.ERROR,
      "@Parallelism is given twice, on the type and as parallelism = @Parallelism(...) in its"
          + " annotation: a stage has one split. Fix: keep one of them."),
  /** The weights alone exceed the memory of a replica's GPUs. */
  MEMORY_FIT(
      "headroom.memory-fit",
      Severity.ERROR,
      "weights do not fit: %s. Fix: %s."),
  /** After weights and reserved memory, no memory is left for KV cache. */
  KV_ROOM(
      "headroom.kv-room",
      Severity.ERROR,
      "no room for KV cache: %s. Fix: %s."),
  /** One request's KV cache exceeds the room a GPU has for it. */
  KV_CAPACITY(
      "headroom.kv-capacity",
      Severity.ERROR,
      "one request does not fit the KV cache: %s. Fix: %s."),
  /** Even a batch of one misses the time-per-output-token SLO. */
  TPOT(
      "headroom.tpot",
      Severity.ERROR,
      "the TPOT SLO cannot be met: %s. Fix: %s."),
  /** Prefill of one prompt misses the time-to-first-token SLO. */
  TTFT(
      "headroom.ttft",
      Severity.ERROR,
      "the TTFT SLO cannot be met: %s. Fix: %s."),
  /** A declared prefill pool prefills fewer prompt tokens per second than the traffic brings. */
  PREFILL_POOL(
      "headroom.prefill-pool",
      Severity.ERROR,
      "the prefill pool cannot keep up: %s. Fix: %s."),
  /** An agent task of chained calls takes longer than its end-to-end target. */
  TASK_LATENCY(
      "headroom.task-latency",
      Severity.ERROR,
      "the task target cannot be met: %s. Fix: %s."),
  /** An offline batch fleet to which an {@code @Slo} applies. */
  OFFLINE_SLO(
      "headroom.offline-slo",
      Severity.ERROR,
      "offline = true sizes fleet %s as a batch job with no latency target, but the @Slo on %s"
          + " applies to it: an offline job is sized from the batch its KV cache holds, not from"
          + " latency targets. Fix: %s."),
  /** The fleet needs more GPUs than its budget. */
  GPU_BUDGET(
      "headroom.gpu-budget",
      Severity.ERROR,
      "GPU budget broken: %s. Fix: %s."),
  /** The fleet fits its budget with less than 10% to spare. */
  THIN_MARGIN(
      "headroom.thin-margin",
      Severity.WARNING,
      "thin margin: %s. A traffic peak or a failed node breaks the budget. Fix: %s."),
  /**
   * Parallel degrees that do not multiply to the GPUs, or that do not divide the batch, the
   * layers or the sequence evenly.
   */
  LAYOUT("headroom.layout", Severity.ERROR, "the parallel layout does not add up: %s. Fix: %s."),
  /** Pipeline stages that cannot hold equal numbers of layers. */
  UNEVEN_PIPELINE(
      "headroom.uneven-pipeline",
      Severity.WARNING,
      "%s. Sizing uses the busiest stage. Fix: %s."),
  /** Routed experts that an expert-parallel degree does not divide evenly. */
  UNEVEN_EXPERTS(
      "headroom.uneven-experts",
      Severity.WARNING,
      "%s experts do not divide evenly over expert = %s: the busiest GPU holds %s experts per"
          + " layer, and sizing uses it. Fix: use an expert-parallel degree that divides the"
          + " experts, such as %s."),
  /** A required {@code @Model} member neither written nor given by a preset. */
  MISSING_SHAPE(
      "headroom.missing-shape",
      Severity.ERROR,
      "@Model on %s does not give %s: it is not written and no preset gives it, and sizing"
          + " needs it. Fix: write %s = ... from the model's config.json (%s), or start from a"
          + " preset such as preset = KnownModel.LLAMA_3_70B."),
  /** Model state and activations exceed what a training GPU has for them. */
  TRAINING_MEMORY(
      "headroom.training-memory",
      Severity.ERROR,
      "training does not fit in GPU memory: %s. Fix: %s."),
  /** A step at the assumed MFU takes longer than the target step time. */
  STEP_TIME(
      "headroom.step-time",
      Severity.ERROR,
      "the target step time is out of reach: %s. Fix: %s."),
  /** An MFU assumption outside what large training runs achieve. */
  MFU_ASSUMPTION("headroom.mfu-assumption", Severity.WARNING, "mfu = %s %s. Fix: %s."),
  /** Storage reads slower than the input pipeline consumes tokens. */
  STORAGE_BANDWIDTH(
      "headroom.storage-bandwidth",
      Severity.ERROR,
      "storage cannot feed the job: %s. Fix: %s."),
  /** A run that expects node failures cannot resume on the exact batch order. */
  RESUME(
      "headroom.resume",
      Severity.ERROR,
      "deterministicResume = false on a run that expects node failures: %s; a restart that"
          + " cannot replay the exact batch order skips or repeats data, which spoils the pass"
          + " over it. Fix: checkpoint the data order and the loader state with the model, and"
          + " set deterministicResume = true."),
  /** A run of unknown length that would not resume deterministically. */
  RESUME_UNKNOWN(
      "headroom.resume-unknown",
      Severity.WARNING,
      "deterministicResume = false, and %s, but the run's length is not declared, so whether it"
          + " meets a failure is unknown. Fix: declare the run's trainingTokens on @Training, or"
          + " set deterministicResume = true."),
  /** Checkpoints and the rework after failures cost a large share of the run. */
  FAILURE_COST(
      "headroom.failure-cost",
      Severity.WARNING,
      "failures are expensive: %s. Fix: %s."),
  /** An actor replica cannot hold the policy and the KV cache of a rollout. */
  ACTOR_MEMORY(
      "headroom.actor-memory",
      Severity.ERROR,
      "the actors cannot hold a rollout: %s. Fix: %s."),
  /** What an RL learner must hold exceeds its memory. */
  LEARNER_MEMORY(
      "headroom.learner-memory",
      Severity.ERROR,
      "the learners do not fit in GPU memory: %s. Fix: %s."),
  /** PPO's critic is what does not fit; GRPO, which has none, would. */
  CRITIC_MEMORY(
      "headroom.critic-memory",
      Severity.ERROR,
      "PPO's critic does not fit: %s; without it (GRPO) the learners need %s. Fix: algorithm ="
          + " RlAlgorithm.GRPO, or %s."),
  /** One side of an RL loop idles for much of each step. */
  RL_IDLE(
      "headroom.rl-idle",
      Severity.WARNING,
      "the %s idle %s of each step: %s. Fix: %s."),
  /** The weight broadcast takes a large share of each step. */
  WEIGHT_SYNC(
      "headroom.weight-sync",
      Severity.WARNING,
      "the weight broadcast takes %s of each step: %s. Fix: %s."),
  /** A synchronous loop whose phases could overlap. */
  STALENESS(
      "headroom.staleness",
      Severity.NOTE,
      "maxStaleness = 0 runs rollout, training and the broadcast one after another: %s. Letting"
          + " actors run one policy version behind (maxStaleness = 1) overlaps them: %s, at the"
          + " price of slightly off-policy samples."),
  /** The longest rollout, not the bulk of tokens, sets the rollout phase. */
  ROLLOUT_TAIL(
      "headroom.rollout-tail",
      Severity.WARNING,
      "the rollout tail dominates: %s. Fix: %s."),
  /** A fleet quantized below BF16 that no evaluation gate validates. */
  EVAL_GATE(
      "headroom.eval-gate",
      Severity.ERROR,
      "%s with no @EvalGate: quantization changes a model's answers, which must be measured"
          + " before deploy. Fix: add @EvalGate(suite = ..., metric = ..., threshold ="
          + " ...) to %s or its design, or serve %s."),
  /** An {@code @EvalGate} on a type that is no fleet and encloses none. */
  GATE_UNUSED(
      "headroom.gate-unused",
      Severity.WARNING,
      "@EvalGate on %s gates no fleet: a gate applies to the @Fleet type it is on and to the"
          + " fleets nested in the type it is on. Fix: move it to a @Fleet type or a type that"
          + " encloses one."),
  /** Peak replicas and spares need more GPUs than the fleet's budget. */
  PRODUCTION_BUDGET(
      "headroom.production-budget",
      Severity.ERROR,
      "production does not fit the fleet's budget: %s. Fix: %s."),
  /** The replicas a deploy needs at once do not fit beside peak and spares. */
  DEPLOY_HEADROOM(
      "headroom.deploy-headroom",
      Severity.ERROR,
      "a deploy cannot fit: %s. Fix: %s."),
  /** A fleet with no spare replica. */
  NO_SPARES(
      "headroom.no-spares",
      Severity.WARNING,
      "spareReplicas = 0: %s, so one failed GPU takes a whole replica and the fleet misses its"
          + " SLO at peak. Fix: spareReplicas = 1 or more (%s GPUs each)."),
  /** Dollars per request above the guardrail. */
  COST_GUARDRAIL(
      "headroom.cost-guardrail",
      Severity.ERROR,
      "the cost guardrail is broken: %s. Fix: %s."),
  /** A TTFT guardrail that every request trips. */
  TTFT_GUARDRAIL(
      "headroom.ttft-guardrail",
      Severity.ERROR,
      "ttftP99Millis = %s is below the %s prefill every request takes, so every deploy would be"
          + " rolled back. Fix: ttftP99Millis of at least the TTFT SLO, %s."),
  /** A TTFT guardrail under the SLO the fleet is sized to, which requests may use up. */
  TTFT_GUARDRAIL_TIGHT(
      "headroom.ttft-guardrail-tight",
      Severity.WARNING,
      "ttftP99Millis = %s is below ttftMillis = %s, the time to first token the fleet is sized"
          + " to let a request take (prefill plus queueing), so a fleet working as planned at"
          + " peak can trip it and roll a deploy back. Fix: ttftP99Millis of at least %s."),
  /** {@code @Production} on a type that has no {@code @Fleet}. */
  NOT_A_FLEET(
      "headroom.not-a-fleet",
      Severity.ERROR,
      "@Production on %s, which has no @Fleet: production sizes a serving fleet. Fix: put"
          + " @Production on the @Fleet type."),
  /** {@code @Platform} on a type nested in the design. */
  PLATFORM_PLACEMENT(
      "headroom.platform-placement",
      Severity.ERROR,
      "@Platform on %s, which is nested in %s: a platform is the whole design. Fix: move"
          + " @Platform to %s."),
  /** The stages of a platform need more GPUs than its cluster has. */
  CLUSTER(
      "headroom.cluster",
      Severity.ERROR,
      "the stages do not fit the cluster: %s. Fix: %s."),
  /** A stage of a platform runs on another GPU than the cluster's. */
  PLATFORM_GPU(
      "headroom.platform-gpu",
      Severity.ERROR,
      "%s, but the cluster is built from %s: every stage of a platform runs on its GPUs. Fix:"
          + " run %s on %s, or set gpu to the GPU the stages use."),
  /** A {@code @DataPlane} that feeds no {@code @Training}. */
  NOT_A_TRAINING("headroom.not-a-training", Severity.ERROR, "%s. Fix: %s."),
  /** A declared parameter count disagrees with the shape by more than 10%. */
  PARAMETERS_MISMATCH(
      "headroom.parameters-mismatch",
      Severity.WARNING,
      "parameters = %s disagrees with the shape, which gives %s (%s apart; more than 10%%"
          + " suggests a typo or a shape this formula does not cover). Sizing uses the declared"
          + " count. Fix: %s."),
  /** The KV cache inherits a 4-bit weight format, which serving engines rarely use for KV. */
  KV_PRECISION(
      "headroom.kv-precision",
      Severity.WARNING,
      "kvCache inherits %s from weights = %s, so KV is sized at %s bits per element; serving"
          + " engines keep the KV cache of 4-bit checkpoints (GPTQ, AWQ, MXFP4) in 16 or 8 bits"
          + " unless told otherwise. Fix: set kvCache to what the engine stores, e.g."
          + " kvCache = Precision.FP8."),
  /** An attribute is accepted but not yet modelled by the serving engine. */
  NOT_MODELLED(
      "headroom.not-modelled",
      Severity.WARNING,
      "%s = %s is not modelled here and is ignored: %s."),
  /** A byte or token count overflowed a {@code long}. */
  OVERFLOW(
      "headroom.overflow",
      Severity.ERROR,
      "a byte or token count exceeds 2^63 - 1, or a time is not finite, while sizing %s: the"
          + " inputs are beyond any real platform. Fix: check the magnitudes of the inputs."),
  /** The report class's name is taken by another type. */
  REPORT_NAME(
      "headroom.report-name",
      Severity.ERROR,
      "%s already exists, so the report class of %s cannot be written; its doc and JSON are."
          + " Fix: rename that type, or the design."),
  /** The {@code headroom.docs} directory cannot be written. */
  DOCS_DIRECTORY(
      "headroom.docs",
      Severity.ERROR,
      "cannot write %s under -Aheadroom.docs: %s; the copy in the class output is written."
          + " Fix: name a directory this build may write, or drop the option."),
  /** A type the design refers to never resolved. */
  UNRESOLVED(
      "headroom.unresolved",
      Severity.ERROR,
      "%s could not be resolved, so the design was not sized. Fix: the compiler's own error"
          + " about %s explains why."),
  /** An unexpected exception inside Headroom itself. */
  INTERNAL(
      "headroom.internal",
      Severity.ERROR,
      "Headroom failed on this design; please report it with this trace: %s"),
  /** The one-line summary of a design. */
  SUMMARY("headroom.summary", Severity.NOTE, "%s");

  private final String id;
  private final Severity severity;
  private final String template;

  Diagnostic(String id, Severity severity, String template) {
    this.id = id;
    this.severity = severity;
    this.template = template;
  }

  /** Returns the stable id, e.g. {@code headroom.gpu-budget}. */
  public String id() {
    return id;
  }

  /** Returns the severity every finding of this kind has. */
  public Severity severity() {
    return severity;
  }

  /** Returns the message template. */
  public String template() {
    return template;
  }

  /** Returns a finding of this kind about {@code subject}, its template filled with args. */
  public Finding at(Subject subject, Object... args) {
    return new Finding(this, String.format(Locale.ROOT, template, args), subject);
  }
}
