package dev.headroom.runtime.production;

import static dev.headroom.runtime.report.Anchor.FLEET;
import static dev.headroom.runtime.report.Anchor.PRODUCTION;
import static dev.headroom.runtime.validation.InputChecks.MAX_DOLLARS_PER_GPU_HOUR;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import dev.headroom.runtime.validation.InputChecks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sizes a serving fleet for production (CAPSTONE.md, stage 4): peak replicas plus whole spare
 * replicas plus the replicas a deploy needs at once, checked against the fleet's budget; the day
 * autoscaled against provisioning for peak all day; what it costs per hour, request and million
 * tokens; and the queue depth and KV-cache fill at which operations should be alerted.
 */
public final class ProductionSizing {

  /** The largest cost guardrail accepted, in dollars per request. */
  static final double MAX_DOLLARS_PER_REQUEST = 1_000;

  /** The smallest cost guardrail accepted, in dollars per request: a millionth of a cent. */
  static final double MIN_DOLLARS_PER_REQUEST = 1e-8;

  /** The most spare replicas accepted. */
  static final int MAX_SPARES = 1_000_000;

  /** The longest TTFT guardrail accepted, in milliseconds: one hour. */
  static final double MAX_TTFT_MILLIS = 3_600_000;

  /** The largest peak-to-mean ratio the daily sinusoid allows: above 2 it would dip below 0. */
  static final double MAX_PEAK_TO_MEAN = 2;

  private static final double HOURS_PER_DAY = 24;
  private static final double SECONDS_PER_DAY = 86_400;

  private ProductionSizing() {}

