package dev.headroom.runtime.serving;

import static dev.headroom.runtime.report.Anchor.BASELINE;
import static dev.headroom.runtime.report.Anchor.FLEET;
import static dev.headroom.runtime.report.Anchor.PARALLELISM;
import static dev.headroom.runtime.report.Anchor.PREFILL;
import static dev.headroom.runtime.report.Anchor.PREFILL_PARALLELISM;
import static dev.headroom.runtime.report.Anchor.SLO;
import static dev.headroom.runtime.report.Anchor.WORKLOAD;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.units.Units;
import dev.headroom.runtime.validation.InputChecks;
import java.util.List;

/**
 * Checks a fleet's inputs before any arithmetic: every count positive, every rate finite and
 * positive, head counts divisible as the shape and the tensor-parallel split require. Errors
 * stop the sizing; warnings ({@code parameters-mismatch}, {@code not-modelled}) do not.
 */
public final class FleetValidation {
  /** The highest arrival rate accepted, in requests per second. */
  static final double MAX_RATE = 1e9;

  /** The longest latency target accepted, in milliseconds: one hour. */
  static final double MAX_MILLIS = 3_600_000;

  /** The most model calls per agent task accepted. */
  static final int MAX_CALLS = 100_000;

  /** The longest task target accepted, in seconds: one day. */
  static final double MAX_TASK_SECONDS = 86_400;

  /** The lowest prefill efficiency accepted: 1% of peak FLOP/s. */
  static final double MIN_EFFICIENCY = 0.01;

  private final InputChecks checks = new InputChecks();

  private FleetValidation() {}

  /** Returns every finding about the inputs of {@code input}, errors first as declared. */
  public static List<Finding> check(FleetInput input) {
    FleetValidation validation = new FleetValidation();
    validation.checks.model(input.model());
    validation.checkWorkload(input.traffic());
    if (!input.traffic().offline()) {
      validation.checkSlo(input.slo());
    }
    validation.checkFleet(input);
    if (!validation.checks.hasErrors()) {
      validation.checkSplit(input.model(), input.split());
      validation.checkPrefillPool(input.model(), input);
    }
    if (!validation.checks.hasErrors()) {
      validation.checks.parameters(input.model());
    }
    return validation.checks.findings();
  }

  /**
   * Returns the errors in a {@code @Baseline}'s values: each is 0 (unchanged) or within the
   * range the fleet's own attribute accepts.
   */
  public static List<Finding> checkBaseline(BaselineChanges baseline) {
    FleetValidation validation = new FleetValidation();
    validation.unchangedOr("tensor", baseline.tensor(), InputChecks.MAX_HEADS);
    validation.unchangedOr("promptTokens", baseline.promptTokens(), InputChecks.MAX_TOKENS);
    validation.unchangedOr("outputTokens", baseline.outputTokens(), InputChecks.MAX_TOKENS);
    double rate = baseline.requestsPerSecond();
    if (!Double.isFinite(rate) || rate < 0 || rate > MAX_RATE) {
      validation.checks.outOfRange(BASELINE, "requestsPerSecond", String.valueOf(rate),
          "0 for unchanged, or a rate up to " + Units.number(MAX_RATE),
          "write the baseline's arrival rate");
    }
    return validation.checks.findings();
  }

  /** The largest count a hand estimate may give: 10^12, beyond any fleet. */
  static final long MAX_ESTIMATE = 1_000_000_000_000L;

  /**
   * Returns the errors in a hand estimate's counts, on {@code anchor}: each is 0 (not
   * estimated) or a positive count up to 10^12.
   */
  public static List<Finding> checkEstimate(HandEstimate estimate, Anchor anchor) {
    FleetValidation validation = new FleetValidation();
    validation.estimated(anchor, "requestsPerReplica", estimate.requestsPerReplica());
    validation.estimated(anchor, "replicas", estimate.replicas());
    validation.estimated(anchor, "gpusNeeded", estimate.gpusNeeded());
    return validation.checks.findings();
  }

  private void estimated(Anchor anchor, String member, long value) {
    if (value < 0 || value > MAX_ESTIMATE) {
      checks.outOfRange(anchor, member, Units.count(value),
          "0 for not estimated, or a count up to " + Units.count(MAX_ESTIMATE),
          "write the figure the estimate gives");
    }
  }

  private void unchangedOr(String member, long value, long max) {
    if (value < 0 || value > max) {
      checks.outOfRange(BASELINE, member, Units.count(value),
          "0 for unchanged, or the baseline's value up to " + Units.count(max),
          "write the value the baseline had");
    }
  }

  private void checkWorkload(Traffic traffic) {
    checks.rate(WORKLOAD, "requestsPerSecond", traffic.requestsPerSecond(), MAX_RATE,
        "the peak arrival rate, e.g. 500");
    checks.count(WORKLOAD, "promptTokens", traffic.promptTokens(), InputChecks.MAX_TOKENS,
        "the average prompt length");
    checks.count(WORKLOAD, "outputTokens", traffic.outputTokens(), InputChecks.MAX_TOKENS,
        "the average output length");
    checks.count(WORKLOAD, "callsPerTask", traffic.callsPerTask(), MAX_CALLS,
        "the model calls one agent task makes, or 1 for plain requests");
  }

