package dev.headroom.runtime.training;

import static dev.headroom.runtime.report.Anchor.TRAINING;

import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Sizes a training job: model state and activations per GPU against its memory, the FLOPs of a
 * step against the target step time at the assumed MFU, and the levers that close a gap. Each
 * formula names its source; bytes are exact, FLOPs are doubles.
 */
public final class TrainingSizing {
  private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);

  private TrainingSizing() {}

  /**
   * Returns the parameters one GPU holds before ZeRO sharding: its tensor share of the busiest
   * pipeline stage, embedding and output head included, and of a mixture of experts' routed
   * experts its expert-parallel share (DESIGN.md: divided by tensor and pipeline first, × expert
   * for experts; {@link ModelShape#sharePerGpu}). One stage, no experts: ⌈N / t⌉.
   */
  public static long parametersPerGpu(ModelShape model, ReplicaSplit split) {
    return model.sharePerGpu(
        model.parameters(), split.tensor(), split.pipeline(), split.expert());
  }

  /** Returns the routed experts' part of {@link #parametersPerGpu}, 0 for a dense model. */
  public static long expertParametersPerGpu(ModelShape model, ReplicaSplit split) {
    return model.expertSharePerGpu(
        model.parameters(), split.tensor(), split.pipeline(), split.expert());
  }

  /**
   * Returns the training state one GPU holds under {@code zero}: its dense parameters' state
   * sharded over the d × c data and context ranks, its routed experts' over the d × c / e ranks
   * that hold the same experts, since expert parallelism takes its ranks from the data-parallel
   * ones (Megatron-Core's MoE parallel folding: expert × expert-data = data × context).
   */
  public static ModelState modelState(
      ModelShape model, ReplicaSplit split, Optimizer optimizer, ZeroStage zero) {
    long experts = expertParametersPerGpu(model, split);
    long dense = parametersPerGpu(model, split) - experts;
    long shards = (long) split.data() * split.context();
    return modelState(dense, optimizer, zero, shards)
        .plus(modelState(experts, optimizer, zero, shards / split.expert()));
  }

  /**
   * Returns the training state of {@code parameters} parameters on one GPU, each part divided by
   * the {@code shards} data-parallel ranks from the ZeRO stage that shards it: optimizer state
   * from stage 1, gradients from 2, weights from 3 (Rajbhandari et al. 2019, Figure 1;
   * REFERENCES.md R-T1: 7.5e9 parameters on 64 GPUs give 120, 31.4, 16.6 and 1.875 GB).
   */
  public static ModelState modelState(
      long parameters, Optimizer optimizer, ZeroStage zero, long shards) {
    long weights = Exact.times(parameters, optimizer.weightBytesPerParameter());
    long gradients = Exact.times(parameters, optimizer.gradientBytesPerParameter());
    long state = Exact.times(parameters, optimizer.optimizerBytesPerParameter());
    return new ModelState(
        zero.compareTo(ZeroStage.THREE) >= 0 ? Exact.ceilDiv(weights, shards) : weights,
        zero.compareTo(ZeroStage.TWO) >= 0 ? Exact.ceilDiv(gradients, shards) : gradients,
        zero.compareTo(ZeroStage.ONE) >= 0 ? Exact.ceilDiv(state, shards) : state);
  }

  /**
   * Returns the activation bytes one transformer layer stores for one micro-batch, from
   * Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large Transformer Models"),
   * Table 2, 16-bit activations, sequence parallelism on whenever {@code tensor > 1}:
   * sbh(34/t + 5as/(ht)) with nothing recomputed, 34sbh/t with selective recompute, 2sbh
   * with full recompute (REFERENCES.md R-A1). The constants were derived for GPT's
   * 4h-wide MLP and are applied unchanged to other shapes.
   *
   * @param sequence s, tokens of one sequence on this GPU (the sequence length over c)
   * @param microBatch b, sequences per micro-batch
   * @param hidden h, the hidden size
   * @param heads a, the attention heads
   * @param tensor t, the tensor-parallel degree
   * @param recompute which activations are recomputed
   */
  public static long activationBytesPerLayer(
      long sequence, long microBatch, long hidden, long heads, int tensor, Recompute recompute) {
    long tokens = Exact.times(sequence, microBatch);
    return switch (recompute) {
      case NONE -> Exact.ceilDiv(Exact.times(tokens,
          Exact.plus(Exact.times(34, hidden), Exact.times(5, Exact.times(heads, sequence)))),
          tensor);
      case SELECTIVE -> Exact.ceilDiv(Exact.times(34, Exact.times(tokens, hidden)), tensor);
      case FULL -> Exact.times(2, Exact.times(tokens, hidden));
    };
  }

  /**
   * Returns the micro-batches whose activations the first pipeline stage holds at once under
   * 1F1B scheduling: min(p, m) (Narayanan et al. 2021; Korthikanti et al. 2022, section 4.2.3).
   */
  public static long microBatchesInFlight(int pipeline, long microBatches) {
    return Math.min(pipeline, microBatches);
  }

  /**
   * Returns the attention FLOPs per trained token, forward and backward: 12 × L × a × headDim
   * × s, PaLM's term (Chowdhery et al. 2022, Appendix B; REFERENCES.md R-F1), halved when
   * {@code causal}, since a causal mask skips half the score matrix.
   */
  public static double attentionFlopsPerToken(
      int layers, int heads, int headDim, long sequence, boolean causal) {
    double full = 12.0 * layers * heads * headDim * sequence;
    return causal ? full / 2 : full;
  }

  /**
   * Returns model FLOPs utilization: achieved model FLOP/s over the devices' dense peak,
   * {@code flopsPerToken × tokensPerSecond / (devices × peak)} (DESIGN.md; R-F1, R-F2).
   */
  public static double mfu(
      double flopsPerToken, double tokensPerSecond, long devices, double peakFlopsPerSecond) {
    return flopsPerToken * tokensPerSecond / (devices * peakFlopsPerSecond);
  }

  /**
   * Returns the figures of a job whose inputs passed {@link TrainingValidation}. Throws {@link
   * ArithmeticException} when a byte count overflows.
   */
  public static TrainingFigures figures(TrainingInput input) {
    ModelShape model = input.model();
    ReplicaSplit split = input.split();
    long parameters = model.parameters();
    long stateBytes = Exact.times(parameters, input.optimizer().bytesPerParameter());
    long perGpu = parametersPerGpu(model, split);
    ModelState state = modelState(model, split, input.optimizer(), input.zero());

    long sequencesPerRank =
        input.globalBatchTokens() / ((long) split.data() * input.sequenceLength());
    long microBatches = sequencesPerRank / input.microBatchSequences();
    long perLayer = activationBytesPerLayer(
        input.sequenceLength() / split.context(), input.microBatchSequences(),
        model.hiddenSize(), model.attentionHeads(), split.tensor(), input.recompute());
    long layersPerStage = Exact.ceilDiv(model.layers(), split.pipeline());
    long inFlight = microBatchesInFlight(split.pipeline(), microBatches);
    long activations = Exact.times(Exact.times(perLayer, layersPerStage), inFlight);
    long memory = Exact.plus(state.totalBytes(), activations);
    long gpuMemory = input.gpu().reportedMemoryBytes();
    long reserved = Exact.ceil(Exact.decimal(input.reservedGbPerGpu()).multiply(BYTES_PER_GB));

    double attention = attentionFlopsPerToken(
        model.layers(), model.attentionHeads(), model.headDim(), input.sequenceLength(), true);
    double flopsPerToken = 6.0 * model.activeParameters() + attention;
    double flopsPerStep = flopsPerToken * input.globalBatchTokens();
    double peak = input.gpu().denseBf16FlopsPerSecond();
    double stepSeconds = flopsPerStep / (input.gpus() * peak * input.mfu());
    double exactGpus = flopsPerStep / (input.targetStepSeconds() * peak * input.mfu());
    if (exactGpus >= Long.MAX_VALUE) {
      throw new ArithmeticException("the GPUs " + input.name() + " needs exceed a long");
    }
    long gpusNeeded = (long) Math.ceil(exactGpus);
    double mfuNeeded = flopsPerStep / (input.targetStepSeconds() * input.gpus() * peak);

    return new TrainingFigures(
        parameters, model.activeParameters(), stateBytes, perGpu, state.weightBytes(),
        state.gradientBytes(), state.optimizerBytes(), state.totalBytes(), perLayer,
        layersPerStage, inFlight, activations, memory, gpuMemory, reserved,
        gpuMemory - reserved, sequencesPerRank, microBatches, flopsPerToken, attention,
        flopsPerStep, stepSeconds, gpusNeeded,
        input.gpus(), mfuNeeded, input.globalBatchTokens() / stepSeconds);
  }

  /**
   * Returns the full analysis of a job: validation, figures, the memory and step-time checks
   * with the levers that close a gap, and the binding constraint.
   */
  public static TrainingAnalysis analyse(TrainingInput input) {
    List<Finding> findings = new ArrayList<>();
    try {
      findings.addAll(TrainingValidation.check(input));
      if (findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR)) {
        boolean layout = findings.stream().anyMatch(finding ->
            finding.diagnostic() == Diagnostic.LAYOUT
                || finding.diagnostic() == Diagnostic.HEADS_DIVISIBLE);
        return invalid(input, findings, layout ? Constraint.LAYOUT : Constraint.INPUT);
      }
      TrainingFigures figures = figures(input);
      figures.requireFinite(input.name());
      List<String> levers = new ArrayList<>();
      if (!figures.fitsMemory()) {
        levers.addAll(memoryLevers(input));
        findings.add(Diagnostic.TRAINING_MEMORY.at(Subject.whole(TRAINING),
            memoryLine(input, figures), fixText(levers,
                "no single change fits: combine them (a higher zero stage with more recompute),"
                    + " or use a GPU with more memory")));
      }
      if (figures.stepSeconds() > input.targetStepSeconds()) {
        List<String> stepLevers = stepLevers(input, figures);
        levers.addAll(stepLevers);
        findings.add(Diagnostic.STEP_TIME.at(Subject.of(TRAINING, "targetStepSeconds"),
            stepLine(input, figures), fixText(stepLevers, "")));
      }
      return new TrainingAnalysis(input, Verdict.of(findings), binding(figures),
          Optional.of(figures), List.copyOf(findings), List.copyOf(levers));
    } catch (ArithmeticException overflow) {
      findings.add(Diagnostic.OVERFLOW.at(Subject.whole(TRAINING), input.name()));
      return invalid(input, findings, Constraint.INPUT);
    }
  }

  /**
   * Returns the analysis of a job whose annotations could not be read into a complete input:
   * only its name and the errors are meaningful.
   */
  public static TrainingAnalysis unread(TrainingInput input, List<Finding> errors) {
    return invalid(input, errors, Constraint.INPUT);
  }

  private static TrainingAnalysis invalid(
      TrainingInput input, List<Finding> findings, Constraint binding) {
    return new TrainingAnalysis(
        input, Verdict.FAIL, binding, Optional.empty(), List.copyOf(findings), List.of());
  }

  /**
   * Returns the constraint that binds: memory when it does not fit, the step time when it is
   * missed, else whichever of the two has the smaller share to spare.
   */
  private static Constraint binding(TrainingFigures figures) {
    if (!figures.fitsMemory()) {
      return Constraint.TRAINING_MEMORY;
    }
    if (figures.gpusNeeded() > figures.gpusAvailable()
        || figures.computeHeadroomFraction() <= figures.memoryHeadroomFraction()) {
      return Constraint.STEP_TIME;
    }
    return Constraint.TRAINING_MEMORY;
  }

  private static String memoryLine(TrainingInput input, TrainingFigures f) {
    return Units.decimalBytes(f.stateBytesPerGpu()) + " of model state + "
        + Units.decimalBytes(f.activationBytesPerGpu()) + " of activations = "
        + Units.decimalBytes(f.memoryBytesPerGpu()) + " per GPU, more than the "
        + Units.decimalBytes(f.availableBytesPerGpu()) + " each " + input.gpu().name()
        + " has after " + Units.decimalBytes(f.reservedBytesPerGpu()) + " reserved (zero = "
        + input.zero() + ", recompute = " + input.recompute() + ", tensor = "
        + input.split().tensor() + ", pipeline = " + input.split().pipeline() + ")";
  }

  private static String stepLine(TrainingInput input, TrainingFigures f) {
    return "a step of " + Units.count(input.globalBatchTokens()) + " tokens is "
        + Units.scientific(f.flopsPerStep()) + " FLOPs, " + Units.fixed(f.stepSeconds(), 2)
        + " s on " + Units.count(input.gpus()) + " " + input.gpu().name() + " at "
        + Units.flops(input.gpu().denseBf16FlopsPerSecond()) + " and mfu "
        + Units.number(input.mfu()) + ", over the " + Units.number(input.targetStepSeconds())
        + " s target";
  }

  private static String fixText(List<String> levers, String otherwise) {
    if (levers.isEmpty()) {
      return otherwise;
    }
    return String.join("; or ", levers);
  }

  /**
   * Returns the single changes that make the job fit memory, each with the memory per GPU it
   * leads to: the next ZeRO stage that fits, the lightest recompute that fits, and the smallest
   * larger tensor (within a node) or pipeline degree that fits on the same GPUs, keeping the
   * expert degree, which must still divide the data × context ranks left.
   */
  static List<String> memoryLevers(TrainingInput input) {
    List<String> levers = new ArrayList<>();
    ReplicaSplit split = input.split();
    for (ZeroStage zero : ZeroStage.values()) {
      if (zero.compareTo(input.zero()) > 0
          && fits(input.withLayout(split, zero, input.recompute()), levers, "zero = " + zero)) {
        break;
      }
    }
    for (Recompute recompute : Recompute.values()) {
      if (recompute.compareTo(input.recompute()) > 0 && fits(
          input.withLayout(split, input.zero(), recompute), levers, "recompute = " + recompute)) {
        break;
      }
    }
    ModelShape model = input.model();
    for (int factor = 2; split.tensor() * factor <= GpuCatalog.GPUS_PER_NODE; factor *= 2) {
      int tensor = split.tensor() * factor;
      boolean splits = model.attentionHeads() % tensor == 0
          && (model.kvHeads() % tensor == 0 || tensor % model.kvHeads() == 0);
      if (splits && split.data() % factor == 0 && fits(input, new ReplicaSplit(tensor,
          split.pipeline(), split.expert(), split.data() / factor, split.context()), levers,
          "tensor = " + tensor + " with data = " + split.data() / factor)) {
        break;
      }
    }
    for (int factor = 2; split.data() % factor == 0; factor *= 2) {
      int pipeline = split.pipeline() * factor;
      if (model.layers() % pipeline == 0 && fits(input, new ReplicaSplit(split.tensor(),
          pipeline, split.expert(), split.data() / factor, split.context()), levers,
          "pipeline = " + pipeline + " with data = " + split.data() / factor)) {
        break;
      }
    }
    return levers;
  }

  /**
   * Adds {@code change} to {@code levers} when {@code layout} is one validation accepts (its
   * expert degree divides its data × context ranks) and fits memory.
   */
  private static boolean fits(
      TrainingInput input, ReplicaSplit layout, List<String> levers, String change) {
    return layout.expertDividesDataRanks() && fits(
        input.withLayout(layout, input.zero(), input.recompute()), levers, change);
  }

  private static boolean fits(TrainingInput changed, List<String> levers, String change) {
    TrainingFigures figures = figures(changed);
    if (!figures.fitsMemory()) {
      return false;
    }
    levers.add(change + " (" + Units.decimalBytes(figures.memoryBytesPerGpu()) + " per GPU)");
    return true;
  }

  /**
   * Returns the changes that meet the target step time: the GPUs it takes at the assumed MFU
   * (with the smallest data-parallel degree that divides the batch), or the MFU it takes on
   * the declared GPUs.
   */
  static List<String> stepLevers(TrainingInput input, TrainingFigures f) {
    List<String> levers = new ArrayList<>();
    ReplicaSplit split = input.split();
    long modelParallel = (long) split.tensor() * split.pipeline() * split.context();
    String gpus = Units.count(f.gpusNeeded()) + " GPUs at mfu " + Units.number(input.mfu());
    OptionalLong data = smallestData(input, Exact.ceilDiv(f.gpusNeeded(), modelParallel));
    if (data.isPresent()) {
      gpus += " (data = " + Units.count(data.getAsLong())
          + ", the smallest degree that splits the "
          + Units.count(sequencesPerStep(input)) + " sequences of a step evenly"
          + dataMultipleClause(split) + ": gpus = "
          + Units.count(data.getAsLong() * modelParallel) + ")";
    }
    levers.add(gpus);
    if (f.mfuNeeded() <= 1) {
      levers.add("an MFU of " + Units.percent(f.mfuNeeded()) + " on these GPUs");
    }
    levers.add("targetStepSeconds = " + Units.fixed(f.stepSeconds(), 2));
    return levers;
  }

  /** Returns the sequences of one step: global batch tokens / sequence length. */
  public static long sequencesPerStep(TrainingInput input) {
    return input.globalBatchTokens() / input.sequenceLength();
  }

  /**
   * Returns the smallest data-parallel degree of at least {@code minimum} that splits the
   * sequences of a step into whole micro-batches on every rank and is a multiple of {@link
   * #dataMultiple}, or empty when none does.
   */
  public static OptionalLong smallestData(TrainingInput input, long minimum) {
    long sequences = sequencesPerStep(input);
    long multiple = dataMultiple(input.split());
    long best = Long.MAX_VALUE;
    // Divisors come in pairs (d, sequences / d) with d ≤ √sequences: a million steps at most.
    for (long small = 1; small <= sequences / small; small++) {
      if (sequences % small != 0) {
        continue;
      }
      for (long data : new long[] {small, sequences / small}) {
        if (data >= minimum && data < best && data % multiple == 0
            && (sequences / data) % input.microBatchSequences() == 0) {
          best = data;
        }
      }
    }
    return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
  }

  /**
   * Returns what every data degree must be a multiple of for the expert degree e to divide the
   * data × context ranks: e / gcd(e, c), so 64 at expert 64 and context 1, 32 at context 2; 1
   * for a dense model.
   */
  public static long dataMultiple(ReplicaSplit split) {
    return split.expert() / BigInteger.valueOf(split.expert())
        .gcd(BigInteger.valueOf(split.context())).longValue();
  }

  /**
   * Returns the clause that says why data must be a multiple of {@link #dataMultiple}, e.g.
   * {@code " and is a multiple of 64 (expert = 64 divides data × context 1)"}; empty when any
   * data degree will do.
   */
  static String dataMultipleClause(ReplicaSplit split) {
    long multiple = dataMultiple(split);
    return multiple == 1
        ? ""
        : " and is a multiple of " + multiple + " (expert = " + split.expert()
            + " divides data × context " + split.context() + ")";
  }
}
