package dev.headroom.runtime.model;

import dev.headroom.annotations.Attention;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.units.Exact;

/**
 * A decoder-only transformer, as a {@code @Model} declares it: dense or a mixture of experts,
 * with multi-head, grouped-query, multi-query or latent attention, and optionally sliding-window
 * layers. Values are the raw attribute values (a preset's filled in); {@code ModelShape}
 * methods assume they passed {@code InputChecks}.
 *
 * <p>Total parameters decide memory; active parameters (what one token uses) decide FLOPs
 * (REFERENCES.md R-P2).
 *
 * @param name display name
 * @param declaredParameters parameters as declared, a count; 0 means derive from the shape
 * @param layers transformer blocks L
 * @param hiddenSize model width d, in elements
 * @param attentionHeads query heads per layer
 * @param kvHeads key/value heads per layer
 * @param declaredHeadDim elements per head as declared; 0 means {@code hiddenSize /
 *     attentionHeads}
 * @param intermediateSize feed-forward width F of a dense layer, in elements
 * @param vocabSize vocabulary V, in tokens
 * @param tiedEmbeddings whether the output projection reuses the embedding
 * @param dtype the checkpoint's precision
 * @param experts the routed and shared experts; {@link Experts#NONE} for a dense model
 * @param attention the attention kind as declared; {@code DERIVED} reads it from the shape
 * @param latent latent attention's widths; {@link LatentAttention#NONE} when not used
 * @param window the sliding window; {@link SlidingWindow#NONE} when every layer sees all
 */
