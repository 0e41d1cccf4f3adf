package dev.headroom.runtime.validation;

import static dev.headroom.runtime.report.Anchor.MODEL;
import static dev.headroom.runtime.report.Anchor.PARALLELISM;

import dev.headroom.annotations.Attention;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.model.Experts;
import dev.headroom.runtime.model.LatentAttention;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.model.SlidingWindow;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the findings about one stage's inputs before any arithmetic: the range checks every
 * stage shares (positive counts, finite rates, fractions) and the checks of a model's shape and
 * of how its heads and layers split across GPUs. Each stage's validation adds its own.
 */
public final class InputChecks {
  /** The largest parameter count accepted: 10^15, far beyond any model built. */
  public static final double MAX_PARAMETERS = 1e15;

  /** The most layers accepted; the largest published dense models have about 130. */
  public static final int MAX_LAYERS = 10_000;

  /** The widest hidden, feed-forward or head size accepted, in elements. */
  public static final int MAX_WIDTH = 1_000_000;

  /** The most attention or KV heads accepted per layer, and the highest parallel degree. */
  public static final int MAX_HEADS = 100_000;

  /** The largest vocabulary accepted, in tokens. */
  public static final int MAX_VOCABULARY = 100_000_000;

  /** The highest GPU price accepted, in dollars per GPU-hour: far above any list price. */
  public static final double MAX_DOLLARS_PER_GPU_HOUR = 1_000;

  /** The longest prompt, output or sequence accepted, in tokens: 100 times today's longest. */
  public static final int MAX_TOKENS = 100_000_000;

  /** A declared parameter count more than this fraction off the derived one is suspicious. */
  static final double PARAMETERS_TOLERANCE = 0.10;

  private final List<Finding> findings = new ArrayList<>();

  /** Returns the findings so far, in the order they were found. */
  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  /** Returns whether any finding so far is an error. */
  public boolean hasErrors() {
    return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
  }

  /** Adds a finding a stage's own rules produced. */
  public void add(Finding finding) {
    findings.add(finding);
  }

  /**
   * Checks a model's shape: every dimension a positive count within range, the declared
   * parameters finite and sensible, a real dtype, and heads that group evenly.
   */
  public void model(ModelShape model) {
    model(model, MODEL);
  }

