package dev.headroom.runtime.training;

import static dev.headroom.runtime.report.Anchor.DATA_PLANE;
import static dev.headroom.runtime.report.Anchor.PARALLELISM;
import static dev.headroom.runtime.report.Anchor.TRAINING;

import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import dev.headroom.runtime.validation.InputChecks;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a training job's and a data plane's inputs before any arithmetic: ranges first, then
 * the layout (degrees that multiply to the GPUs and divide the heads, sequence and batch; a
 * warning when stages hold unequal layers), then the MFU assumption. Errors stop the sizing;
 * warnings do not.
 */
public final class TrainingValidation {
  /** The most tokens accepted in one optimizer step: 10^12, far beyond any batch used. */
  static final long MAX_BATCH_TOKENS = 1_000_000_000_000L;

  /** The shortest target step accepted, in seconds: one millisecond. */
  static final double MIN_STEP_SECONDS = 0.001;

  /** The longest target step accepted, in seconds: one day. */
  static final double MAX_STEP_SECONDS = 86_400;

  /** The most tokens accepted for a whole run: 10^16, far beyond any corpus. */
  static final double MAX_TRAINING_TOKENS = 1e16;

  /** The lowest MFU accepted as an input: 1% of peak. */
  static final double MIN_MFU = 0.01;

  /** Below this MFU some collective is probably not overlapping (CAPSTONE.md, stage 2). */
  public static final double LOW_MFU = 0.40;

  /** Above this MFU the assumption is optimistic: large published runs report 38% to 55%. */
  public static final double HIGH_MFU = 0.60;

  /** The largest storage or checkpoint bandwidth accepted, in GB/s. */
  static final double MAX_GB_PER_SECOND = 1e6;

  /** The slowest storage or checkpoint bandwidth accepted, in GB/s: one kB/s. */
  static final double MIN_GB_PER_SECOND = 1e-6;

  /** The shortest node MTBF accepted, in hours: a node that fails every hour. */
  static final double MIN_MTBF_HOURS = 1;

  /** The longest node MTBF accepted, in hours: over a thousand years. */
  static final double MAX_MTBF_HOURS = 1e7;

  /** The most bytes per stored token accepted. */
  static final double MAX_BYTES_PER_TOKEN = 1e6;

  /** The most batches read ahead accepted. */
  static final int MAX_PREFETCH = 1_000;

  private final InputChecks checks = new InputChecks();

  private TrainingValidation() {}

  /** Returns every finding about the inputs of {@code input}, errors first as declared. */
  public static List<Finding> check(TrainingInput input) {
    TrainingValidation validation = new TrainingValidation();
    InputChecks checks = validation.checks;
    checks.model(input.model());
    validation.checkTraining(input);
    validation.checkDegrees(input.model(), input.split());
    if (!checks.hasErrors()) {
      checks.modelSplit(input.model(), input.split().tensor(), input.split().pipeline());
    }
    if (!checks.hasErrors()) {
      validation.checkLayout(input);
    }
    if (!checks.hasErrors()) {
      checks.parameters(input.model());
      validation.checkMfu(input.mfu());
    }
    return checks.findings();
  }

  /** Returns every finding about the inputs of a data plane. */
  public static List<Finding> check(DataPlaneInput input) {
    InputChecks checks = new InputChecks();
    checks.rate(DATA_PLANE, "bytesPerToken", input.bytesPerToken(), MAX_BYTES_PER_TOKEN,
        "the bytes of one stored token, e.g. 4 for 32-bit token ids");
    checks.between(DATA_PLANE, "storageReadGbPerSecond", input.storageReadGbPerSecond(),
        MIN_GB_PER_SECOND, MAX_GB_PER_SECOND,
        "the read bandwidth storage sustains for this job, in GB/s");
    checks.count(DATA_PLANE, "prefetchBatches", input.prefetchBatches(), MAX_PREFETCH,
        "2 for double buffering");
    checks.between(DATA_PLANE, "nodeMtbfHours", input.nodeMtbfHours(), MIN_MTBF_HOURS,
        MAX_MTBF_HOURS, "the mean time between failures of one node, in hours");
    checks.between(DATA_PLANE, "checkpointWriteGbPerSecond",
        input.checkpointWriteGbPerSecond(), MIN_GB_PER_SECOND, MAX_GB_PER_SECOND,
        "the write bandwidth checkpoints get, in GB/s");
    return checks.findings();
  }

