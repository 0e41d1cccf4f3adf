package dev.headroom.runtime.report;

import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.training.DataPlaneAnalysis;
import dev.headroom.runtime.training.DataPlaneFigures;
import dev.headroom.runtime.training.DataPlaneInput;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.training.TrainingFigures;
import dev.headroom.runtime.training.TrainingInput;
import dev.headroom.runtime.training.TrainingSizing;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Writes the training and data-plane sections of a design doc: model state, activations and
 * memory per GPU, the compute of a step against its target, then the data plane's bandwidth,
 * failures and checkpoints, each formula with its numbers.
 */
final class TrainingDoc extends MarkdownSection {
  TrainingDoc(StringBuilder out) {
    super(out);
  }

  /** Writes the diagram nodes of the design's training jobs and data planes. */
  static void diagram(DesignAnalysis design, Consumer<String> line) {
    int index = 0;
    for (TrainingAnalysis job : design.stages(TrainingAnalysis.class)) {
      TrainingInput input = job.input();
      String body = job.figures()
          .map(f -> label(input.model().name()) + "<br/>" + Units.count(input.gpus()) + " × "
              + input.gpu().name() + ": " + input.split().trainingDegrees() + ", zero "
              + input.zero()
              + "<br/>" + Units.fixed(f.stepSeconds(), 2) + " s steps at "
              + Units.percent(input.mfu()) + " MFU")
          .orElse("not sized: invalid inputs");
      line.accept("  training" + index++ + "[\"" + input.name() + ": " + body + "\"]");
    }
    index = 0;
    for (DataPlaneAnalysis plane : design.stages(DataPlaneAnalysis.class)) {
      String target = "training" + trainingIndex(design, plane.training());
      String id = "data" + index++;
      String read = plane.figures().map(f -> Units.rate(f.inputBytesPerSecond()) + " of tokens")
          .orElse("not sized");
      line.accept("  " + id + "[(\"" + plane.name() + ": storage<br/>"
          + Units.number(plane.input().storageReadGbPerSecond()) + " GB/s read\")] -->|\""
          + read + "\"| " + target);
      plane.figures().ifPresent(f -> line.accept("  " + target + " -->|\"checkpoint "
          + Units.decimalBytes(f.checkpointBytes()) + " every "
          + Units.duration(f.checkpointIntervalSeconds()) + "\"| " + id + "ckpt[(\"Checkpoints<br/>"
          + Units.number(plane.input().checkpointWriteGbPerSecond()) + " GB/s write\")]"));
    }
  }