  /** Checks a model's shape as {@link #model(ModelShape)} does, on the annotation {@code at}. */
  public void model(ModelShape model, Anchor at) {
    count(at, "layers", model.layers(), MAX_LAYERS, "num_hidden_layers");
    count(at, "hiddenSize", model.hiddenSize(), MAX_WIDTH, "hidden_size");
    count(at, "attentionHeads", model.attentionHeads(), MAX_HEADS, "num_attention_heads");
    count(at, "kvHeads", model.kvHeads(), MAX_HEADS, "num_key_value_heads");
    count(at, "intermediateSize", model.intermediateSize(), MAX_WIDTH, "intermediate_size");
    count(at, "vocabSize", model.vocabSize(), MAX_VOCABULARY, "vocab_size");
    if (model.declaredHeadDim() > MAX_WIDTH) {
      outOfRange(at, "headDim", Units.count(model.declaredHeadDim()),
          "at most " + Units.count(MAX_WIDTH), "set head_dim from the model's config.json");
    }
    if (model.declaredHeadDim() < 0) {
      outOfRange(at, "headDim", Units.count(model.declaredHeadDim()),
          "a positive count, or 0 to use hiddenSize / attentionHeads",
          "set head_dim from the model's config.json, or remove it");
    }
    double parameters = model.declaredParameters();
    if (!Double.isFinite(parameters) || parameters < 0 || parameters > MAX_PARAMETERS) {
      outOfRange(at, "parameters", String.valueOf(parameters),
          "a finite count between 1 and 1e15, or 0 to derive it from the shape",
          "write the count, e.g. 70e9, or remove it");
    } else if (parameters > 0 && parameters < 1) {
      outOfRange(at, "parameters", String.valueOf(parameters),
          "a count of at least 1, or 0 to derive it from the shape",
          "write the count in parameters, e.g. 70e9 rather than 70");
    }
    experts(model, at);
    latentAttention(model, at);
    slidingWindow(model, at);
    if (model.dtype() == Precision.INHERIT) {
      outOfRange(at, "dtype", "INHERIT", "a storage format: a checkpoint has its own precision",
          "use the torch_dtype of the model's config.json, e.g. Precision.BF16");
    }
    if (model.attentionHeads() <= 0 || model.kvHeads() <= 0 || model.hiddenSize() <= 0) {
      return;
    }
    if (model.kvHeads() > model.attentionHeads()
        || model.attentionHeads() % model.kvHeads() != 0) {
      findings.add(Diagnostic.HEADS_DIVISIBLE.at(Subject.of(at, "kvHeads"),
          "kvHeads = " + model.kvHeads(),
          "attentionHeads = " + model.attentionHeads() + " must be a whole multiple of kvHeads,"
              + " since each KV head serves an equal group of query heads",
          "use num_key_value_heads from the model's config.json"
              + " (equal to attentionHeads for MHA, 1 for MQA)"));
    }
    if (model.declaredHeadDim() == 0 && model.hiddenSize() % model.attentionHeads() != 0) {
      findings.add(Diagnostic.HEADS_DIVISIBLE.at(Subject.of(at, "attentionHeads"),
          "attentionHeads = " + model.attentionHeads(),
          "hiddenSize = " + Units.count(model.hiddenSize()) + " is not a whole multiple of it,"
              + " so headDim cannot default to hiddenSize / attentionHeads",
          "give headDim explicitly (head_dim in config.json), or correct attentionHeads"));
    }
  }

  /**
   * Checks a mixture of experts' counts: with experts, 1 to E active, and fewer dense layers
   * than layers; without, none of the counts only experts have.
   */
  private void experts(ModelShape model, Anchor at) {
    Experts experts = model.experts();
    if (experts.count() < 0 || experts.count() > MAX_HEADS) {
      outOfRange(at, "experts", Units.count(experts.count()),
          "0 for a dense model, or a count up to " + Units.count(MAX_HEADS),
          "set n_routed_experts (num_local_experts) from the model's config.json");
      return;
    }
    if (!experts.present()) {
      onlyWith(at, "experts", "activeExperts", experts.active());
      onlyWith(at, "experts", "sharedExperts", experts.shared());
      onlyWith(at, "experts", "expertIntermediateSize", experts.declaredIntermediateSize());
      onlyWith(at, "experts", "denseLayers", experts.denseLayers());
      return;
    }
    if (experts.active() < 1 || experts.active() > experts.count()) {
      outOfRange(at, "activeExperts", Units.count(experts.active()),
          "from 1 to the model's " + Units.count(experts.count()) + " experts",
          "set num_experts_per_tok from the model's config.json");
    }
    if (experts.shared() < 0 || experts.shared() > MAX_HEADS) {
      outOfRange(at, "sharedExperts", Units.count(experts.shared()),
          "0 or a count up to " + Units.count(MAX_HEADS), "set n_shared_experts, or remove it");
    }
    if (experts.declaredIntermediateSize() < 0 || experts.declaredIntermediateSize() > MAX_WIDTH) {
      outOfRange(at, "expertIntermediateSize", Units.count(experts.declaredIntermediateSize()),
          "a width up to " + Units.count(MAX_WIDTH) + ", or 0 for intermediateSize",
          "set moe_intermediate_size from the model's config.json");
    }
    if (model.layers() > 0
        && (experts.denseLayers() < 0 || experts.denseLayers() >= model.layers())) {
      outOfRange(at, "denseLayers", Units.count(experts.denseLayers()),
          "from 0 to " + Units.count(model.layers() - 1L) + ", fewer than the "
              + model.layers() + " layers, or the model has no experts",
          "set first_k_dense_replace from the model's config.json");
    }
  }

