package dev.headroom.runtime.report;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.model.Experts;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines of a fleet's doc that depend on the model's shape beyond a dense, full-attention
 * GQA decoder: the total and active parameters of a mixture of experts, how its weights split
 * over GPUs, latent attention's cache and what it saves, and sliding windows. A dense GQA model
 * on one pipeline stage gets none of them, so its doc reads as before.
 */
final class ShapeLines {
  /** The dense GQA model an MLA cache is set against: R-K2's Llama 3.1 405B. */
  private static final KnownModel GQA_REFERENCE = KnownModel.LLAMA_3_1_405B;

  private ShapeLines() {}

  /** Returns the active-parameter line of a mixture of experts, or nothing for a dense model. */
  static Optional<String> activeParameters(ModelShape model) {
    Experts experts = model.experts();
    if (!experts.present()) {
      return Optional.empty();
    }
    int moeLayers = model.layers() - model.denseMlpLayers();
    return Optional.of("- active parameters = " + Units.count(model.activeParameters()) + " of "
        + Units.count(model.parameters()) + " ("
        + Units.percent((double) model.activeParameters() / model.parameters())
        + "): each token uses " + experts.active() + " of " + experts.count() + " routed experts"
        + (experts.shared() > 0 ? " and " + experts.shared() + " shared" : "") + " in "
        + moeLayers + " mixture-of-experts layers" + (model.denseMlpLayers() > 0
            ? " (the first " + model.denseMlpLayers() + " layers are dense)"
            : "")
        + "; memory holds the total, FLOPs use the active count");
  }

  /**
   * Returns the weights-per-GPU line when it is more than weights / tensor: experts split by the
   * expert degree, or pipeline stages sized on the busiest; else empty.
   */
  static Optional<String> weightsPerGpu(FleetInput input, FleetFigures f) {
    ModelShape model = input.model();
    ReplicaSplit split = input.split();
    if (!model.experts().present() && split.pipeline() == 1) {
      return Optional.empty();
    }
    String stage = split.pipeline() == 1
        ? ""
        : "the busiest of " + split.pipeline() + " pipeline stages (embedding and output head"
            + " on theirs), ";
    if (!model.experts().present()) {
      return Optional.of("- per GPU = " + stage + "split over tensor " + split.tensor() + " = "
          + Units.decimalBytes(f.weightBytesPerGpu()));
    }
    long experts = model.expertSharePerGpu(
        f.weightBytes(), split.tensor(), split.pipeline(), split.expert());
    long perLayer = Exact.ceilDiv(model.experts().count(), split.expert());
    return Optional.of("- per GPU = " + stage + Units.decimalBytes(f.weightBytesPerGpu() - experts)
        + " of attention, dense layers, shared experts, routers and embeddings over tensor "
        + split.tensor() + " + " + Units.decimalBytes(experts) + " of routed experts ("
        + perLayer + " of " + model.experts().count() + " per layer over expert " + split.expert()
        + ", then tensor " + split.tensor() + ") = " + Units.decimalBytes(f.weightBytesPerGpu())
        + "; a replica is tensor × pipeline × expert = " + f.gpusPerReplica() + " GPUs");
  }

  /** Returns what a KV room is divided by for copies: of the latent, or of each KV head. */
  static String copies(ModelShape model) {
    return model.latentAttention() ? " copies of the latent" : " copies of each KV head";
  }

