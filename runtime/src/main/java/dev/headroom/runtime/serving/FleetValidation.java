package dev.headroom.runtime.serving;

import static dev.headroom.runtime.report.Anchor.BASELINE;
import static dev.headroom.runtime.report.Anchor.FLEET;
import static dev.headroom.runtime.report.Anchor.MODEL;
import static dev.headroom.runtime.report.Anchor.PARALLELISM;
import static dev.headroom.runtime.report.Anchor.SLO;
import static dev.headroom.runtime.report.Anchor.WORKLOAD;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a fleet's inputs before any arithmetic: every count positive, every rate finite and
 * positive, head counts divisible as the shape and the tensor-parallel split require. Errors
 * stop the sizing; warnings ({@code parameters-mismatch}, {@code not-modelled}) do not.
 */
public final class FleetValidation {
  /** The largest parameter count accepted: 10^15, far beyond any model built. */
  static final double MAX_PARAMETERS = 1e15;

  /** The most layers accepted; the largest published dense models have about 130. */
  static final int MAX_LAYERS = 10_000;

  /** The widest hidden, feed-forward or head size accepted, in elements. */
  static final int MAX_WIDTH = 1_000_000;

  /** The most attention or KV heads accepted per layer. */
  static final int MAX_HEADS = 100_000;

  /** The largest vocabulary accepted, in tokens. */
  static final int MAX_VOCABULARY = 100_000_000;

  /** The longest prompt or output accepted, in tokens: 100 times today's longest contexts. */
  static final int MAX_TOKENS = 100_000_000;

  /** The highest arrival rate accepted, in requests per second. */
  static final double MAX_RATE = 1e9;

  /** The longest latency target accepted, in milliseconds: one hour. */
  static final double MAX_MILLIS = 3_600_000;

  /** The lowest prefill efficiency accepted: 1% of peak FLOP/s. */
  static final double MIN_EFFICIENCY = 0.01;

  /** A declared parameter count more than this fraction off the derived one is suspicious. */
  static final double PARAMETERS_TOLERANCE = 0.10;

  private final List<Finding> findings = new ArrayList<>();

  private FleetValidation() {}

  /** Returns every finding about the inputs of {@code input}, errors first as declared. */
  public static List<Finding> check(FleetInput input) {
    FleetValidation validation = new FleetValidation();
    validation.checkModel(input.model());
    validation.checkWorkload(input.traffic());
    validation.checkSlo(input.slo());
    validation.checkFleet(input);
    if (!validation.hasErrors()) {
      validation.checkSplit(input.model(), input.split());
    }
    if (!validation.hasErrors()) {
      validation.checkParameters(input.model());
    }
    return List.copyOf(validation.findings);
  }

  /**
   * Returns the errors in a {@code @Baseline}'s values: each is 0 (unchanged) or within the
   * range the fleet's own attribute accepts.
   */
  public static List<Finding> checkBaseline(BaselineChanges baseline) {
    FleetValidation validation = new FleetValidation();
    validation.unchangedOr("tensor", baseline.tensor(), MAX_HEADS);
    validation.unchangedOr("promptTokens", baseline.promptTokens(), MAX_TOKENS);
    validation.unchangedOr("outputTokens", baseline.outputTokens(), MAX_TOKENS);
    double rate = baseline.requestsPerSecond();
    if (!Double.isFinite(rate) || rate < 0 || rate > MAX_RATE) {
      validation.outOfRange(BASELINE, "requestsPerSecond", String.valueOf(rate),
          "0 for unchanged, or a rate up to " + Units.number(MAX_RATE),
          "write the baseline's arrival rate");
    }
    return List.copyOf(validation.findings);
  }

  private void unchangedOr(String member, long value, long max) {
    if (value < 0 || value > max) {
      outOfRange(BASELINE, member, Units.count(value),
          "0 for unchanged, or the baseline's value up to " + Units.count(max),
          "write the value the baseline had");
    }
  }