  /**
   * Checks latent attention's widths and a declared attention kind against the head counts:
   * MLA needs kvLoraRank and ropeHeadDim; MHA has kvHeads = attentionHeads, MQA kvHeads = 1,
   * GQA fewer KV heads than query heads.
   */
  private void latentAttention(ModelShape model, Anchor at) {
    LatentAttention latent = model.latent();
    widthOrZero(at, "kvLoraRank", latent.kvLoraRank(), "kv_lora_rank");
    widthOrZero(at, "ropeHeadDim", latent.ropeHeadDim(), "qk_rope_head_dim");
    widthOrZero(at, "qLoraRank", latent.qLoraRank(), "q_lora_rank");
    widthOrZero(at, "qkNopeHeadDim", latent.declaredQkNopeHeadDim(), "qk_nope_head_dim");
    widthOrZero(at, "vHeadDim", latent.declaredVHeadDim(), "v_head_dim");
    Attention kind = model.attention();
    boolean mla = kind == Attention.MLA || (kind == Attention.DERIVED && latent.declared());
    if (mla) {
      if (latent.kvLoraRank() == 0) {
        outOfRange(at, "kvLoraRank", "0", "a positive width for latent attention (MLA)",
            "set kv_lora_rank from the model's config.json");
      }
      if (latent.ropeHeadDim() == 0) {
        outOfRange(at, "ropeHeadDim", "0", "a positive width for latent attention (MLA)",
            "set qk_rope_head_dim from the model's config.json");
      }
      return;
    }
    if (latent.declared()) {
      outOfRange(at, "attention", kind.name(),
          "MLA (or DERIVED) when latent-attention widths such as kvLoraRank are given",
          "set attention = Attention.MLA, or remove the latent-attention widths");
    }
    int heads = model.attentionHeads();
    int kv = model.kvHeads();
    boolean agrees = switch (kind) {
      case MHA -> kv == heads;
      case MQA -> kv == 1;
      case GQA -> kv < heads;
      default -> true;
    };
    if (!agrees && heads > 0 && kv > 0) {
      findings.add(Diagnostic.ATTENTION_KIND.at(Subject.of(at, "attention"),
          "attention = " + kind + " does not match kvHeads = " + kv + " with attentionHeads = "
              + heads + " (MHA: equal; MQA: kvHeads 1; GQA: fewer KV heads than query heads)",
          "correct kvHeads or attention, or leave attention DERIVED"));
    }
  }

  /** Checks a sliding window: both the window and its layers, or neither. */
  private void slidingWindow(ModelShape model, Anchor at) {
    SlidingWindow window = model.window();
    if (window.tokens() < 0 || window.tokens() > MAX_TOKENS) {
      outOfRange(at, "slidingWindow", Units.count(window.tokens()),
          "0 for none, or a window up to " + Units.count(MAX_TOKENS) + " tokens",
          "set sliding_window from the model's config.json");
    }
    if (window.layers() < 0 || (model.layers() > 0 && window.layers() > model.layers())) {
      outOfRange(at, "slidingWindowLayers", Units.count(window.layers()),
          "from 0 to the model's " + Units.count(model.layers()) + " layers",
          "count the layers layer_types marks sliding_attention");
    } else if (window.tokens() > 0 && window.layers() == 0) {
      outOfRange(at, "slidingWindowLayers", "0",
          "a positive count of layers when slidingWindow is set",
          "count the layers layer_types marks sliding_attention");
    } else if (window.tokens() == 0 && window.layers() > 0) {
      outOfRange(at, "slidingWindow", "0", "a positive window when slidingWindowLayers is set",
          "set sliding_window from the model's config.json");
    }
  }

  private void onlyWith(Anchor at, String needed, String member, int value) {
    if (value != 0) {
      outOfRange(at, member, Units.count(value), "0, because the model has no " + needed,
          "set " + needed + " too, or remove " + member);
    }
  }