  private void checkTraining(TrainingInput input) {
    checks.positive(TRAINING, "gpus", input.gpus(), "the GPUs the job uses");
    if (input.globalBatchTokens() > MAX_BATCH_TOKENS || input.globalBatchTokens() <= 0) {
      checks.outOfRange(TRAINING, "globalBatchTokens", Units.count(input.globalBatchTokens()),
          "a positive count up to " + Units.count(MAX_BATCH_TOKENS),
          "set the tokens of one optimizer step, e.g. 4_194_304");
    }
    checks.count(TRAINING, "sequenceLength", input.sequenceLength(), InputChecks.MAX_TOKENS,
        "the tokens of one training sequence, e.g. 8192");
    checks.count(TRAINING, "microBatchSequences", input.microBatchSequences(),
        InputChecks.MAX_TOKENS, "the sequences of one micro-batch, e.g. 1");
    checks.rate(TRAINING, "targetStepSeconds", input.targetStepSeconds(), MAX_STEP_SECONDS,
        "the step time the plan needs, e.g. 2.0");
    if (input.targetStepSeconds() > 0 && input.targetStepSeconds() < MIN_STEP_SECONDS) {
      checks.outOfRange(TRAINING, "targetStepSeconds", Units.number(input.targetStepSeconds()),
          "at least " + Units.number(MIN_STEP_SECONDS) + " s, the shortest step any job takes",
          "set the step time the plan needs, e.g. 2.0");
    }
    checks.fraction(TRAINING, "mfu", input.mfu(), MIN_MFU,
        "keep the default 0.40 unless this job's MFU has been measured");
    checks.reservedGb(TRAINING, input.reservedGbPerGpu(), input.gpu().reportedMemoryBytes(),
        "keep the default 5.0 unless a profile of the job says otherwise");
    double tokens = input.trainingTokens();
    if (!Double.isFinite(tokens) || tokens < 0 || tokens > MAX_TRAINING_TOKENS) {
      checks.outOfRange(TRAINING, "trainingTokens", String.valueOf(tokens),
          "0 (not declared) or a count up to 1e16",
          "write the tokens the run trains on, e.g. 1e12");
    }
  }

  private void checkDegrees(ModelShape model, ReplicaSplit split) {
    int max = InputChecks.MAX_HEADS;
    checks.count(PARALLELISM, "tensor", split.tensor(), max, "the tensor-parallel degree, e.g. 8");
    checks.count(PARALLELISM, "pipeline", split.pipeline(), max, "the pipeline degree, e.g. 1");
    checks.count(PARALLELISM, "expert", split.expert(), max, "1 for a dense model");
    checks.count(PARALLELISM, "data", split.data(), max, "the data-parallel degree");
    checks.count(PARALLELISM, "context", split.context(), max, "1 unless sequences are split");
    if (!checks.hasErrors()) {
      checks.expertsOverData(model, split, PARALLELISM);
    }
  }