  private void checkModel(ModelShape model) {
    count(MODEL, "layers", model.layers(), MAX_LAYERS, "num_hidden_layers");
    count(MODEL, "hiddenSize", model.hiddenSize(), MAX_WIDTH, "hidden_size");
    count(MODEL, "attentionHeads", model.attentionHeads(), MAX_HEADS, "num_attention_heads");
    count(MODEL, "kvHeads", model.kvHeads(), MAX_HEADS, "num_key_value_heads");
    count(MODEL, "intermediateSize", model.intermediateSize(), MAX_WIDTH, "intermediate_size");
    count(MODEL, "vocabSize", model.vocabSize(), MAX_VOCABULARY, "vocab_size");
    if (model.declaredHeadDim() > MAX_WIDTH) {
      outOfRange(MODEL, "headDim", Units.count(model.declaredHeadDim()),
          "at most " + Units.count(MAX_WIDTH), "set head_dim from the model's config.json");
    }
    if (model.declaredHeadDim() < 0) {
      outOfRange(MODEL, "headDim", Units.count(model.declaredHeadDim()),
          "a positive count, or 0 to use hiddenSize / attentionHeads",
          "set head_dim from the model's config.json, or remove it");
    }
    double parameters = model.declaredParameters();
    if (!Double.isFinite(parameters) || parameters < 0 || parameters > MAX_PARAMETERS) {
      outOfRange(MODEL, "parameters", String.valueOf(parameters),
          "a finite count between 1 and 1e15, or 0 to derive it from the shape",
          "write the count, e.g. 70e9, or remove it");
    } else if (parameters > 0 && parameters < 1) {
      outOfRange(MODEL, "parameters", String.valueOf(parameters),
          "a count of at least 1, or 0 to derive it from the shape",
          "write the count in parameters, e.g. 70e9 rather than 70");
    }
    if (model.dtype() == Precision.INHERIT) {
      outOfRange(MODEL, "dtype", "INHERIT", "a storage format: a checkpoint has its own precision",
          "use the torch_dtype of the model's config.json, e.g. Precision.BF16");
    }
    if (model.attentionHeads() <= 0 || model.kvHeads() <= 0 || model.hiddenSize() <= 0) {
      return;
    }
    if (model.kvHeads() > model.attentionHeads()
        || model.attentionHeads() % model.kvHeads() != 0) {
      findings.add(Diagnostic.HEADS_DIVISIBLE.at(Subject.of(MODEL, "kvHeads"),
          "kvHeads = " + model.kvHeads(),
          "attentionHeads = " + model.attentionHeads() + " must be a whole multiple of kvHeads,"
              + " since each KV head serves an equal group of query heads",
          "use num_key_value_heads from the model's config.json"
              + " (equal to attentionHeads for MHA, 1 for MQA)"));
    }
    if (model.declaredHeadDim() == 0 && model.hiddenSize() % model.attentionHeads() != 0) {
      findings.add(Diagnostic.HEADS_DIVISIBLE.at(Subject.of(MODEL, "attentionHeads"),
          "attentionHeads = " + model.attentionHeads(),
          "hiddenSize = " + Units.count(model.hiddenSize()) + " is not a whole multiple of it,"
              + " so headDim cannot default to hiddenSize / attentionHeads",
          "give headDim explicitly (head_dim in config.json), or correct attentionHeads"));
    }
  }

  private void checkWorkload(Traffic traffic) {
    rate(WORKLOAD, "requestsPerSecond", traffic.requestsPerSecond(), MAX_RATE,
        "the peak arrival rate, e.g. 500");
    count(WORKLOAD, "promptTokens", traffic.promptTokens(), MAX_TOKENS,
        "the average prompt length");
    count(WORKLOAD, "outputTokens", traffic.outputTokens(), MAX_TOKENS,
        "the average output length");
  }

  private void checkSlo(LatencySlo slo) {
    rate(SLO, "ttftMillis", slo.ttftMillis(), MAX_MILLIS,
        "the time-to-first-token target, e.g. 1000");
    rate(SLO, "tpotMillis", slo.tpotMillis(), MAX_MILLIS,
        "the time-per-output-token target, e.g. 50");
  }

  private void checkFleet(FleetInput input) {
    if (input.gpus() <= 0) {
      outOfRange(FLEET, "gpus", Units.count(input.gpus()), "a positive count of GPUs",
          "set the GPUs this fleet may use");
    }
    double reserved = input.reservedGbPerGpu();
    long memory = input.gpu().reportedMemoryBytes();
    if (!Double.isFinite(reserved) || reserved < 0 || reserved * 1e9 >= memory) {
      outOfRange(FLEET, "reservedGbPerGpu", String.valueOf(reserved),
          "at least 0 and below the " + Units.decimalBytes(memory) + " the GPU reports",
          "keep the default 5.0 unless the serving engine's own log says otherwise");
    }
    boolean fourBit = input.servedWeights().bitsPerElement() < 8;
    if (fourBit && input.kvCache() == Precision.INHERIT) {
      findings.add(Diagnostic.KV_PRECISION.at(Subject.of(FLEET, "weights"),
          input.servedWeights(), input.servedWeights(),
          Units.number(input.servedWeights().bitsPerElement())));
    }
    double efficiency = input.prefillEfficiency();
    if (!Double.isFinite(efficiency) || efficiency < MIN_EFFICIENCY || efficiency > 1) {
      outOfRange(FLEET, "prefillEfficiency", String.valueOf(efficiency),
          "a fraction from " + Units.number(MIN_EFFICIENCY) + " to 1",
          "keep the default 0.40 unless prefill has been measured");
    }
  }