  private void widthOrZero(Anchor at, String member, int value, String key) {
    if (value < 0 || value > MAX_WIDTH) {
      outOfRange(at, member, Units.count(value),
          "0, or a width up to " + Units.count(MAX_WIDTH), "set " + key + " from config.json");
    }
  }

  /**
   * Checks the expert degree of a training layout: as {@link #expertSplit}, and dividing the d
   * × c data and context ranks, from which expert parallelism takes its ranks (Megatron-Core's
   * MoE parallel folding: expert × expert-data = data × context, each expert split by tensor).
   */
  public void expertsOverData(ModelShape model, ReplicaSplit split, Anchor at) {
    expertSplit(model, split.expert(), at);
    long ranks = (long) split.data() * split.context();
    if (model.experts().present() && !split.expertDividesDataRanks()) {
      findings.add(Diagnostic.LAYOUT.at(Subject.of(at, "expert"), "expert = " + split.expert()
          + " does not divide data " + split.data() + " × context " + split.context() + " = "
          + Units.count(ranks) + " ranks, from which expert parallelism takes its ranks",
          "use an expert degree that divides " + Units.count(ranks)));
    }
  }

  /**
   * Checks an expert-parallel degree e against the model: 1 for a dense model, at most E
   * experts, and a warning when E is not a multiple of e, since the busiest GPU then holds ⌈E /
   * e⌉ experts per layer.
   */
  public void expertSplit(ModelShape model, int expert, Anchor at) {
    Experts experts = model.experts();
    if (!experts.present()) {
      if (expert > 1) {
        outOfRange(at, "expert", Units.count(expert),
            "1, because the model is dense and has no experts to split",
            "remove expert, or describe the model's experts");
      }
      return;
    }
    if (expert > experts.count()) {
      outOfRange(at, "expert", Units.count(expert),
          "at most the model's " + Units.count(experts.count()) + " experts",
          "use an expert-parallel degree that divides " + experts.count());
    } else if (experts.count() % expert != 0) {
      findings.add(Diagnostic.UNEVEN_EXPERTS.at(Subject.of(at, "expert"),
          Units.count(experts.count()), Units.count(expert),
          Units.count(Exact.ceilDiv(experts.count(), expert)),
          largestDivisorAtMost(experts.count(), expert)));
    }
  }

  /**
   * Checks that {@code tensor} splits the attention heads evenly and either splits or whole-
   * replicates the KV heads, and that there are no more pipeline stages than layers.
   */
  public void modelSplit(ModelShape model, int tensor, int pipeline) {
    modelSplit(model, tensor, pipeline, PARALLELISM);
  }

  /** Checks a split as {@link #modelSplit(ModelShape, int, int)} does, on {@code at}. */
  public void modelSplit(ModelShape model, int tensor, int pipeline, Anchor at) {
    if (model.attentionHeads() % tensor != 0) {
      findings.add(Diagnostic.HEADS_DIVISIBLE.at(Subject.of(at, "tensor"),
          "tensor = " + tensor,
          "attentionHeads = " + model.attentionHeads() + " cannot be split evenly across "
              + tensor + " GPUs",
          "use a tensor-parallel degree that divides " + model.attentionHeads()
              + ", such as " + largestDivisorAtMost(model.attentionHeads(), tensor)));
    } else if (model.kvHeads() % tensor != 0 && tensor % model.kvHeads() != 0) {
      findings.add(Diagnostic.HEADS_DIVISIBLE.at(Subject.of(at, "tensor"),
          "tensor = " + tensor,
          "kvHeads = " + model.kvHeads() + " must divide evenly across the GPUs, or each GPU"
              + " must hold whole replicated copies (tensor a multiple of kvHeads)",
          "use a divisor or a multiple of " + model.kvHeads()));
    }
    if (pipeline > model.layers()) {
      outOfRange(at, "pipeline", Units.count(pipeline),
          "at most the model's " + model.layers() + " layers",
          "use fewer pipeline stages");
    }
  }