  /** Returns the analysis of {@code input} for {@code fleet}, sized at peak. */
  public static ProductionAnalysis analyse(ProductionInput input, FleetAnalysis fleet) {
    List<Finding> findings = new ArrayList<>(validate(input));
    if (findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR)) {
      return unsized(input, fleet, findings);
    }
    Optional<FleetFigures> sized = fleet.figures().filter(FleetFigures::feasible);
    if (sized.isEmpty() || !platformPriceValid(input)) {
      return unsized(input, fleet, findings);
    }
    try {
      ProductionFigures f = figures(input, fleet.input(), sized.get());
      Constraint binding = check(input, fleet.input(), sized.get(), f, findings);
      return new ProductionAnalysis(input, fleet, Verdict.of(findings), binding, Optional.of(f),
          List.copyOf(findings));
    } catch (ArithmeticException overflow) {
      findings.add(Diagnostic.OVERFLOW.at(Subject.whole(PRODUCTION), input.name()));
      return unsized(input, fleet, findings);
    }
  }

  /** Returns the analysis of a production stage that was not sized. */
  public static ProductionAnalysis unsized(
      ProductionInput input, FleetAnalysis fleet, List<Finding> findings) {
    return new ProductionAnalysis(input, fleet, Verdict.FAIL, Constraint.INPUT, Optional.empty(),
        List.copyOf(findings));
  }

  private static List<Finding> validate(ProductionInput input) {
    InputChecks checks = new InputChecks();
    double ratio = input.peakToMean();
    if (!Double.isFinite(ratio) || ratio < 1 || ratio > MAX_PEAK_TO_MEAN) {
      checks.outOfRange(PRODUCTION, "peakToMean", String.valueOf(ratio), "from 1 to 2: the day"
          + " is a sinusoid around the mean, which would dip below zero past 2",
          "the measured peak over the day's mean rate, or 2 for the steepest swing modelled");
    }
    if (input.spareReplicas() < 0 || input.spareReplicas() > MAX_SPARES) {
      checks.outOfRange(PRODUCTION, "spareReplicas", Units.count(input.spareReplicas()),
          "from 0 to " + Units.count(MAX_SPARES), "set it to the replicas kept for failures");
    }
    checks.fraction(PRODUCTION, "deployHeadroom", input.deployHeadroom(), 0,
        "set it to the share of replicas a deploy needs at once, e.g. 0.25");
    checks.fraction(PRODUCTION, "autoscalingFloor", input.autoscalingFloor(), 0,
        "set it to the fewest replicas kept as a fraction of peak, or 1 for no autoscaling");
    checks.fraction(PRODUCTION, "maxRefusalRate", input.maxRefusalRate(), 0,
        "set it to the share of refused requests that rolls a deploy back, or 0 for none");
    if (input.dollarsPerGpuHour() == 0 && !input.priceFromPlatform()) {
      checks.outOfRange(PRODUCTION, "dollarsPerGpuHour", "0", "a price above 0: without one"
          + " here, the design needs a @Platform to take it from", "set dollarsPerGpuHour here,"
          + " or declare @Platform(dollarsPerGpuHour = ...) on the design");
    } else if (!input.priceFromPlatform()) {
      checks.rate(PRODUCTION, "dollarsPerGpuHour", input.dollarsPerGpuHour(),
          MAX_DOLLARS_PER_GPU_HOUR, "the GPU-hour price you pay");
    }
    atLeastZero(checks, "ttftP99Millis", input.ttftP99Millis(), 1, MAX_TTFT_MILLIS);
    atLeastZero(checks, "maxDollarsPerRequest", input.maxDollarsPerRequest(),
        MIN_DOLLARS_PER_REQUEST, MAX_DOLLARS_PER_REQUEST);
    return checks.findings();
  }

  /**
   * Returns whether a price taken from the platform is one it can be sized at; the platform
   * reports an invalid one on its own member, so production is left unsized without a second
   * error.
   */
  static boolean platformPriceValid(ProductionInput input) {
    double price = input.dollarsPerGpuHour();
    return !input.priceFromPlatform()
        || (Double.isFinite(price) && price > 0 && price <= MAX_DOLLARS_PER_GPU_HOUR);
  }

  /** Checks a guardrail that is 0 for none, else a finite positive value up to {@code max}. */
  private static void atLeastZero(
      InputChecks checks, String member, double value, double min, double max) {
    if (value != 0 && !(Double.isFinite(value) && value >= min && value <= max)) {
      checks.outOfRange(PRODUCTION, member, Units.number(value), "0 for none, or from "
          + Units.number(min) + " to " + Units.number(max), "set the guardrail's value");
    }
  }

  /** Returns the production figures of a sized, feasible fleet. */
  static ProductionFigures figures(ProductionInput input, FleetInput fleet, FleetFigures f) {
    long peak = f.replicas();
    long spare = input.spareReplicas();
    long headroom = Exact.ceil(BigDecimal.valueOf(Exact.plus(peak, spare))
        .multiply(Exact.decimal(input.deployHeadroom())));
    long total = Exact.plus(Exact.plus(peak, spare), headroom);
    long perReplica = f.gpusPerReplica();
    long prefillGpus = fleet.disaggregated() ? Math.max(f.prefillGpus(), f.prefillGpusNeeded()) : 0;
    long totalGpus = Exact.plus(Exact.times(total, perReplica), prefillGpus);

    double peakRate = fleet.traffic().requestsPerSecond();
    double meanRate = peakRate / input.peakToMean();
    double serving = servingFraction(input.peakToMean(), input.autoscalingFloor());
    double servingAtPeak = (double) Exact.times(peak, perReplica) + prefillGpus;
    double averageGpus = serving * servingAtPeak + (double) (spare + headroom) * perReplica;
    double price = input.dollarsPerGpuHour();
    double perHour = averageGpus * price;
    double perDay = perHour * HOURS_PER_DAY;
    double requestsPerDay = meanRate * SECONDS_PER_DAY;
    double outputTokensPerDay = requestsPerDay * fleet.traffic().outputTokens();
    double tokensPerDay = requestsPerDay
        * ((double) fleet.traffic().promptTokens() + fleet.traffic().outputTokens());

    double slack = Math.max(0, fleet.slo().ttftMillis() - f.prefillMillis()) / 1000;
    long queueDepth = (long) Math.floor(slack * f.requestsPerReplica() / f.requestSeconds());
    double heldPerGpu = (double) f.inFlightRequests() / (peak + spare) / fleet.split().expert();
    double kvFill = heldPerGpu * kvInUsePerRequestPerGpu(fleet) / f.kvRoomBytesPerGpu();

    return new ProductionFigures(peak, spare, headroom, total, perReplica, prefillGpus,
        totalGpus, fleet.gpus(), meanRate, serving, averageGpus, totalGpus - averageGpus, price,
        perHour, perDay, totalGpus * price * HOURS_PER_DAY, requestsPerDay,
        perDay / requestsPerDay, dollarsPerMillion(perDay, outputTokensPerDay),
        dollarsPerMillion(perDay, tokensPerDay), queueDepth, kvFill);
  }

  /**
   * Returns the KV bytes one request in flight holds on a GPU of its attention group on
   * average: its prompt and half its output, ⌈output / 2⌉, since requests in flight are spread
   * evenly over their decoding. That is what a serving engine's KV-cache usage counts (vLLM's
   * blocks in use), whatever room the fleet reserves per request.
   */
  public static long kvInUsePerRequestPerGpu(FleetInput fleet) {
    long tokens = fleet.traffic().promptTokens() + (fleet.traffic().outputTokens() + 1L) / 2;
    return fleet.model().kvBytesPerGpu(fleet.servedKvCache(), fleet.split().tensor(),
        fleet.split().pipeline(), tokens);
  }

  /**
   * Returns the serving GPUs autoscaling keeps on average, as a fraction of those at peak:
   * the mean of max(floor, λ(θ) / λ_peak) over a day whose rate is a sinusoid, λ(θ) /
   * λ_peak = m(1 + a sin θ) with mean m = 1 / r and amplitude a = r − 1, so that the peak is
   * λ_peak. With s = (floor / m − 1) / a and α = arcsin s, the rate is above the floor for θ
   * in (α, π − α), and the mean is [floor × (π + 2α) + m × (π − 2α) + 2 m a cos α] /
   * 2π; it is m when the floor is below the trough and the floor when it is at or above the
   * peak. Replicas follow the rate because a fleet's replicas are ⌈λ W / requests per
   * replica⌉ (Little's Law); whole replicas are smoothed away.
   *
   * @param peakToMean r, from 1 to 2
   * @param floor the fewest replicas kept, as a fraction of the peak replicas, from 0 to 1
   */
  public static double servingFraction(double peakToMean, double floor) {
    double mean = 1 / peakToMean;
    double amplitude = peakToMean - 1;
    if (floor <= mean * (1 - amplitude)) {
      return mean;
    }
    if (floor >= 1) {
      return floor;
    }
    double alpha = Math.asin((floor / mean - 1) / amplitude);
    return (floor * (Math.PI + 2 * alpha) + mean * (Math.PI - 2 * alpha)
        + 2 * mean * amplitude * Math.cos(alpha)) / (2 * Math.PI);
  }

  /** Returns dollars per million tokens: dollars / (tokens / 10^6). */
  public static double dollarsPerMillion(double dollars, double tokens) {
    return dollars / (tokens / 1e6);
  }

  /** Returns a day's cost of {@code gpus} GPUs held on average: gpus × $/GPU-hour × 24. */
  public static double dollarsPerDay(double gpus, double dollarsPerGpuHour) {
    return gpus * dollarsPerGpuHour * HOURS_PER_DAY;
  }

  /** Returns how far under the cost guardrail the fleet is: 1 − $/request / maximum. */
  static double costMargin(ProductionInput input, ProductionFigures f) {
    return 1 - f.dollarsPerRequest() / input.maxDollarsPerRequest();
  }

  /** Checks budget, deploy headroom, spares and guardrails; returns the binding constraint. */
  private static Constraint check(ProductionInput input, FleetInput fleet, FleetFigures sized,
      ProductionFigures f, List<Finding> findings) {
    long perReplica = f.gpusPerReplica();
    long beforeDeploy = (f.peakReplicas() + f.spareReplicas()) * perReplica + f.prefillGpus();
    Constraint binding = null;
    if (beforeDeploy > f.gpusAvailable()) {
      findings.add(Diagnostic.PRODUCTION_BUDGET.at(Subject.of(FLEET, "gpus"),
          Units.count(f.peakReplicas()) + " replicas at peak + " + Units.count(f.spareReplicas())
              + " spare × " + perReplica + " GPUs" + prefill(f) + " = "
              + Units.count(beforeDeploy) + " GPUs, over the fleet's " + Units.count(
                  f.gpusAvailable()),
          "gpus = " + Units.count(f.totalGpus()) + " on @Fleet (deploys included), or the"
              + " fleet's levers (its doc's ladder) to shrink the peak"));
      binding = Constraint.GPU_BUDGET;
    } else if (f.totalGpus() > f.gpusAvailable()) {
      long fitting = (f.gpusAvailable() - beforeDeploy) / perReplica;
      double most = (double) fitting / (f.peakReplicas() + f.spareReplicas());
      findings.add(Diagnostic.DEPLOY_HEADROOM.at(Subject.of(PRODUCTION, "deployHeadroom"),
          "deployHeadroom = " + Units.number(input.deployHeadroom()) + " of "
              + Units.count(f.peakReplicas() + f.spareReplicas()) + " replicas needs "
              + Units.count(f.headroomReplicas()) + " more at once, " + Units.count(
                  f.totalGpus()) + " GPUs in all, over the fleet's " + Units.count(
                      f.gpusAvailable()) + " (peak and spares take " + Units.count(beforeDeploy)
              + ")",
          "gpus = " + Units.count(f.totalGpus()) + " on @Fleet, or deployHeadroom of at most "
              + Units.fixed(Math.floor(most * 1000) / 1000, 3) + " (" + Units.count(fitting)
              + " replicas at once)"));
      binding = Constraint.GPU_BUDGET;
    }
    if (f.spareReplicas() == 0) {
      findings.add(Diagnostic.NO_SPARES.at(Subject.of(PRODUCTION, "spareReplicas"),
          "the fleet's " + Units.count(f.peakReplicas()) + " replicas of " + perReplica
              + " GPUs are all needed at peak", Units.count(perReplica)));
    }
    if (input.ttftP99Millis() > 0 && input.ttftP99Millis() < sized.prefillMillis()) {
      findings.add(Diagnostic.TTFT_GUARDRAIL.at(Subject.of(PRODUCTION, "ttftP99Millis"),
          Units.number(input.ttftP99Millis()), Units.millis(sized.prefillMillis()),
          Units.number(fleet.slo().ttftMillis()) + " ms"));
      binding = binding == null ? Constraint.TTFT : binding;
    } else if (input.ttftP99Millis() > 0 && input.ttftP99Millis() < fleet.slo().ttftMillis()) {
      findings.add(Diagnostic.TTFT_GUARDRAIL_TIGHT.at(Subject.of(PRODUCTION, "ttftP99Millis"),
          Units.number(input.ttftP99Millis()), Units.number(fleet.slo().ttftMillis()),
          Units.number(fleet.slo().ttftMillis())));
    }
    double cap = input.maxDollarsPerRequest();
    if (cap > 0 && f.dollarsPerRequest() > cap) {
      double over = f.dollarsPerRequest() / cap;
      findings.add(Diagnostic.COST_GUARDRAIL.at(Subject.of(PRODUCTION, "maxDollarsPerRequest"),
          Units.dollars(f.dollarsPerDay()) + " a day over " + Units.count(Math.round(
              f.requestsPerDay())) + " requests is " + Units.dollars(f.dollarsPerRequest())
              + " per request, " + Units.fixed(over, 2) + "× maxDollarsPerRequest = "
              + Units.number(cap),
          cheaperFormat(input, fleet, cap).map(lever -> lever + "; or ").orElse("")
              + fewerGpus(f, (long) Math.floor(f.averageGpus() / over)) + ", or a price of at"
              + " most " + Units.dollars(f.dollarsPerGpuHour() / over) + " per GPU-hour"));
      binding = binding == null ? Constraint.COST : binding;
    }
    if (binding != null) {
      return binding;
    }
    return cap > 0 && costMargin(input, f) < f.headroomFraction()
        ? Constraint.COST
        : Constraint.GPU_BUDGET;
  }

  /**
   * Returns the fix that averages at most {@code allowed} GPUs: fewer on average while serving,
   * or, when the spares and deploy headroom held all day already take that many, fewer of them.
   */
  private static String fewerGpus(ProductionFigures f, long allowed) {
    long allDay = (f.spareReplicas() + f.headroomReplicas()) * f.gpusPerReplica();
    if (allowed <= allDay) {
      return "fewer spare or deploy replicas: they alone hold " + Units.count(allDay)
          + " GPUs all day, and the guardrail allows an average of " + Units.count(allowed);
    }
    return "an average of at most " + Units.count(allowed) + " GPUs (now "
        + Units.count(Math.round(f.averageGpus())) + "; the fleet's levers and a lower"
        + " autoscalingFloor cut it)";
  }

  /**
   * Returns the first 8-bit format change (KV cache, then weights and KV cache; INT8 on a GPU
   * without FP8) that brings dollars per request within {@code cap}, with its cost, or empty.
   */
  private static Optional<String> cheaperFormat(
      ProductionInput input, FleetInput fleet, double cap) {
    Precision eight = fleet.gpu().hasFp8() ? Precision.FP8 : Precision.INT8;
    List<FleetInput> candidates = new ArrayList<>();
    if (fleet.servedKvCache().bitsPerElement() > 8) {
      candidates.add(fleet.withPrecisions(fleet.weights(), eight));
    }
    if (fleet.servedWeights().bitsPerElement() > 8) {
      candidates.add(fleet.withPrecisions(eight, eight));
    }
    for (FleetInput candidate : candidates) {
      FleetFigures sized = FleetSizing.figures(candidate);
      if (!sized.feasible()) {
        continue;
      }
      double perRequest = figures(input, candidate, sized).dollarsPerRequest();
      if (perRequest <= cap) {
        return Optional.of((candidate.weights() == fleet.weights() ? "" : "weights = " + eight
            + ", ") + "kvCache = " + eight + " (" + Units.dollars(perRequest) + " per request;"
            + " an @EvalGate must validate it)");
      }
    }
    return Optional.empty();
  }

  private static String prefill(ProductionFigures f) {
    return f.prefillGpus() > 0 ? " + " + Units.count(f.prefillGpus()) + " prefill GPUs" : "";
  }
}