  private void checkSlo(LatencySlo slo) {
    checks.rate(SLO, "ttftMillis", slo.ttftMillis(), MAX_MILLIS,
        "the time-to-first-token target, e.g. 1000");
    checks.rate(SLO, "tpotMillis", slo.tpotMillis(), MAX_MILLIS,
        "the time-per-output-token target, e.g. 50");
    double task = slo.taskSeconds();
    if (!Double.isFinite(task) || task < 0 || task > MAX_TASK_SECONDS) {
      checks.outOfRange(SLO, "taskSeconds", String.valueOf(task),
          "0 for no task target, or a finite number of seconds up to "
              + Units.number(MAX_TASK_SECONDS),
          "set the end-to-end target of one agent task, e.g. 120, or remove it");
    }
  }

  private void checkFleet(FleetInput input) {
    if (input.gpus() <= 0) {
      checks.outOfRange(FLEET, "gpus", Units.count(input.gpus()), "a positive count of GPUs",
          "set the GPUs this fleet may use");
    }
    checks.reservedGb(FLEET, input.reservedGbPerGpu(), input.gpu().reportedMemoryBytes(),
        "keep the default 5.0 unless the serving engine's own log says otherwise");
    boolean fourBit = input.servedWeights().bitsPerElement() < 8;
    if (fourBit && input.kvCache() == Precision.INHERIT) {
      checks.add(Diagnostic.KV_PRECISION.at(Subject.of(FLEET, "weights"),
          input.servedWeights(), input.servedWeights(),
          Units.number(input.servedWeights().bitsPerElement())));
    }
    checks.fraction(FLEET, "prefillEfficiency", input.prefillEfficiency(), MIN_EFFICIENCY,
        "keep the default 0.40 unless prefill has been measured");
  }

  /**
   * Checks a declared prefill pool: whole prefill replicas that split the heads, and fewer GPUs
   * than the fleet's, which also hold the decode replicas.
   */
  private void checkPrefillPool(ModelShape model, FleetInput input) {
    int gpus = input.prefillGpus();
    if (gpus < 0 || (gpus > 0 && gpus >= input.gpus())) {
      checks.outOfRange(PREFILL, "gpus", Units.count(gpus),
          "0 for no pool, or fewer than the fleet's " + Units.count(input.gpus())
              + " GPUs, which also hold the decode replicas",
          "set the prefill pool's GPUs, counted in the fleet's gpus");
      return;
    }
    if (gpus == 0) {
      return;
    }
    ReplicaSplit prefill = input.prefillSplit();
    checks.positive(PREFILL_PARALLELISM, "tensor", prefill.tensor(), "the prefill tensor degree");
    checks.positive(PREFILL_PARALLELISM, "pipeline", prefill.pipeline(), "1");
    checks.positive(PREFILL_PARALLELISM, "expert", prefill.expert(), "1 for a dense model");
    if (prefill.tensor() <= 0 || prefill.pipeline() <= 0 || prefill.expert() <= 0) {
      return;
    }
    checks.modelSplit(model, prefill.tensor(), prefill.pipeline(), PREFILL_PARALLELISM);
    checks.expertSplit(model, prefill.expert(), PREFILL_PARALLELISM);
    int replica = prefill.gpusPerReplica();
    if (gpus % replica != 0) {
      checks.add(Diagnostic.LAYOUT.at(Subject.of(PREFILL, "gpus"), "gpus = " + Units.count(gpus)
          + " is not a whole number of prefill replicas of tensor " + prefill.tensor()
          + " × pipeline " + prefill.pipeline()
          + (prefill.expert() > 1 ? " × expert " + prefill.expert() : "") + " = " + replica
          + " GPUs",
          "use a multiple of " + replica));
    }
  }

  private void checkSplit(ModelShape model, ReplicaSplit split) {
    checks.positive(PARALLELISM, "tensor", split.tensor(), "the tensor-parallel degree, e.g. 4");
    checks.positive(PARALLELISM, "pipeline", split.pipeline(),
        "the pipeline-parallel degree, e.g. 1");
    checks.positive(PARALLELISM, "expert", split.expert(), "1 for a dense model");
    checks.positive(PARALLELISM, "data", split.data(), "1 for serving");
    checks.positive(PARALLELISM, "context", split.context(), "1 unless sequences are split");
    if (checks.hasErrors()) {
      return;
    }
    checks.modelSplit(model, split.tensor(), split.pipeline());
    checks.expertSplit(model, split.expert(), PARALLELISM);
    if (split.context() > 1) {
      checks.add(Diagnostic.NOT_MODELLED.at(Subject.of(PARALLELISM, "context"),
          "context", Units.count(split.context()),
          "a replica is sized as tensor × pipeline GPUs"));
    }
    if (split.data() > 1) {
      checks.add(Diagnostic.NOT_MODELLED.at(Subject.of(PARALLELISM, "data"),
          "data", Units.count(split.data()),
          "a serving fleet's replica count is computed from its workload, not declared"));
    }
  }
}