  /**
   * Warns when a declared parameter count is more than 10% away from the count the shape
   * implies (R-P1's formula), which suggests a typo.
   */
  public void parameters(ModelShape model) {
    parameters(model, MODEL);
  }

  /** Warns as {@link #parameters(ModelShape)} does, on the {@code @Model} at {@code at}. */
  public void parameters(ModelShape model, Anchor at) {
    long derived;
    try {
      derived = model.derivedParameters();
    } catch (ArithmeticException overflow) {
      derived = Long.MAX_VALUE;
    }
    if (model.declaredParameters() == 0 && derived > MAX_PARAMETERS) {
      outOfRange(at, "parameters", (derived == Long.MAX_VALUE ? "more than " : "")
          + Units.count(derived) + ", as derived from the shape,", "at most "
          + Units.count((long) MAX_PARAMETERS) + ", beyond any model built",
          "check the shape's widths and counts against the model's config.json");
      return;
    }
    if (model.declaredParameters() == 0) {
      return;
    }
    long declared = model.parameters();
    double apart = Math.abs((double) declared - derived) / derived;
    if (apart > PARAMETERS_TOLERANCE) {
      findings.add(Diagnostic.PARAMETERS_MISMATCH.at(Subject.of(at, "parameters"),
          Units.count(declared), Units.count(derived), Units.percent(apart),
          "correct the shape or the count, or remove parameters to use the derived count"));
    }
  }

  /** Checks a count that must be positive and at most {@code max}. */
  public void count(Anchor anchor, String member, long value, long max, String hint) {
    if (value > max) {
      outOfRange(anchor, member, Units.count(value), "at most " + Units.count(max)
          + ", beyond any model or workload built", "set it to " + hint);
    } else {
      positive(anchor, member, value, hint);
    }
  }

  /** Checks a count that must be positive. */
  public void positive(Anchor anchor, String member, long value, String hint) {
    if (value <= 0) {
      outOfRange(anchor, member, Units.count(value), "a positive count", "set it to " + hint);
    }
  }

  /** Checks a rate or duration that must be finite, above 0 and at most {@code max}. */
  public void rate(Anchor anchor, String member, double value, double max, String hint) {
    if (!Double.isFinite(value) || value <= 0) {
      outOfRange(anchor, member, String.valueOf(value), "a finite number above 0",
          "set it to " + hint);
    } else if (value > max) {
      outOfRange(anchor, member, Units.number(value), "at most " + Units.number(max)
          + ", beyond any system built", "set it to " + hint);
    }
  }

  /** Checks a rate that must be finite and within [min, max]. */
  public void between(
      Anchor anchor, String member, double value, double min, double max, String hint) {
    if (Double.isFinite(value) && value > 0 && value < min) {
      outOfRange(anchor, member, String.valueOf(value), "at least " + Units.number(min)
          + ", the least any real system offers", "set it to " + hint);
    } else {
      rate(anchor, member, value, max, hint);
    }
  }

  /** Checks a fraction that must lie in [min, 1]. */
  public void fraction(Anchor anchor, String member, double value, double min, String fix) {
    if (!Double.isFinite(value) || value < min || value > 1) {
      outOfRange(anchor, member, String.valueOf(value),
          "a fraction from " + Units.number(min) + " to 1", fix);
    }
  }

  /**
   * Checks memory kept out of sizing, in GB: at least 0 and below the {@code memoryBytes} the
   * GPU reports.
   */
  public void reservedGb(Anchor anchor, double reservedGb, long memoryBytes, String fix) {
    if (!Double.isFinite(reservedGb) || reservedGb < 0 || reservedGb * 1e9 >= memoryBytes) {
      outOfRange(anchor, "reservedGbPerGpu", String.valueOf(reservedGb),
          "at least 0 and below the " + Units.decimalBytes(memoryBytes) + " the GPU reports",
          fix);
    }
  }

  /** Adds an {@code input-range} error on {@code member}. */
  public void outOfRange(Anchor anchor, String member, String value, String rule, String fix) {
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