  private static int trainingIndex(DesignAnalysis design, String name) {
    List<TrainingAnalysis> jobs = design.stages(TrainingAnalysis.class);
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.get(i).input().name().equals(name)) {
        return i;
      }
    }
    return 0;
  }

  /** Writes the section of one training job. */
  void training(TrainingAnalysis job) {
    TrainingInput input = job.input();
    line("## " + input.name() + " (training job)");
    line();
    if (job.figures().isEmpty()) {
      line("Verdict: **fail**. The inputs or the layout are invalid, so the job was not sized:");
      line();
      findings(job.findings());
      return;
    }
    TrainingFigures f = job.figures().get();
    line(text(input.model().name()) + " trained on " + Units.count(input.gpus()) + " "
        + input.gpu().name() + ": " + input.split().trainingDegrees() + ", zero = " + input.zero()
        + ", recompute = " + input.recompute() + ", optimizer " + input.optimizer() + " ("
        + input.optimizer().bytesPerParameter() + " bytes per parameter)."
        + (input.split().tensor() > 1
            ? " Sequence parallelism is on, as it is whenever tensor > 1."
            : "")
        + " Verdict: **" + job.verdict().jsonName() + "**; binding constraint: **"
        + job.binding().id() + "**.");
    line();
    modelState(input, f);
    activations(input, f);
    memory(input, f);
    compute(input, f);
    line("### Binding constraint");
    line();
    line("**" + job.binding().id() + "**: " + trainingWhy(job, f));
    line();
    if (!job.levers().isEmpty()) {
      line("### Levers");
      line();
      line("Each is one change, re-sized with everything else held:");
      line();
      job.levers().forEach(lever -> line("- " + lever));
      line();
    }
    if (!job.findings().isEmpty()) {
      line("### Findings");
      line();
      findings(job.findings());
    }
    trainingAssumptions(input);
  }

  private void modelState(TrainingInput input, TrainingFigures f) {
    ModelShape model = input.model();
    Optimizer optimizer = input.optimizer();
    ReplicaSplit split = input.split();
    GpuSpec gpu = input.gpu();
    line("### Model state");
    line();
    String source = model.declaredParameters() == 0
        ? "derived from the shape"
        : "as declared (the shape gives " + Units.count(model.derivedParameters()) + ")";
    line("- parameters N = " + Units.count(f.parameters()) + ", " + source);
    line("- state = N × " + optimizer.bytesPerParameter() + " bytes ("
        + optimizer.weightBytesPerParameter() + " weights + "
        + optimizer.gradientBytesPerParameter() + " gradients + "
        + optimizer.optimizerBytesPerParameter() + " optimizer state) = "
        + Units.exactBytes(f.stateBytes()) + " (" + Units.decimalBytes(f.stateBytes())
        + "), the memory of " + Units.fixed((double) f.stateBytes() / gpu.nominalMemoryBytes(), 1)
        + " " + gpu.name() + " of " + Units.decimalBytes(gpu.nominalMemoryBytes())
        + " before activations");
    long shards = (long) split.data() * split.context();
    boolean experts = model.experts().present();
    if (split.pipeline() == 1 && !experts) {
      line("- per GPU before sharding: N × ⌈" + model.layers() + " / " + split.pipeline()
          + "⌉ layers / (" + model.layers() + " × tensor " + split.tensor() + ") = "
          + Units.count(f.parametersPerGpu()) + " parameters");
    } else {
      line("- per GPU before sharding: the busiest of " + split.pipeline() + " pipeline"
          + " stages (embedding and output head on theirs) over tensor " + split.tensor()
          + (experts ? ", with ⌈" + model.experts().count() + " / expert " + split.expert()
              + "⌉ routed experts a layer" : "")
          + " = " + Units.count(f.parametersPerGpu()) + " parameters");
    }
    String expertShards = experts && split.expert() > 1
        ? " (the routed experts' over " + Units.count(shards / split.expert())
            + " = ranks / expert " + split.expert() + ")"
        : "";
    line("- zero = " + input.zero() + " " + sharding(input.zero()) + " over data "
        + split.data() + " × context " + split.context() + " = " + Units.count(shards)
        + " ranks" + expertShards + ": weights " + Units.decimalBytes(f.weightBytesPerGpu())
        + ", gradients "
        + Units.decimalBytes(f.gradientBytesPerGpu()) + ", optimizer state "
        + Units.decimalBytes(f.optimizerBytesPerGpu()) + " = "
        + Units.decimalBytes(f.stateBytesPerGpu()) + " per GPU");
    line();
  }

  private static String sharding(ZeroStage zero) {
    return switch (zero) {
      case NONE -> "shards nothing: every rank holds the full state of its share";
      case ONE -> "shards the optimizer state";
      case TWO -> "shards the optimizer state and gradients";
      case THREE -> "shards the optimizer state, gradients and weights";
    };
  }

  private void activations(TrainingInput input, TrainingFigures f) {
    ModelShape model = input.model();
    ReplicaSplit split = input.split();
    long sequence = input.sequenceLength() / split.context();
    String s = Units.count(sequence);
    String b = Units.count(input.microBatchSequences());
    String h = Units.count(model.hiddenSize());
    line("### Activations");
    line();
    String formula = switch (input.recompute()) {
      case NONE -> "s " + s + " × b " + b + " × (34 × h " + h + " + 5 × a "
          + model.attentionHeads() + " × s " + s + ") / t " + split.tensor();
      case SELECTIVE -> "34 × s " + s + " × b " + b + " × h " + h + " / t " + split.tensor();
      case FULL -> "2 × s " + s + " × b " + b + " × h " + h;
    };
    line("- per layer and micro-batch (recompute = " + input.recompute() + ", Korthikanti et al."
        + " 2022, Table 2) = " + formula + " = " + Units.exactBytes(f.activationBytesPerLayer()));
    line("- per GPU = " + Units.exactBytes(f.activationBytesPerLayer()) + " × "
        + f.layersPerStage() + " layers on the busiest stage × " + f.microBatchesInFlight()
        + " micro-batch" + (f.microBatchesInFlight() == 1 ? "" : "es")
        + " in flight (min(pipeline " + split.pipeline() + ", " + f.microBatches()
        + " per step)) = " + Units.decimalBytes(f.activationBytesPerGpu()));
    line();
  }

  private void memory(TrainingInput input, TrainingFigures f) {
    line("### Memory per GPU");
    line();
    line("| part | per GPU |");
    line("| --- | --- |");
    line("| weights | " + Units.decimalBytes(f.weightBytesPerGpu()) + " |");
    line("| gradients | " + Units.decimalBytes(f.gradientBytesPerGpu()) + " |");
    line("| optimizer state | " + Units.decimalBytes(f.optimizerBytesPerGpu()) + " |");
    line("| activations | " + Units.decimalBytes(f.activationBytesPerGpu()) + " |");
    line("| **needed** | **" + Units.decimalBytes(f.memoryBytesPerGpu()) + "** |");
    line("| available: " + Units.decimalBytes(f.gpuMemoryBytes()) + " reported − "
        + Units.decimalBytes(f.reservedBytesPerGpu()) + " reserved | "
        + Units.decimalBytes(f.availableBytesPerGpu()) + " |");
    line();
    line(f.fitsMemory()
        ? "It fits, with " + Units.percent(f.memoryHeadroomFraction()) + " of the available"
            + " memory to spare."
        : "**It does not fit**: " + Units.decimalBytes(f.memoryBytesPerGpu()
            - f.availableBytesPerGpu()) + " per GPU too much.");
    line();
  }

  private void compute(TrainingInput input, TrainingFigures f) {
    ModelShape model = input.model();
    ReplicaSplit split = input.split();
    String peak = Units.flops(input.gpu().denseBf16FlopsPerSecond());
    String target = Units.number(input.targetStepSeconds()) + " s";
    line("### Compute");
    line();
    line("- layout: GPUs = " + split.trainingDegrees() + " = "
        + Units.count(input.gpus()) + "; tokens per step = data " + split.data() + " × "
        + Units.count(f.sequencesPerRank()) + " sequences per rank × "
        + Units.count(input.sequenceLength()) + " tokens = "
        + Units.count(input.globalBatchTokens()));
    long active = model.activeParameters();
    ShapeLines.activeParameters(model).ifPresent(this::line);
    line("- FLOPs per token = 6 × N + 12 × L × a × headDim × s / 2 (causal) = 6 × "
        + Units.count(active) + " + 12 × " + model.layers() + " × "
        + model.attentionHeads() + " × " + model.headDim() + " × "
        + Units.count(input.sequenceLength()) + " / 2 = "
        + Units.scientific(6.0 * active) + " + "
        + Units.scientific(f.attentionFlopsPerToken()) + " = "
        + Units.scientific(f.flopsPerToken()));
    line("- FLOPs per step = " + Units.scientific(f.flopsPerToken()) + " × "
        + Units.count(input.globalBatchTokens()) + " tokens = "
        + Units.scientific(f.flopsPerStep()));
    line("- step at mfu " + Units.number(input.mfu()) + " = " + Units.scientific(f.flopsPerStep())
        + " / (" + Units.count(input.gpus()) + " × " + peak + " × " + Units.number(input.mfu())
        + ") = " + Units.fixed(f.stepSeconds(), 2) + " s against the " + target + " target: "
        + (f.stepSeconds() <= input.targetStepSeconds() ? "met" : "**missed**"));
    line("- GPUs the " + target + " target needs at mfu " + Units.number(input.mfu()) + " = ⌈"
        + Units.scientific(f.flopsPerStep()) + " / (" + target + " × " + peak + " × "
        + Units.number(input.mfu()) + ")⌉ = " + Units.count(f.gpusNeeded()) + ", of "
        + Units.count(f.gpusAvailable()) + " declared");
    double attentionShare = f.attentionFlopsPerToken() / (6.0 * active);
    long withoutAttention = (long) Math.ceil(6.0 * active * input.globalBatchTokens()
        / (input.targetStepSeconds() * input.gpu().denseBf16FlopsPerSecond() * input.mfu()));
    line("- the attention term adds " + Units.percent(attentionShare) + " to 6 × N; without it"
        + " the target would take " + Units.count(withoutAttention) + " GPUs, the figure a"
        + " 6 × N × tokens estimate gives");
    line("- MFU the declared GPUs need for " + target + " = " + Units.scientific(f.flopsPerStep())
        + " / (" + target + " × " + Units.count(input.gpus()) + " × " + peak + ") = "
        + Units.percent(f.mfuNeeded()));
    line("- trained tokens per second = " + Units.count(input.globalBatchTokens()) + " / "
        + Units.fixed(f.stepSeconds(), 2) + " s = " + Units.count(Math.round(f.tokensPerSecond())));
    long modelParallel = (long) split.tensor() * split.pipeline() * split.context();
    long sequences = TrainingSizing.sequencesPerStep(input);
    OptionalLong data =
        TrainingSizing.smallestData(input, Exact.ceilDiv(f.gpusNeeded(), modelParallel));
    long multiple = TrainingSizing.dataMultiple(split);
    line("- the smallest layout that meets the target: the " + Units.count(sequences)
        + " sequences of a step must split evenly over the data-parallel ranks"
        + (multiple == 1 ? "" : ", and expert = " + split.expert()
            + " must divide data × context " + split.context())
        + ", so "
        + (data.isPresent()
            ? "data = " + Units.count(data.getAsLong()) + " (the smallest divisor of at least ⌈"
                + Units.count(f.gpusNeeded()) + " / " + modelParallel + "⌉"
                + (multiple == 1 ? "" : " that is a multiple of " + multiple) + "), "
                + Units.count(data.getAsLong() * modelParallel) + " GPUs"
            : "no data degree does; shrink the batch or raise the MFU"));
    line();
  }

  private static String trainingWhy(TrainingAnalysis job, TrainingFigures f) {
    return switch (job.binding()) {
      case STEP_TIME -> f.gpusNeeded() > f.gpusAvailable()
          ? "a step needs " + Units.count(f.gpusNeeded()) + " GPUs at the assumed MFU to meet"
              + " its target, more than the " + Units.count(f.gpusAvailable()) + " declared."
          : "compute is closer to its limit than memory: the target step needs "
              + Units.count(f.gpusNeeded()) + " of the " + Units.count(f.gpusAvailable())
              + " GPUs (" + job.margin() + "), while memory has "
              + Units.percent(f.memoryHeadroomFraction()) + " to spare.";
      case TRAINING_MEMORY -> f.fitsMemory()
          ? "memory is closer to its limit than compute: " + Units.percent(
              f.memoryHeadroomFraction()) + " of each GPU's memory is spare, while the step"
              + " time leaves " + job.margin() + "."
          : "model state and activations do not fit each GPU's memory.";
      default -> job.binding().rule() + ".";
    };
  }

  private void trainingAssumptions(TrainingInput input) {
    GpuSpec gpu = input.gpu();
    line("### Assumptions");
    line();
    line("- GPU: " + gpu.name() + ": dense BF16 " + Units.flops(gpu.denseBf16FlopsPerSecond())
        + ", " + Units.exactBytes(gpu.reportedMemoryBytes()) + " reported. Datasheet: "
        + gpu.datasheetSource() + ".");
    line("- MFU counts model FLOPs only (6 × N per token plus causal attention); recomputed"
        + " activations are work the GPUs do beyond it"
        + (input.recompute() == Recompute.FULL
            ? ", about a third more with full recompute, so the assumed MFU is harder to reach."
            : (input.recompute() == Recompute.SELECTIVE
                ? ", a few percent with selective recompute."
                : "."))
        + " Pipeline bubbles and communication that does not overlap are inside the MFU"
        + " assumption.");
    line("- Activations: Korthikanti et al.'s per-layer constants (16-bit activations, derived"
        + " for GPT's 4h MLP), the busiest pipeline stage under 1F1B; the embedding and output"
        + " layer's activations, and ZeRO-3's gathered-layer buffers, are left to the "
        + Units.number(input.reservedGbPerGpu()) + " GB reserved per GPU.");
    line("- Optimizer " + input.optimizer() + ": " + input.optimizer().bytesPerParameter()
        + " bytes per parameter. ZeRO shards over data × context ranks; tensor and pipeline"
        + " split the model first.");
    line("- Units: GB = 10^9 bytes, GiB = 2^30 bytes; FLOPs are counts, FLOP/s rates.");
    line();
  }

  /** Writes the section of one data plane. */
  void dataPlane(DataPlaneAnalysis plane) {
    DataPlaneInput input = plane.input();
    line("## " + input.name() + (input.name().equals(plane.training())
        ? " (data plane)"
        : " (data plane of " + plane.training() + ")"));
    line();
    if (plane.figures().isEmpty()) {
      line("Verdict: **fail**. Not sized: "
          + (plane.findings().isEmpty()
              ? "its training job " + plane.training() + " was not sized."
              : "its inputs are invalid:"));
      line();
      findings(plane.findings());
      return;
    }
    DataPlaneFigures f = plane.figures().get();
    line("Pre-tokenized data at " + Units.number(input.bytesPerToken()) + " bytes per token,"
        + " prefetching " + input.prefetchBatches() + " batches, "
        + (input.deterministicResume() ? "resuming deterministically" : "**not** resuming"
            + " deterministically") + ". Verdict: **" + plane.verdict().jsonName()
        + "**; binding constraint: **" + plane.binding().id() + "**.");
    line();
    line("### Input pipeline");
    line();
    line("- tokens per second = the training job's " + Units.count(Math.round(
        f.tokensPerSecond())) + " tokens/s");
    line("- read = " + Units.count(Math.round(f.tokensPerSecond())) + " tokens/s × "
        + Units.number(input.bytesPerToken()) + " bytes = " + Units.rate(f.inputBytesPerSecond())
        + " against " + Units.rate(f.storageBytesPerSecond()) + " of storage ("
        + Units.percent(f.storageUtilization()) + " used); per node of "
        + Units.count(f.nodes()) + ": " + Units.rate(f.inputBytesPerSecondPerNode()));
    line("- prefetch = " + input.prefetchBatches() + " batches × "
        + Units.count(f.tokensPerRank()) + " tokens per"
        + " rank and step × " + Units.number(input.bytesPerToken()) + " bytes = "
        + Units.exactBytes(f.prefetchBytesPerRank()) + " of host memory per data-parallel rank");
    line();
    line("### Failures and checkpoints");
    line();
    double jobMtbfHours = input.nodeMtbfHours() / f.nodes();
    line("- job MTBF = node MTBF " + Units.number(input.nodeMtbfHours()) + " h / "
        + Units.count(f.nodes()) + " nodes = " + Units.duration(jobMtbfHours * 3_600)
        + "; node failures expected: " + Units.fixed(f.nodeFailuresPerDay(), 2) + " a day"
        + (f.runSeconds() > 0
            ? ", " + Units.fixed(f.nodeFailuresPerRun(), 1) + " over a run of "
                + Units.duration(f.runSeconds())
            : " (the run's tokens are not declared, so not over the run)"));
    line("- checkpoint = the full training state, " + Units.exactBytes(f.checkpointBytes())
        + " (" + Units.decimalBytes(f.checkpointBytes()) + "), written at "
        + Units.number(input.checkpointWriteGbPerSecond()) + " GB/s in "
        + Units.duration(f.checkpointWriteSeconds()));
    line("- interval = √(2 × " + Units.fixed(f.checkpointWriteSeconds(), 1) + " s × "
        + Units.count(Math.round(jobMtbfHours * 3_600)) + " s) = "
        + Units.duration(f.checkpointIntervalSeconds()) + " (Young 1974; Daly 2006)");
    line("- time lost = write / interval + interval / (2 × MTBF) = "
        + Units.percent(f.lostFraction()) + " of the run");
    line();
    line("### Binding constraint");
    line();
    line("**" + plane.binding().id() + "**: " + switch (plane.binding()) {
      case FAILURES -> "checkpoints and rework after failures cost "
          + Units.percent(f.lostFraction()) + " of the run, more than the "
          + Units.percent(f.storageUtilization()) + " of storage bandwidth the input uses.";
      case STORAGE_BANDWIDTH -> "the input pipeline uses " + Units.percent(
          f.storageUtilization()) + " of the storage bandwidth, a larger share than the "
          + Units.percent(f.lostFraction()) + " of the run failures cost.";
      default -> plane.binding().rule() + ".";
    });
    line();
    if (!plane.findings().isEmpty()) {
      line("### Findings");
      line();
      findings(plane.findings());
    }
    line("### Assumptions");
    line();
    line("- Nodes of 8 GPUs fail independently; a failure stops the whole job until it restarts"
        + " from the last checkpoint. Restart time itself is not counted.");
    line("- The interval is Young's first-order optimum, accurate while a checkpoint write is"
        + " short against the job MTBF (Daly 2006).");
    line();
  }
}