public record ModelShape(
    String name,
    double declaredParameters,
    int layers,
    int hiddenSize,
    int attentionHeads,
    int kvHeads,
    int declaredHeadDim,
    int intermediateSize,
    int vocabSize,
    boolean tiedEmbeddings,
    Precision dtype,
    Experts experts,
    Attention attention,
    LatentAttention latent,
    SlidingWindow window) {

  /** Returns a dense model with full attention of the kind its head counts give. */
  public ModelShape(
      String name,
      double declaredParameters,
      int layers,
      int hiddenSize,
      int attentionHeads,
      int kvHeads,
      int declaredHeadDim,
      int intermediateSize,
      int vocabSize,
      boolean tiedEmbeddings,
      Precision dtype) {
    this(name, declaredParameters, layers, hiddenSize, attentionHeads, kvHeads, declaredHeadDim,
        intermediateSize, vocabSize, tiedEmbeddings, dtype, Experts.NONE, Attention.DERIVED,
        LatentAttention.NONE, SlidingWindow.NONE);
  }

  /** Returns the elements per attention head: the declared value, else d / heads. */
  public int headDim() {
    return declaredHeadDim != 0 ? declaredHeadDim : hiddenSize / attentionHeads;
  }

  /**
   * Returns the attention kind: the declared one, else MLA when a latent rank is given, MHA
   * when kvHeads = attentionHeads, MQA when kvHeads = 1, and GQA otherwise.
   */
  public Attention attentionKind() {
    if (attention != Attention.DERIVED) {
      return attention;
    }
    if (latent.kvLoraRank() > 0) {
      return Attention.MLA;
    }
    if (kvHeads == attentionHeads) {
      return Attention.MHA;
    }
    return kvHeads == 1 ? Attention.MQA : Attention.GQA;
  }

  /** Returns whether the KV cache holds a compressed latent (MLA) instead of K and V heads. */
  public boolean latentAttention() {
    return attentionKind() == Attention.MLA;
  }

  /** Returns the feed-forward width of one expert: the declared one, else F. */
  public int expertIntermediateSize() {
    return experts.declaredIntermediateSize() != 0
        ? experts.declaredIntermediateSize()
        : intermediateSize;
  }

  /** Returns the layers with a dense MLP: all of them for a dense model. */
  public int denseMlpLayers() {
    return experts.present() ? experts.denseLayers() : layers;
  }

  /**
   * Returns the attention parameters of one layer. GQA, MQA and MHA: Q and O of d × heads ×
   * headDim, K and V of d × kvHeads × headDim (REFERENCES.md R-P1). MLA, as DeepSeek-V3's
   * {@code modeling_deepseek.py} builds it: the query's down projection d × qLoraRank, its
   * RMSNorm and up projection qLoraRank × heads × (nope + rope) (or d × heads × (nope + rope)
   * without query compression); the joint KV down projection d × (kvLoraRank + rope), its
   * RMSNorm and up projection kvLoraRank × heads × (nope + v); and the output heads × v × d.
   */
  public long attentionParametersPerLayer() {
    long d = hiddenSize;
    long heads = attentionHeads;
    if (!latentAttention()) {
      long hd = headDim();
      return Exact.plus(
          Exact.times(2, Exact.times(d, Exact.times(heads, hd))),
          Exact.times(2, Exact.times(d, Exact.times(kvHeads, hd))));
    }
    long rope = latent.ropeHeadDim();
    long rank = latent.kvLoraRank();
    long queryWidth = Exact.times(heads, Exact.plus(qkNopeHeadDim(), rope));
    long query = latent.qLoraRank() > 0
        ? Exact.plus(Exact.times(latent.qLoraRank(), Exact.plus(d, queryWidth)),
            latent.qLoraRank())
        : Exact.times(d, queryWidth);
    long keyValue = Exact.plus(Exact.plus(Exact.times(d, Exact.plus(rank, rope)), rank),
        Exact.times(rank, Exact.times(heads, Exact.plus(qkNopeHeadDim(), vHeadDim()))));
    long output = Exact.times(Exact.times(heads, vHeadDim()), d);
    return Exact.plus(Exact.plus(query, keyValue), output);
  }

  /** Returns latent attention's per-head query/key width without rope: declared, else headDim. */
  public int qkNopeHeadDim() {
    return latent.declaredQkNopeHeadDim() != 0 ? latent.declaredQkNopeHeadDim() : headDim();
  }

  /** Returns latent attention's per-head value width: declared, else headDim. */
  public int vHeadDim() {
    return latent.declaredVHeadDim() != 0 ? latent.declaredVHeadDim() : headDim();
  }

  /** Returns the parameters of one SwiGLU MLP of width {@code width}: gate, up, down, 3·d·F. */
  private long mlpParameters(long width) {
    return Exact.times(3, Exact.times(hiddenSize, width));
  }

  /** Returns the parameters of one routed expert: a SwiGLU MLP of the expert width. */
  public long parametersPerExpert() {
    return mlpParameters(expertIntermediateSize());
  }

  /** Returns a dense layer's parameters: attention, the MLP, two RMSNorm weights. */
  private long denseLayerParameters() {
    return Exact.plus(Exact.plus(attentionParametersPerLayer(), mlpParameters(intermediateSize)),
        Exact.times(2, hiddenSize));
  }

  /**
   * Returns a mixture-of-experts layer's parameters other than its routed experts: attention,
   * the shared experts, the router (experts × d) and two RMSNorm weights.
   */
  private long moeLayerParametersBesideRouted() {
    long shared = Exact.times(experts.shared(), parametersPerExpert());
    long router = Exact.times(experts.count(), hiddenSize);
    return Exact.plus(Exact.plus(Exact.plus(attentionParametersPerLayer(), shared), router),
        Exact.times(2, hiddenSize));
  }

  /** Returns the input embedding's parameters, V × d. */
  public long embeddingParameters() {
    return Exact.times(vocabSize, hiddenSize);
  }

  /**
   * Returns the parameter count the shape implies, for a SwiGLU decoder without biases: the
   * dense layers, the mixture-of-experts layers (all routed experts counted), the embedding and,
   * when untied, the output head (V·d once when tied, twice when not), and the final norm.
   * Dense: {@code L·(2·d·h·hd + 2·d·kv·hd + 3·d·F + 2·d) + V·d·(tied ? 1 : 2) + d},
   * which reproduces the Llama 3 paper's 8B, 70B and 405B counts exactly (REFERENCES.md R-P1);
   * mixtures of experts: Mixtral 8x7B's 46.70B and DeepSeek-V3's 671.03B (R-P2).
   */
  public long derivedParameters() {
    return parametersUsing(experts.count());
  }

  /**
   * Returns the parameters one token uses, derived from the shape: as {@link
   * #derivedParameters()} with {@code activeExperts} routed experts per layer in place of all
   * of them (the shared experts and the router always run). The embedding and the output head
   * count as DeepSeek counts them: DeepSeek-V3's 37.55B active (REFERENCES.md R-P2) includes
   * both; OpenAI's 5.1B for gpt-oss-120b leaves out the input embedding.
   */
  public long derivedActiveParameters() {
    return parametersUsing(experts.active());
  }

  private long parametersUsing(int routedExperts) {
    long dense = Exact.times(denseMlpLayers(), denseLayerParameters());
    long moeLayers = layers - denseMlpLayers();
    long moe = Exact.times(moeLayers, Exact.plus(moeLayerParametersBesideRouted(),
        Exact.times(routedExperts, parametersPerExpert())));
    long embeddings = Exact.times(tiedEmbeddings ? 1 : 2, embeddingParameters());
    return Exact.plus(Exact.plus(Exact.plus(dense, moe), embeddings), hiddenSize);
  }

  /** Returns the parameters used for sizing: the declared count if given, else the derived one. */
  public long parameters() {
    return declaredParameters == 0 ? derivedParameters() : Math.round(declaredParameters);
  }

  /**
   * Returns the parameters one token uses, for FLOPs and the weight bytes a single token reads:
   * all of them for a dense model; for a mixture of experts the derived active count, scaled by
   * declared / derived total when {@code parameters} is declared. The FLOPs 2 × active per token
   * include the output head whether or not it is tied.
   */
  public long activeParameters() {
    if (!experts.present()) {
      return parameters();
    }
    return declaredParameters == 0
        ? derivedActiveParameters()
        : Exact.ceilMulDiv(parameters(), derivedActiveParameters(), derivedParameters());
  }
  /**
   * Returns the part of {@link #activeParameters()} in routed experts: the mixture-of-experts
   * layers × activeExperts × parameters per expert, scaled to a declared count as the active
   * count is; 0 for a dense model. Under expert parallelism these FLOPs spread over every GPU of
   * a replica, the rest stay on the attention group that holds the tokens.
   */
  public long routedActiveParameters() {
    if (!experts.present()) {
      return 0;
    }
    long derived = Exact.times(layers - denseMlpLayers(),
        Exact.times(experts.active(), parametersPerExpert()));
    return declaredParameters == 0
        ? derived
        : Exact.ceilMulDiv(parameters(), derived, derivedParameters());
  }


  /**
   * Returns the derived parameters of the busiest pipeline stage's GPUs before the tensor split:
   * the dense part (attention, dense MLPs, shared experts, routers, norms, and the embedding on
   * the first stage, the output head and final norm on the last: the head is a copy of the
   * embedding on its own stage when tied and p > 1) and the routed experts one GPU holds, ⌈E /
   * e⌉ per mixture-of-experts layer. Stages take contiguous layers, the first L mod p stages
   * one more than the rest; the stage with the most parameters per GPU is the busiest.
   */
  public StageShare busiestStage(int pipeline, int expertDegree) {
    long base = layers / pipeline;
    long extra = layers % pipeline;
    long expertsPerGpu = experts.present() ? Exact.ceilDiv(experts.count(), expertDegree) : 0;
    StageShare busiest = new StageShare(0, 0);
    long start = 0;
    for (int stage = 0; stage < pipeline; stage++) {
      long end = start + base + (stage < extra ? 1 : 0);
      long denseLayers = Math.max(0, Math.min(end, denseMlpLayers()) - start);
      long moeLayers = end - start - denseLayers;
      long dense = Exact.plus(Exact.times(denseLayers, denseLayerParameters()),
          Exact.times(moeLayers, moeLayerParametersBesideRouted()));
      if (stage == 0) {
        dense = Exact.plus(dense, embeddingParameters());
      }
      if (stage == pipeline - 1) {
        boolean headCopy = !tiedEmbeddings || pipeline > 1;
        dense = Exact.plus(dense, Exact.plus(headCopy ? embeddingParameters() : 0, hiddenSize));
      }
      long routed = Exact.times(moeLayers, Exact.times(expertsPerGpu, parametersPerExpert()));
      StageShare share = new StageShare(dense, routed);
      if (share.total() > busiest.total()) {
        busiest = share;
      }
      start = end;
    }
    return busiest;
  }

  /**
   * Returns the share of {@code whole} (the model's parameters, or its weight bytes) one GPU of
   * the busiest stage holds, split t × p × e ways:
   * ⌈whole × dense / (derived × t)⌉ + ⌈whole × routed / (derived × t)⌉, with dense and
   * routed from {@link #busiestStage}: tensor parallelism splits every matrix, expert
   * parallelism only the routed experts (DESIGN.md: divided by tensor × pipeline, × expert for
   * experts). One stage, no experts: ⌈whole / t⌉.
   */
  public long sharePerGpu(long whole, int tensor, int pipeline, int expertDegree) {
    StageShare stage = busiestStage(pipeline, expertDegree);
    long denominator = Exact.times(derivedParameters(), tensor);
    return Exact.plus(Exact.ceilMulDiv(whole, stage.denseParameters(), denominator),
        expertSharePerGpu(whole, tensor, pipeline, expertDegree));
  }

  /** Returns the routed experts' part of {@link #sharePerGpu}: ⌈whole × routed / (N × t)⌉. */
  public long expertSharePerGpu(long whole, int tensor, int pipeline, int expertDegree) {
    StageShare stage = busiestStage(pipeline, expertDegree);
    return Exact.ceilMulDiv(whole, stage.routedParameters(),
        Exact.times(derivedParameters(), tensor));
  }

  /**
   * Returns the KV elements one layer stores per token on one GPU at tensor degree t: MLA's
   * latent plus rope key, kvLoraRank + ropeHeadDim, replicated whole on every GPU of the
   * tensor group because it has no heads to split (LMSYS, "SGLang v0.4", December 2024: "MLA
   * only has one KV head ... tensor parallelism duplicates the KV cache"); otherwise K and V of
   * max(1, kvHeads / t) heads, 2 × heads × headDim.
   */
  public long kvElementsPerLayer(int tensor) {
    if (latentAttention()) {
      return (long) latent.kvLoraRank() + latent.ropeHeadDim();
    }
    return Exact.times(2, Exact.times(kvHeadsPerGpu(tensor), headDim()));
  }

  /**
   * Returns the KV cache bytes one token occupies across the whole model when every layer sees
   * it (a context no longer than the sliding window, or none): L × 2 × kvHeads × headDim
   * elements (K and V), or L × (kvLoraRank + ropeHeadDim) for MLA, with no K/V factor of two,
   * stored in {@code precision}. Sources: REFERENCES.md R-K1 (327,680 bytes for the capstone
   * 70B in 16 bits), R-K4 (61 × (512 + 64) × 2 = 70,272 bytes for DeepSeek-V3).
   */
  public long kvBytesPerToken(Precision precision) {
    return Exact.bytes(Exact.times(layers, kvElementsPerLayer(1)), precision);
  }

  /**
   * Returns the KV cache bytes per token held by the busiest GPU of a replica split {@code
   * tensor} × {@code pipeline} ways when every layer sees the token: ⌈L / p⌉ layers of {@link
   * #kvElementsPerLayer}.
   */
  public long kvBytesPerTokenPerGpu(Precision precision, int tensor, int pipeline) {
    long layersPerGpu = Exact.ceilDiv(layers, pipeline);
    return Exact.bytes(Exact.times(layersPerGpu, kvElementsPerLayer(tensor)), precision);
  }

  /**
   * Returns the KV cache bytes a context of {@code tokens} tokens holds across the whole model:
   * full-attention layers hold every token, sliding-window layers min(window, tokens) of them
   * (Beltagy et al. 2020, Longformer; Mistral 7B's rolling buffer cache). Without windows,
   * {@code kvBytesPerToken × tokens}.
   */
  public long kvBytes(Precision precision, long tokens) {
    return kvBytesPerGpu(precision, 1, 1, tokens);
  }

  /**
   * Returns the KV cache bytes a context of {@code tokens} tokens holds on the busiest GPU of a
   * replica: its ⌈L / p⌉ layers, of which as many as possible are full-attention layers (the
   * busiest case when windowed and full layers are not spread evenly), each full layer holding
   * every token and each windowed layer min(window, tokens).
   */
  public long kvBytesPerGpu(Precision precision, int tensor, int pipeline, long tokens) {
    long stageLayers = Exact.ceilDiv(layers, pipeline);
    long fullLayers = Math.min(stageLayers, (long) layers - window.layers());
    long windowedLayers = stageLayers - fullLayers;
    long perLayer = kvElementsPerLayer(tensor);
    long full = Exact.times(Exact.bytes(Exact.times(fullLayers, perLayer), precision), tokens);
    if (windowedLayers == 0) {
      return full;
    }
    long windowed = Exact.bytes(Exact.times(windowedLayers, perLayer), precision);
    return Exact.plus(full, Exact.times(windowed, Math.min(window.tokens(), tokens)));
  }

  /** Returns the KV heads each GPU holds at tensor degree t: max(1, kvHeads / t). */
  public int kvHeadsPerGpu(int tensor) {
    return Math.max(1, kvHeads / tensor);
  }

  /**
   * Returns how many GPUs of a tensor-parallel group hold a copy of each KV entry: t for MLA,
   * whose latent is replicated; else 1 when t ≤ kvHeads, and t / kvHeads beyond.
   */
  public int kvHeadReplication(int tensor) {
    return latentAttention() ? tensor : Math.max(1, tensor / kvHeads);
  }

  /** Returns the weight bytes of {@code parameters()} stored in {@code precision}. */
  public long weightBytes(Precision precision) {
    return Exact.bytes(parameters(), precision);
  }

  /**
   * The derived parameters one GPU group of a pipeline stage holds before the tensor split.
   *
   * @param denseParameters everything but routed experts, a count
   * @param routedParameters the routed experts one expert-parallel rank holds, a count
   */
  public record StageShare(long denseParameters, long routedParameters) {
    /** Returns dense + routed, a count. */
    public long total() {
      return denseParameters + routedParameters;
    }
  }
}