  /**
   * Returns the KV-per-token lines of latent attention: the latent and rope key per layer, and
   * the saving against a dense GQA model of similar size; empty for other attention.
   */
  static List<String> latentCache(FleetInput input, FleetFigures f) {
    ModelShape model = input.model();
    if (!model.latentAttention()) {
      return List.of();
    }
    Precision kv = input.servedKvCache();
    ModelShape gqa = KnownModels.shape(GQA_REFERENCE);
    long gqaPerToken = gqa.kvBytesPerToken(kv);
    List<String> lines = new ArrayList<>();
    lines.add("- KV per token = " + model.layers() + " layers × (" + model.latent().kvLoraRank()
        + " latent + " + model.latent().ropeHeadDim() + " rope key) × "
        + Units.number(kv.bitsPerElement() / 8) + " B per element = "
        + Units.exactBytes(f.kvBytesPerToken()) + ": latent attention caches one compressed"
        + " latent and one rope key per layer, with no K/V factor of two (DeepSeek-V2 paper,"
        + " section 2.1)");
    lines.add("- against grouped-query attention: " + gqa.name() + " ("
        + Units.count(gqa.parameters()) + " parameters, " + gqa.layers() + " layers × 2 × "
        + gqa.kvHeads() + " KV heads × " + gqa.headDim() + " × "
        + Units.number(kv.bitsPerElement() / 8) + " B) caches "
        + Units.exactBytes(gqaPerToken) + " per token at the same precision, "
        + Units.fixed((double) gqaPerToken / f.kvBytesPerToken(), 2) + "× this model's "
        + Units.exactBytes(f.kvBytesPerToken()) + ", though this model has "
        + Units.fixed((double) model.parameters() / gqa.parameters(), 2) + "× its parameters");
    lines.add("- KV per token per GPU: the latent has no heads to split, so every GPU of"
        + " tensor " + input.split().tensor() + " holds it whole, for ⌈" + model.layers() + " / "
        + input.split().pipeline() + "⌉ layers = " + Units.exactBytes(f.kvBytesPerTokenPerGpu()));
    return lines;
  }

  /** Returns the sliding-window line of a request's KV, or empty when no layer has a window. */
  static Optional<String> windowedRequest(FleetInput input, FleetFigures f) {
    ModelShape model = input.model();
    if (!model.window().present()) {
      return Optional.empty();
    }
    int windowed = model.window().layers();
    return Optional.of("- KV per request: " + (model.layers() - windowed) + " full-attention"
        + " layers hold all " + Units.count(f.tokensPerRequest()) + " tokens and " + windowed
        + " sliding-window layers at most min(" + Units.count(model.window().tokens()) + ", "
        + Units.count(f.tokensPerRequest()) + ") = " + Units.count(Math.min(
            model.window().tokens(), f.tokensPerRequest())) + ": " + Units.decimalBytes(
                f.kvBytesPerRequest()) + "; per GPU " + Units.decimalBytes(
                    f.kvBytesPerRequestPerGpu()));
  }

  /**
   * Returns the decode step's weight term: the weights per GPU, or for a mixture of experts the
   * dense part plus the touched share of the routed experts.
   */
  static String decodeWeights(FleetInput input, FleetFigures f, long batch) {
    ModelShape model = input.model();
    if (!model.experts().present()) {
      return Units.decimalBytes(f.weightBytesPerGpu()) + " weights";
    }
    ReplicaSplit split = input.split();
    long experts = model.expertSharePerGpu(
        f.weightBytes(), split.tensor(), split.pipeline(), split.expert());
    return Units.decimalBytes(f.weightBytesPerGpu() - experts) + " dense weights + "
        + Units.percent(FleetSizing.expertsTouched(model, batch)) + " of "
        + Units.decimalBytes(experts) + " experts";
  }

  /**
   * Returns the line explaining the share of experts a decode step reads, or empty for a dense
   * model.
   */
  static Optional<String> expertsTouched(FleetInput input, long batch) {
    ModelShape model = input.model();
    if (!model.experts().present()) {
      return Optional.empty();
    }
    Experts experts = model.experts();
    return Optional.of("- experts a step reads = 1 − (1 − " + experts.active() + " / "
        + experts.count() + ")^" + Units.count(batch) + " = "
        + Units.percent(FleetSizing.expertsTouched(model, batch)) + " of each GPU's routed"
        + " experts: the batch's tokens each pick " + experts.active() + " experts, assumed"
        + " uniformly (a skewed router touches fewer); the KV read is each attention group's "
        + "batch / expert " + input.split().expert());
  }
}