  private void checkSplit(ModelShape model, ReplicaSplit split) {
    positive(PARALLELISM, "tensor", split.tensor(), "the tensor-parallel degree, e.g. 4");
    positive(PARALLELISM, "pipeline", split.pipeline(), "the pipeline-parallel degree, e.g. 1");
    positive(PARALLELISM, "expert", split.expert(), "1 for a dense model");
    positive(PARALLELISM, "data", split.data(), "1 for serving");
    positive(PARALLELISM, "context", split.context(), "1 unless sequences are split");
    if (hasErrors()) {
      return;
    }
    int tensor = split.tensor();
    if (model.attentionHeads() % tensor != 0) {
      findings.add(Diagnostic.HEADS_DIVISIBLE.at(Subject.of(PARALLELISM, "tensor"),
          "tensor = " + tensor,
          "attentionHeads = " + model.attentionHeads() + " cannot be split evenly across "
              + tensor + " GPUs",
          "use a tensor-parallel degree that divides " + model.attentionHeads()
              + ", such as " + largestDivisorAtMost(model.attentionHeads(), tensor)));
    } else if (model.kvHeads() % tensor != 0 && tensor % model.kvHeads() != 0) {
      findings.add(Diagnostic.HEADS_DIVISIBLE.at(Subject.of(PARALLELISM, "tensor"),
          "tensor = " + tensor,
          "kvHeads = " + model.kvHeads() + " must divide evenly across the GPUs, or each GPU"
              + " must hold whole replicated copies (tensor a multiple of kvHeads)",
          "use a divisor or a multiple of " + model.kvHeads()));
    }
    if (split.pipeline() > model.layers()) {
      outOfRange(PARALLELISM, "pipeline", Units.count(split.pipeline()),
          "at most the model's " + model.layers() + " layers",
          "use fewer pipeline stages");
    }
    if (split.expert() > 1) {
      outOfRange(PARALLELISM, "expert", Units.count(split.expert()),
          "1, because the model is dense and has no experts to split",
          "remove expert, or describe the model's experts");
    }
    if (split.context() > 1) {
      findings.add(Diagnostic.NOT_MODELLED.at(Subject.of(PARALLELISM, "context"),
          "context", Units.count(split.context()),
          "a replica is sized as tensor × pipeline GPUs"));
    }
    if (split.data() > 1) {
      findings.add(Diagnostic.NOT_MODELLED.at(Subject.of(PARALLELISM, "data"),
          "data", Units.count(split.data()),
          "a serving fleet's replica count is computed from its workload, not declared"));
    }
  }

  private void checkParameters(ModelShape model) {
    if (model.declaredParameters() == 0) {
      return;
    }
    long declared = model.parameters();
    long derived = model.derivedParameters();
    double apart = Math.abs((double) declared - derived) / derived;
    if (apart > PARAMETERS_TOLERANCE) {
      findings.add(Diagnostic.PARAMETERS_MISMATCH.at(Subject.of(MODEL, "parameters"),
          Units.count(declared), Units.count(derived), Units.percent(apart),
          "correct the shape or the count, or remove parameters to use the derived count"));
    }
  }

  private boolean hasErrors() {
    return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
  }

  private void count(Anchor anchor, String member, long value, long max, String hint) {
    if (value > max) {
      outOfRange(anchor, member, Units.count(value), "at most " + Units.count(max)
          + ", beyond any model or workload built", "set it to " + hint);
    } else {
      positive(anchor, member, value, hint);
    }
  }

  private void positive(Anchor anchor, String member, long value, String hint) {
    if (value <= 0) {
      outOfRange(anchor, member, Units.count(value), "a positive count", "set it to " + hint);
    }
  }

  private void rate(Anchor anchor, String member, double value, double max, String hint) {
    if (!Double.isFinite(value) || value <= 0) {
      outOfRange(anchor, member, String.valueOf(value), "a finite number above 0",
          "set it to " + hint);
    } else if (value > max) {
      outOfRange(anchor, member, Units.number(value), "at most " + Units.number(max)
          + ", beyond any service built", "set it to " + hint);
    }
  }

  private void outOfRange(Anchor anchor, String member, String value, String rule, String fix) {
    findings.add(Diagnostic.INPUT_RANGE.at(Subject.of(anchor, member), member, value, rule, fix));
  }

  private static int largestDivisorAtMost(int number, int limit) {
    for (int candidate = Math.min(number, limit); candidate > 1; candidate--) {
      if (number % candidate == 0) {
        return candidate;
      }
    }
    return 1;
  }
}
