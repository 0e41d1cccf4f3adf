package dev.headroom.runtime.serving;

import static dev.headroom.runtime.report.Anchor.FLEET;
import static dev.headroom.runtime.report.Anchor.PARALLELISM;
import static dev.headroom.runtime.report.Anchor.PREFILL;
import static dev.headroom.runtime.report.Anchor.PREFILL_PARALLELISM;
import static dev.headroom.runtime.report.Anchor.SLO;
import static dev.headroom.runtime.report.Anchor.WORKLOAD;

import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * Sizes a serving fleet by the capstone design's method (CAPSTONE.md, stages 0 and 1): the
 * requests in flight by Little's Law, how many one replica holds, and so the replicas and GPUs
 * needed; then checks the fit, the SLOs and the GPU budget, and names the binding constraint.
 */
public final class FleetSizing {
  /** A budget with less than this fraction to spare draws a thin-margin warning. */
  public static final double THIN_MARGIN = 0.10;

  /**
   * The largest batch the engine reports, 10^12 requests: far beyond any replica, and small
   * enough that every product with it stays exact in a {@code double}.
   */
  static final long MAX_BATCH = 1_000_000_000_000L;

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);

  private FleetSizing() {}

  /**
   * Returns W, the seconds one request lasts: TTFT + output tokens × TPOT, exactly as the
   * decimals were written. Capstone: 1,000 ms + 4,000 × 50 ms = 201 s.
   */
  public static BigDecimal requestSeconds(LatencySlo slo, Traffic traffic) {
    BigDecimal millis =
        Exact.decimal(slo.ttftMillis())
            .add(BigDecimal.valueOf(traffic.outputTokens()).multiply(
                Exact.decimal(slo.tpotMillis())));
    return millis.divide(THOUSAND);
  }

  /**
   * Returns the seconds one call lasts at the times the fleet achieves, not its SLO: prefill +
   * output tokens × the decode step at the replica's batch. An offline request's W; 85 ms + 400
   * × 25 ms = 10.085 s.
   */
  public static double achievedCallSeconds(
      double prefillMillis, int outputTokens, double decodeStepMillis) {
    return (prefillMillis + outputTokens * decodeStepMillis) / 1000;
  }

  /**
   * Returns the seconds one agent task lasts: callsPerTask × (prefill + output tokens × decode
   * step), its calls run one after another at the times the fleet achieves. Tool time between
   * calls is not counted. 12 calls of 10.085 s take 121.02 s.
   */
  public static double taskSeconds(
      Traffic traffic, double prefillMillis, double decodeStepMillis) {
    return traffic.callsPerTask()
        * achievedCallSeconds(prefillMillis, traffic.outputTokens(), decodeStepMillis);
  }

  /**
   * Returns L = ⌈λ · W⌉, the requests in flight (Little's Law). Capstone: 500 /s × 201 s =
   * 100,500.
   */
  public static long inFlightRequests(double requestsPerSecond, BigDecimal requestSeconds) {
    return Exact.ceil(Exact.decimal(requestsPerSecond).multiply(requestSeconds));
  }

  /** Returns the KV tokens reserved per request under {@code sizing}. */
  public static long tokensPerRequest(Traffic traffic, KvSizing sizing) {
    long output = sizing == KvSizing.PEAK
        ? traffic.outputTokens()
        : Exact.ceilDiv(traffic.outputTokens(), 2);
    return Exact.plus(traffic.promptTokens(), output);
  }

  /**
   * Returns the peak dense FLOP/s a replica's GPUs compute at: the FP8 peak when weights are
   * served in FP8 or INT8 on a GPU with FP8 tensor cores, else the BF16 peak. Source: 8-bit
   * checkpoints are served with W8A8 GEMMs on the 8-bit tensor cores (NVIDIA Transformer
   * Engine, vLLM's FP8 and INT8 W8A8 kernels); 4-bit weight-only formats dequantize to BF16.
   */
  public static double peakFlopsPerSecond(FleetInput input) {
    Precision weights = input.servedWeights();
    boolean eightBit = weights == Precision.FP8 || weights == Precision.INT8;
    return eightBit && input.gpu().hasFp8()
        ? input.gpu().denseFp8FlopsPerSecond()
        : input.gpu().denseBf16FlopsPerSecond();
  }

  /**
   * Returns the seconds of one decode step at {@code batch} concurrent requests per replica: the
   * p pipeline stages run in turn, each the slower of reading from HBM and computing. A GPU
   * reads its dense weights, the routed experts the step touches, and the KV cache of the
   * busiest attention group's ⌈batch / e⌉ requests (a request's cache lives whole on one group,
   * so a batch of 1 reads all of it on one GPU); it computes 2 × active parameters × batch /
   * (t × p × e) FLOPs. Source: the jax-ml scaling book's decode roofline (REFERENCES.md R-I1),
   * with the expert reads of {@link #expertsTouched}.
   */
  public static double decodeStepSeconds(
      FleetInput input, long weightBytesPerGpu, long kvBytesPerRequestPerGpu, long batch) {
    ReplicaSplit split = input.split();
    ModelShape model = input.model();
    double weightsRead = weightBytesPerGpu;
    if (model.experts().present()) {
      long expertBytes = model.expertSharePerGpu(model.weightBytes(input.servedWeights()),
          split.tensor(), split.pipeline(), split.expert());
      weightsRead -= expertBytes * (1 - expertsTouched(model, batch));
    }
    double busiestGroup = Math.ceil((double) batch / split.expert());
    double bytesRead = weightsRead + busiestGroup * kvBytesPerRequestPerGpu;
    double flops = 2.0 * model.activeParameters() * batch / split.gpusPerReplica();
    return split.pipeline() * Roofline.stepSeconds(
        bytesRead, input.gpu().hbmBytesPerSecond(), flops, peakFlopsPerSecond(input));
  }

  /** Returns the split a prompt prefills on: the prefill pool's, else the fleet's own. */
  public static ReplicaSplit prefillSplit(FleetInput input) {
    return input.disaggregated() ? input.prefillSplit() : input.split();
  }

  /**
   * Returns the seconds to prefill one prompt of {@code tokens} tokens on a replica split {@code
   * split}: the t GPUs of the attention group holding the prompt compute all but the routed
   * experts, which spread over the replica's t × e GPUs: 2 × (active − routed) × tokens / (t
   * × peak × efficiency) + 2 × routed × tokens / (t × e × peak × efficiency). For a dense
   * model, the jax-ml scaling book's prefill (REFERENCES.md R-I2); the pipeline stages run in turn,
   * so p does not shorten it. Expert parallelism's all-to-all traffic is not counted.
   */
  static double prefillSeconds(FleetInput input, ReplicaSplit split, long tokens) {
    ModelShape model = input.model();
    long routed = model.routedActiveParameters();
    double peak = peakFlopsPerSecond(input);
    return Roofline.prefillSeconds(model.activeParameters() - routed, tokens, split.tensor(),
        peak, input.prefillEfficiency())
        + Roofline.prefillSeconds(routed, tokens, split.tensor() * split.expert(), peak,
            input.prefillEfficiency());
  }

  /**
   * Returns the expected fraction of a layer's routed experts that a decode step of {@code
   * tokens} tokens touches, 1 − (1 − k / E)^tokens: under uniform routing each token picks k of
   * the E experts, so an expert stays untouched with probability (1 − k / E) per token. This is
   * an assumption (real routers are skewed, which touches fewer experts); a dense model reads
   * all its weights, 1.
   */
  public static double expertsTouched(ModelShape model, long tokens) {
    if (!model.experts().present()) {
      return 1;
    }
    double missed = 1 - (double) model.experts().active() / model.experts().count();
    return 1 - Math.pow(missed, tokens);
  }

  /**
   * Returns the largest batch whose decode step meets the TPOT SLO, or 0 when even one request
   * misses it: a binary search on the decode roofline, whose step time grows with the batch,
   * below the batch whose FLOPs alone take the budget, TPOT / p × t × p × e × peak / (2 ×
   * active parameters). Source: the jax-ml scaling book's decode roofline (REFERENCES.md R-I1),
   * with the batch as the unknown.
   */
  static long tpotBoundBatch(FleetInput input, long weightBytesPerGpu, long kvPerRequestPerGpu) {
    double budget = input.slo().tpotMillis() / 1000;
    double computeBound = budget / input.split().pipeline() * input.split().gpusPerReplica()
        * peakFlopsPerSecond(input) / (2.0 * input.model().activeParameters());
    long fits = 0;
    // Past the compute bound (with a margin for rounding) every batch misses the budget.
    long missesAt = (long) Math.min(MAX_BATCH + 1, Math.floor(computeBound) + 4);
    while (missesAt - fits > 1) {
      long batch = fits + (missesAt - fits) / 2;
      if (decodeStepSeconds(input, weightBytesPerGpu, kvPerRequestPerGpu, batch) <= budget) {
        fits = batch;
      } else {
        missesAt = batch;
      }
    }
    return fits;
  }

  /**
   * Returns the figures of a fleet whose inputs passed {@link FleetValidation}. Throws {@link
   * ArithmeticException} when a byte or token count overflows.
   */
  public static FleetFigures figures(FleetInput input) {
    ModelShape model = input.model();
    ReplicaSplit split = input.split();
    Traffic traffic = input.traffic();
    int gpusPerReplica = split.gpusPerReplica();
    long weightBytes = model.weightBytes(input.servedWeights());
    long weightBytesPerGpu =
        model.sharePerGpu(weightBytes, split.tensor(), split.pipeline(), split.expert());
    long kvPerToken = model.kvBytesPerToken(input.servedKvCache());
    long kvPerTokenPerGpu =
        model.kvBytesPerTokenPerGpu(input.servedKvCache(), split.tensor(), split.pipeline());
    long tokens = tokensPerRequest(input.traffic(), input.kvSizing());
    long kvPerRequest = model.kvBytes(input.servedKvCache(), tokens);
    long kvPerRequestPerGpu = model.kvBytesPerGpu(
        input.servedKvCache(), split.tensor(), split.pipeline(), tokens);

    long memory = input.gpu().reportedMemoryBytes();
    long reserved = Exact.ceil(Exact.decimal(input.reservedGbPerGpu()).multiply(BYTES_PER_GB));
    long room = Math.max(0, memory - weightBytesPerGpu - reserved);
    long kvPerReplica = Exact.times(Math.max(0, room), gpusPerReplica)
        / model.kvHeadReplication(split.tensor());
    long kvBound = room > 0 ? Exact.times(room / kvPerRequestPerGpu, split.expert()) : 0;
    // An offline job has no TPOT SLO: a replica decodes the batch its KV cache holds.
    long tpotBound = traffic.offline()
        ? 0
        : tpotBoundBatch(input, weightBytesPerGpu, kvPerRequestPerGpu);
    long perReplica = traffic.offline() ? kvBound : Math.min(kvBound, tpotBound);
    double decodeMillis = 1000 * decodeStepSeconds(
        input, weightBytesPerGpu, kvPerRequestPerGpu, Math.max(1, perReplica));
    double prefillMillis =
        1000 * prefillSeconds(input, prefillSplit(input), traffic.promptTokens());
    double taskSeconds = taskSeconds(traffic, prefillMillis, decodeMillis);
    BigDecimal requestSeconds = traffic.offline()
        ? Exact.decimal(achievedCallSeconds(prefillMillis, traffic.outputTokens(), decodeMillis))
        : requestSeconds(input.slo(), traffic);
    long inFlight = inFlightRequests(traffic.requestsPerSecond(), requestSeconds);

    long replicas = perReplica > 0 ? Exact.ceilDiv(inFlight, perReplica) : 0;
    long prefillGpus = input.disaggregated() ? input.prefillGpus() : 0;
    long gpusNeeded = replicas > 0
        ? Exact.plus(Exact.times(replicas, gpusPerReplica), prefillGpus)
        : 0;
    double headroom = replicas > 0 ? (double) (input.gpus() - gpusNeeded) / input.gpus() : 0;
    double promptTokensPerSecond = traffic.requestsPerSecond() * traffic.promptTokens();
    double perGpu = peakFlopsPerSecond(input) * input.prefillEfficiency()
        / (2.0 * model.activeParameters());
    long prefillReplica = input.disaggregated() ? input.prefillSplit().gpusPerReplica() : 1;
    long prefillNeeded = Exact.times(
        Exact.ceilDiv((long) Math.ceil(promptTokensPerSecond / perGpu), prefillReplica),
        prefillReplica);
    double kvTransfer = traffic.requestsPerSecond()
        * model.kvBytes(input.servedKvCache(), traffic.promptTokens());

    return new FleetFigures(
        requestSeconds.doubleValue(), inFlight, model.parameters(), model.activeParameters(),
        weightBytes,
        weightBytesPerGpu, kvPerToken, kvPerTokenPerGpu, tokens, kvPerRequest,
        kvPerRequestPerGpu, memory, reserved, room, kvPerReplica, kvBound, tpotBound,
        perReplica, gpusPerReplica, replicas, gpusNeeded, input.gpus(), decodeMillis,
        prefillMillis, headroom, promptTokensPerSecond, perGpu, prefillNeeded, prefillGpus,
        kvTransfer, taskSeconds);
  }

  /**
   * Returns the full analysis of a fleet: validation, figures, findings, the binding constraint,
   * levers when the budget is broken or thin, and the walk from {@code baseline} when given.
   */
  public static FleetAnalysis analyse(
      FleetInput input, Optional<BaselineChanges> baseline, Optional<HandEstimate> estimate) {
    return analyse(input, baseline, estimate, List.of());
  }

  /**
   * Returns the full analysis of a fleet as {@link #analyse(FleetInput, Optional, Optional)}
   * does, with the evaluation gates its deploys must pass: a fleet quantized below BF16 with
   * none fails, bound by {@code eval-gate} when nothing else fails it.
   */
  public static FleetAnalysis analyse(FleetInput input, Optional<BaselineChanges> baseline,
      Optional<HandEstimate> estimate, List<EvalGate> gates) {
    List<Finding> findings = new ArrayList<>();
    try {
      findings.addAll(FleetValidation.check(input));
      baseline.ifPresent(changes -> findings.addAll(FleetValidation.checkBaseline(changes)));
      baseline.flatMap(BaselineChanges::estimate).ifPresent(hand -> findings.addAll(
          FleetValidation.checkEstimate(hand, Anchor.BASELINE_ESTIMATE)));
      estimate.ifPresent(hand ->
          findings.addAll(FleetValidation.checkEstimate(hand, Anchor.ESTIMATE)));
      if (findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR)) {
        return invalid(input, findings, gates);
      }
      FleetFigures figures = figures(input);
      figures.requireFinite(input.name());
      FleetFigures nominal = figures(input.withGpu(input.gpu().atNominalMemory()));
      Constraint binding = checkLimits(input, figures, findings);
      Optional<Finding> ungated = EvalGate.missing(input, gates);
      List<Finding> badGates = EvalGate.problems(gates);
      if (ungated.isPresent() || !badGates.isEmpty()) {
        binding = Verdict.of(findings) == Verdict.FAIL ? binding : Constraint.EVAL_GATE;
        ungated.ifPresent(findings::add);
        findings.addAll(badGates);
      }
      List<Lever> levers = List.of();
      Optional<Ladder.Plan> plan = Optional.of(Ladder.plan(input));
      if (figures.replicas() > 0 && figures.headroomFraction() < THIN_MARGIN) {
        levers = Levers.forBudget(input, figures);
        budgetFindings(figures, levers, plan.get(), findings);
      }
      List<WalkStep> walk =
          baseline.map(changes -> BaselineWalk.walk(input, changes)).orElse(List.of());
      Optional<EstimateCheck> check = estimate.isPresent()
          ? Optional.of(new EstimateCheck(estimate.get(), "this fleet", nominal, figures))
          : baseline.flatMap(changes -> baselineCheck(input, changes));
      return new FleetAnalysis(input, Verdict.of(findings), binding, Optional.of(figures),
          Optional.of(nominal), List.copyOf(findings), levers, walk, check, plan, gates);
    } catch (ArithmeticException overflow) {
      findings.add(Diagnostic.OVERFLOW.at(Subject.whole(FLEET), input.name()));
      return invalid(input, findings, gates);
    }
  }

  /**
   * Returns the analysis of a fleet whose annotations could not be read into a complete input
   * (its model is not a {@code @Model}, its workload is missing, ...): only its name and the
   * errors are meaningful.
   */
  public static FleetAnalysis unread(FleetInput input, List<Finding> errors) {
    return invalid(input, errors, List.of());
  }

  private static FleetAnalysis invalid(
      FleetInput input, List<Finding> findings, List<EvalGate> gates) {
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(EvalGate.problems(gates));
    return new FleetAnalysis(input, Verdict.FAIL, Constraint.INPUT, Optional.empty(),
        Optional.empty(), List.copyOf(all), List.of(), List.of(), Optional.empty(),
        Optional.empty(), gates);
  }

  /** Sets the estimate made for a baseline beside the baseline's exact figures. */
  private static Optional<EstimateCheck> baselineCheck(
      FleetInput input, BaselineChanges changes) {
    if (changes.estimate().isEmpty()) {
      return Optional.empty();
    }
    FleetInput before = BaselineWalk.baselineInput(input, changes);
    Optional<FleetFigures> reported = BaselineWalk.sizeIfValid(before);
    Optional<FleetFigures> nominal =
        BaselineWalk.sizeIfValid(before.withGpu(before.gpu().atNominalMemory()));
    if (reported.isEmpty() || nominal.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EstimateCheck(changes.estimate().get(),
        "the baseline (" + changes.name() + ")", nominal.get(), reported.get()));
  }

  /**
   * Checks fit, KV room, TTFT, the prefill pool, TPOT and the task target, adding findings;
   * returns the binding constraint: the first hard failure, else the least margin.
   */
  private static Constraint checkLimits(
      FleetInput input, FleetFigures figures, List<Finding> findings) {
    Constraint binding = null;
    String split = "tensor = " + input.split().tensor() + " × pipeline = "
        + input.split().pipeline()
        + (input.split().expert() > 1 ? " × expert = " + input.split().expert() : "");
    if (figures.weightBytesPerGpu() > figures.memoryBytesPerGpu()) {
      findings.add(Diagnostic.MEMORY_FIT.at(Subject.of(PARALLELISM, "tensor"),
          Units.decimalBytes(figures.weightBytes()) + " of " + input.servedWeights()
              + " weights over " + split + " GPUs is " + Units.decimalBytes(
                  figures.weightBytesPerGpu()) + " per GPU, more than the "
              + Units.decimalBytes(figures.memoryBytesPerGpu()) + " each " + input.gpu().name()
              + " has",
          fitFix(input)));
      binding = Constraint.MEMORY_FIT;
    } else if (figures.kvRoomBytesPerGpu() <= 0) {
      findings.add(Diagnostic.KV_ROOM.at(Subject.of(PARALLELISM, "tensor"),
          roomLine(input, figures) + ", so no request can be held", fitFix(input)));
      binding = Constraint.MEMORY_FIT;
    } else if (figures.kvBoundRequestsPerReplica() == 0) {
      Traffic traffic = input.traffic();
      String member = traffic.outputTokens() >= traffic.promptTokens()
          ? "outputTokens" : "promptTokens";
      long fitting = figures.kvRoomBytesPerGpu() / figures.kvBytesPerTokenPerGpu();
      findings.add(Diagnostic.KV_CAPACITY.at(Subject.of(WORKLOAD, member),
          "in fleet " + input.name() + ", a request of " + Units.count(
              figures.tokensPerRequest()) + " tokens needs " + Units.decimalBytes(
                  figures.kvBytesPerRequestPerGpu()) + " of KV per GPU, but "
              + roomLine(input, figures),
          (input.kvSizing() == KvSizing.PEAK
              ? "keep prompt + output within "
              : "keep prompt + ⌈output / 2⌉ within ") + Units.count(fitting) + " tokens; or "
              + fitFix(input)));
      binding = Constraint.KV_CAPACITY;
    }

    boolean offline = input.traffic().offline();
    if (!offline && figures.prefillMillis() > input.slo().ttftMillis()) {
      findings.add(Diagnostic.TTFT.at(Subject.of(SLO, "ttftMillis"),
          "in fleet " + input.name() + ", prefill of " + Units.count(
              input.traffic().promptTokens()) + " prompt tokens takes "
              + Units.millis(figures.prefillMillis()) + " on tensor = "
              + prefillSplit(input).tensor()
              + (input.disaggregated() ? " GPUs of the prefill pool" : " GPUs")
              + ", over ttftMillis = " + Units.number(input.slo().ttftMillis()),
          ttftFix(input)));
      binding = binding == null ? Constraint.TTFT : binding;
    }
    if (input.disaggregated()) {
      binding = poolFit(input, figures, findings, binding);
    }
    if (input.disaggregated() && figures.prefillGpusNeeded() > figures.prefillGpus()) {
      findings.add(Diagnostic.PREFILL_POOL.at(Subject.of(PREFILL, "gpus"),
          Units.number(figures.promptTokensPerSecond()) + " prompt tokens/s at "
              + Units.count(Math.round(figures.prefillTokensPerSecondPerGpu()))
              + " tokens/s per GPU need " + Units.count(figures.prefillGpusNeeded())
              + " GPUs in whole prefill replicas, but the pool has "
              + Units.count(figures.prefillGpus()),
          "gpus = " + Units.count(figures.prefillGpusNeeded()) + " in @PrefillPool, or a"
              + " higher prefillEfficiency once measured"));
      binding = binding == null ? Constraint.PREFILL : binding;
    }
    if (!offline && figures.tpotBoundRequestsPerReplica() == 0) {
      findings.add(Diagnostic.TPOT.at(Subject.of(SLO, "tpotMillis"),
          "in fleet " + input.name() + ", one decode step takes " + Units.millis(
              figures.decodeStepMillis())
              + " even at a batch of 1, over tpotMillis = "
              + Units.number(input.slo().tpotMillis()),
          tpotFix(input)));
      binding = binding == null ? Constraint.TPOT : binding;
    }
    if (figures.feasible() && bindingMargin(Constraint.TASK_LATENCY, input, figures) < 0) {
      findings.add(Diagnostic.TASK_LATENCY.at(Subject.of(SLO, "taskSeconds"),
          "in fleet " + input.name() + ", a task of " + taskLine(input.traffic(), figures)
              + ", over taskSeconds = " + Units.number(input.slo().taskSeconds())
              + "; tool time between calls is not counted",
          taskFix(input, figures)));
      binding = binding == null ? Constraint.TASK_LATENCY : binding;
    }
    return binding != null ? binding : leastMargin(input, figures);
  }

  /**
   * Returns the binding constraint of a fleet with no hard failure: of the per-replica limiter
   * (kv-capacity or tpot, throughput when offline; its margin is the GPU budget's), ttft, the
   * prefill pool when one is declared, and the task target when one is declared, the one with
   * the least margin (see {@link #bindingMargin}); a tie goes to the earlier in that order. Over
   * budget, the limiter's margin is negative, so it binds, as before the rule.
   */
  static Constraint leastMargin(FleetInput input, FleetFigures figures) {
    List<Constraint> candidates = new ArrayList<>();
    if (input.traffic().offline()) {
      candidates.add(Constraint.THROUGHPUT);
    } else {
      candidates.add(figures.kvBoundRequestsPerReplica() <= figures.tpotBoundRequestsPerReplica()
          ? Constraint.KV_CAPACITY
          : Constraint.TPOT);
      candidates.add(Constraint.TTFT);
    }
    if (input.disaggregated()) {
      candidates.add(Constraint.PREFILL);
    }
    if (input.slo().hasTaskTarget()) {
      candidates.add(Constraint.TASK_LATENCY);
    }
    Constraint least = candidates.get(0);
    for (Constraint candidate : candidates) {
      if (bindingMargin(candidate, input, figures) < bindingMargin(least, input, figures)) {
        least = candidate;
      }
    }
    return least;
  }

  /**
   * Returns the margin of a sized fleet against {@code constraint}, a fraction, negative when it
   * is broken: ttft 1 − prefillMillis / ttftMillis; prefill 1 − prefillGpusNeeded /
   * prefillGpus; task-latency 1 − taskSeconds / the task target (+∞ with no target); any
   * other, the GPU budget's 1 − gpusNeeded / gpusAvailable.
   */
  public static double bindingMargin(
      Constraint constraint, FleetInput input, FleetFigures figures) {
    return switch (constraint) {
      case TTFT -> 1 - figures.prefillMillis() / input.slo().ttftMillis();
      case PREFILL -> 1 - (double) figures.prefillGpusNeeded() / figures.prefillGpus();
      case TASK_LATENCY -> input.slo().hasTaskTarget()
          ? 1 - figures.taskSeconds() / input.slo().taskSeconds()
          : Double.POSITIVE_INFINITY;
      default -> figures.headroomFraction();
    };
  }

  /** Returns a task's arithmetic: {@code 12 calls × (85 ms prefill + ...) = 121 s}. */
  private static String taskLine(Traffic traffic, FleetFigures figures) {
    return Units.plural(traffic.callsPerTask(), "call") + " × (" + Units.millis(
        figures.prefillMillis()) + " prefill + " + Units.count(traffic.outputTokens())
        + " output tokens × " + Units.millis(figures.decodeStepMillis())
        + " decode step at a batch of " + Units.count(figures.requestsPerReplica()) + ") = "
        + Units.fixed(figures.taskSeconds(), 1) + " s";
  }

  /**
   * Returns the fixes for a task over its target: the TPOT that caps the batch at a decode step
   * that meets it (when even a batch of 1 is fast enough), the longest output at today's step,
   * and the most calls at today's call time.
   */
  private static String taskFix(FleetInput input, FleetFigures figures) {
    Traffic traffic = input.traffic();
    double target = input.slo().taskSeconds();
    double callMillis = 1000 * target / traffic.callsPerTask();
    double stepMillis = (callMillis - figures.prefillMillis()) / traffic.outputTokens();
    double aloneMillis = 1000 * decodeStepSeconds(
        input, figures.weightBytesPerGpu(), figures.kvBytesPerRequestPerGpu(), 1);
    List<String> fixes = new ArrayList<>();
    if (stepMillis >= aloneMillis) {
      fixes.add("tpotMillis = " + Units.fixed(Math.floor(stepMillis * 10) / 10, 1)
          + ", a decode step that meets it, which caps each replica's batch (more replicas)");
    }
    long output = (long) Math.floor(
        (callMillis - figures.prefillMillis()) / figures.decodeStepMillis());
    if (output > 0) {
      fixes.add("keep outputTokens within " + Units.count(output) + " at this decode step");
    }
    long calls = (long) Math.floor(target / (figures.taskSeconds() / traffic.callsPerTask()));
    if (calls > 0) {
      fixes.add("callsPerTask = " + Units.count(calls));
    }
    fixes.add("relax taskSeconds to " + Units.number(Math.ceil(figures.taskSeconds())));
    return String.join("; or ", fixes);
  }

  private static void budgetFindings(
      FleetFigures figures, List<Lever> levers, Ladder.Plan plan, List<Finding> findings) {
    String need = Units.count(figures.gpusNeeded()) + " GPUs (" + Units.plural(
        figures.replicas(), "replica") + " × " + Units.plural(figures.gpusPerReplica(), "GPU")
        + ", each holding "
        + Units.count(figures.requestsPerReplica()) + " of the "
        + Units.count(figures.inFlightRequests()) + " requests in flight"
        + (figures.prefillGpus() > 0
            ? ", plus the prefill pool's " + Units.count(figures.prefillGpus())
            : "")
        + ")";
    if (figures.gpusNeeded() > figures.gpusAvailable()) {
      findings.add(Diagnostic.GPU_BUDGET.at(Subject.of(FLEET, "gpus"),
          "the fleet needs " + need + " but gpus = " + Units.count(figures.gpusAvailable())
              + ": " + margin(figures),
          "raise gpus to " + Units.count(figures.gpusNeeded()) + smallestSet(plan)));
    } else {
      findings.add(Diagnostic.THIN_MARGIN.at(Subject.of(FLEET, "gpus"),
          "the fleet needs " + need + " of gpus = " + Units.count(figures.gpusAvailable())
              + ", " + Units.percent(figures.headroomFraction()) + " to spare, under "
              + Units.percent(THIN_MARGIN),
          "keep at least " + Units.percent(THIN_MARGIN) + " spare" + Levers.summary(levers)));
    }
  }

  /**
   * Returns "; or ..." naming the fewest levers that together fit the budget, with the GPUs
   * they leave, or "" when none do: the short form of the doc's ladder.
   */
  private static String smallestSet(Ladder.Plan plan) {
    if (plan.smallestSet().isEmpty()) {
      return "";
    }
    return "; or " + String.join(" with ", plan.smallestSet())
        + (plan.smallestSet().size() == 1 ? ", which needs " : ", which together need ")
        + Units.count(plan.smallestSetFigures().orElseThrow().gpusNeeded())
        + " GPUs (the doc has the whole ladder)";
  }

  /** Returns a sized fleet against its budget: {@code 43.8% spare} or {@code 3.54× the budget}. */
  public static String margin(FleetFigures figures) {
    return Units.margin(figures.gpusNeeded(), figures.gpusAvailable());
  }

  private static String roomLine(FleetInput input, FleetFigures figures) {
    return "each GPU has " + Units.decimalBytes(figures.memoryBytesPerGpu()) + " − "
        + Units.decimalBytes(figures.weightBytesPerGpu()) + " weights − "
        + Units.decimalBytes(figures.reservedBytesPerGpu()) + " reserved = "
        + Units.decimalBytes(figures.roomBeforeKvBytes()) + " for KV cache at tensor = "
        + input.split().tensor();
  }

  private static String fitFix(FleetInput input) {
    OptionalInt tensor = smallestTensor(input, candidate -> holdsOneRequest(
        input.withSplit(input.split().withTensor(candidate))));
    String fix = tensor.isPresent()
        ? "the smallest tensor-parallel degree that fits is " + tensorAdvice(tensor.getAsInt())
        : "no tensor-parallel degree up to " + input.model().attentionHeads() + " fits";
    boolean wide = input.servedWeights().bitsPerElement() > 8
        || input.servedKvCache().bitsPerElement() > 8;
    if (wide && holdsOneRequest(input.withPrecisions(Precision.FP8, Precision.FP8))) {
      fix += "; or serve weights and KV cache in FP8 (weights = FP8, kvCache = FP8)";
    }
    return fix + "; or use a GPU with more memory";
  }

  private static boolean holdsOneRequest(FleetInput input) {
    return figures(input).kvBoundRequestsPerReplica() > 0;
  }

  private static String ttftFix(FleetInput input) {
    OptionalInt tensor = smallestTensor(input,
        candidate -> figures(input.withSplit(input.split().withTensor(candidate)))
            .prefillMillis() <= input.slo().ttftMillis());
    long maxPrompt = (long) Math.floor(
        input.slo().ttftMillis() / 1000 / prefillSeconds(input, prefillSplit(input), 1));
    String byTensor = tensor.isPresent()
        ? tensorAdvice(tensor.getAsInt()) + " prefills fast enough"
        : "no tensor-parallel degree alone prefills fast enough";
    String byPrompt = maxPrompt > 0
        ? "; or keep prompts within " + Units.count(maxPrompt) + " tokens"
        : "";
    return byTensor + byPrompt + "; or prefill on separate GPUs (disaggregated prefill)";
  }

  private static String tpotFix(FleetInput input) {
    OptionalInt tensor = smallestTensor(input,
        candidate -> figures(input.withSplit(input.split().withTensor(candidate)))
            .tpotBoundRequestsPerReplica() > 0);
    String byTensor = tensor.isPresent()
        ? tensorAdvice(tensor.getAsInt()) + " reads the weights fast enough"
        : "no tensor-parallel degree alone is fast enough";
    boolean wide = input.servedWeights().bitsPerElement() > 8;
    return byTensor + (wide ? "; or serve weights in fewer bits" : "") + "; or relax tpotMillis";
  }

  /** Returns {@code tensor = t}, with a caution when t spans more than one node. */
  /**
   * Checks that a prefill replica holds the weights, split over its own degrees, within each
   * GPU's memory less the reserve; returns the binding constraint, memory-fit when it does not.
   */
  private static Constraint poolFit(
      FleetInput input, FleetFigures figures, List<Finding> findings, Constraint binding) {
    ModelShape model = input.model();
    ReplicaSplit pool = input.prefillSplit();
    long room = figures.memoryBytesPerGpu() - figures.reservedBytesPerGpu();
    IntPredicate fits = tensor -> model.sharePerGpu(
        figures.weightBytes(), tensor, pool.pipeline(), pool.expert()) <= room;
    if (fits.test(pool.tensor())) {
      return binding;
    }
    long perGpu = model.sharePerGpu(figures.weightBytes(), pool.tensor(), pool.pipeline(),
        pool.expert());
    OptionalInt tensor = smallestTensor(model, pool.tensor(), fits);
    findings.add(Diagnostic.MEMORY_FIT.at(Subject.of(PREFILL_PARALLELISM, "tensor"),
        "a prefill replica holds " + Units.decimalBytes(perGpu) + " of " + input.servedWeights()
            + " weights per GPU at tensor = " + pool.tensor() + ", more than the "
            + Units.decimalBytes(room) + " each " + input.gpu().name() + " has after reserved"
            + " memory",
        tensor.isPresent()
            ? "the smallest prefill tensor degree that fits is " + tensorAdvice(
                tensor.getAsInt()) + " in @PrefillPool's parallelism"
            : "a larger pipeline or expert degree in @PrefillPool's parallelism"));
    return binding == null ? Constraint.MEMORY_FIT : binding;
  }

  private static String tensorAdvice(int tensor) {
    int node = GpuCatalog.GPUS_PER_NODE;
    return "tensor = " + tensor + (tensor > node
        ? " (more than the " + node + " GPUs of a node: tensor parallelism across nodes is slow)"
        : "");
  }

  /** Returns the smallest tensor degree above the current one that splits the heads and passes. */
  private static OptionalInt smallestTensor(FleetInput input, IntPredicate passes) {
    return smallestTensor(input.model(), input.split().tensor(), passes);
  }

  /** Returns the smallest tensor degree above {@code from} that splits the heads and passes. */
  private static OptionalInt smallestTensor(ModelShape model, int from, IntPredicate passes) {
    for (int tensor = from + 1; tensor <= model.attentionHeads(); tensor++) {
      boolean splits = model.attentionHeads() % tensor == 0
          && (model.kvHeads() % tensor == 0 || tensor % model.kvHeads() == 0);
      if (splits && passes.test(tensor)) {
        return OptionalInt.of(tensor);
      }
    }
    return OptionalInt.empty();
  }
}