  /**
   * Checks that the degrees multiply to the GPUs and divide the sequence and the batch, and
   * warns when the layers do not split evenly into pipeline stages: GPUs = t × p × d × c, and
   * tokens per step = d × sequences per rank × sequence length with whole micro-batches
   * (REFERENCES.md R-F2, Llama 3 405B: 8,192 = 8 × 16 × 64).
   */
  private void checkLayout(TrainingInput input) {
    ReplicaSplit split = input.split();
    BigInteger modelParallel = BigInteger.valueOf(split.tensor())
        .multiply(BigInteger.valueOf(split.pipeline()))
        .multiply(BigInteger.valueOf(split.context()));
    BigInteger product = modelParallel.multiply(BigInteger.valueOf(split.data()));
    if (!product.equals(BigInteger.valueOf(input.gpus()))) {
      BigInteger[] data = BigInteger.valueOf(input.gpus()).divideAndRemainder(modelParallel);
      boolean fits = product.bitLength() < Integer.SIZE;
      String fix = (fits ? "set gpus = " + Units.count(product.longValue()) : "use fewer ranks")
          + (data[1].signum() == 0 && data[0].signum() > 0
              && splitsTheBatch(input, data[0].longValue())
              && data[0].longValue() % TrainingSizing.dataMultiple(split) == 0
              ? ", or data = " + Units.count(data[0].longValue()) + " to use "
                  + Units.count(input.gpus()) + " GPUs"
              : "");
      layout(Subject.of(TRAINING, "gpus"), "tensor " + split.tensor() + " × pipeline "
          + split.pipeline() + " × data " + split.data() + " × context " + split.context()
          + " = " + String.format(Locale.ROOT, "%,d", product) + " GPUs, but gpus = "
          + Units.count(input.gpus()), fix);
    }
    int layers = input.model().layers();
    if (layers % split.pipeline() != 0) {
      checks.add(Diagnostic.UNEVEN_PIPELINE.at(Subject.of(PARALLELISM, "pipeline"),
          "pipeline = " + split.pipeline() + " does not divide the model's " + layers
              + " layers: the busiest stage carries " + Exact.ceilDiv(layers, split.pipeline())
              + " while the average is " + Units.fixed((double) layers / split.pipeline(), 2)
              + ", and every other stage waits for it",
          "use a divisor of " + layers + ", such as " + divisorsNear(layers, split.pipeline())
              + ", or balance the stages by hand as Llama 3 405B does (126 layers on 16 stages,"
              + " one fewer on the first and last)"));
    }
    if (input.sequenceLength() % split.context() != 0) {
      layout(Subject.of(PARALLELISM, "context"), "context = " + split.context()
          + " does not divide sequenceLength = " + Units.count(input.sequenceLength()),
          "use a context degree that divides the sequence length");
    }
    long tokensPerRankStep = (long) split.data() * input.sequenceLength();
    if (input.globalBatchTokens() % tokensPerRankStep != 0) {
      long below = input.globalBatchTokens() / tokensPerRankStep * tokensPerRankStep;
      String fix = "use a multiple of data × sequenceLength = " + Units.count(tokensPerRankStep)
          + (below > 0 ? ", e.g. " + Units.count(below) + " or " : ", e.g. ")
          + Units.count(below + tokensPerRankStep);
      layout(Subject.of(TRAINING, "globalBatchTokens"), "globalBatchTokens = "
          + Units.count(input.globalBatchTokens()) + " is not a whole number of sequences per"
          + " data-parallel rank: " + Units.count(input.globalBatchTokens()) + " / (data "
          + split.data() + " × sequenceLength " + Units.count(input.sequenceLength()) + ") = "
          + Units.fixed((double) input.globalBatchTokens() / tokensPerRankStep, 2), fix);
      return;
    }
    long sequences = input.globalBatchTokens() / tokensPerRankStep;
    if (sequences % input.microBatchSequences() != 0) {
      layout(Subject.of(TRAINING, "microBatchSequences"), "microBatchSequences = "
          + input.microBatchSequences() + " does not divide the " + Units.count(sequences)
          + " sequences each data-parallel rank trains on per step",
          "use a divisor of " + Units.count(sequences) + ", e.g. 1");
    }
  }

  /** Returns whether {@code data} ranks each get a whole number of micro-batches per step. */
  private static boolean splitsTheBatch(TrainingInput input, long data) {
    long tokensPerRank = data * input.sequenceLength();
    return input.globalBatchTokens() % tokensPerRank == 0
        && (input.globalBatchTokens() / tokensPerRank) % input.microBatchSequences() == 0;
  }

  private void checkMfu(double mfu) {
    if (mfu < LOW_MFU) {
      checks.add(Diagnostic.MFU_ASSUMPTION.at(Subject.of(TRAINING, "mfu"), Units.number(mfu),
          "is below " + Units.percent(LOW_MFU) + ": a job planned this low probably has a"
              + " collective (the gradient reduce-scatter, a tensor-parallel all-reduce) that does"
              + " not overlap with compute",
          "find and overlap that communication, then plan at 0.40; or keep the assumption and"
              + " the GPUs it costs"));
    } else if (mfu > HIGH_MFU) {
      checks.add(Diagnostic.MFU_ASSUMPTION.at(Subject.of(TRAINING, "mfu"), Units.number(mfu),
          "is above " + Units.percent(HIGH_MFU) + ", more than large published runs achieve"
              + " (Llama 3 405B 43% on H100, PaLM 540B 46.2% on TPU v4)",
          "plan at 0.40 to 0.50 unless this job has measured more"));
    }
  }

  private void layout(Subject subject, String problem, String fix) {
    checks.add(Diagnostic.LAYOUT.at(subject, problem, fix));
  }

  /** Returns the divisors of {@code number} nearest {@code degree}, e.g. {@code 2 or 4}. */
  private static String divisorsNear(int number, int degree) {
    List<Integer> below = new ArrayList<>();
    for (int candidate = degree - 1; candidate >= 1 && below.isEmpty(); candidate--) {
      if (number % candidate == 0) {
        below.add(candidate);
      }
    }
    for (int candidate = degree + 1; candidate <= number; candidate++) {
      if (number % candidate == 0) {
        below.add(candidate);
        break;
      }
    }
    return below.stream().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("1");
  }
}
