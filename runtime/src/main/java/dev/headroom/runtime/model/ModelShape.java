package dev.headroom.runtime.model;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.units.Exact;

/**
 * A dense decoder-only transformer, as a {@code @Model} declares it. Values are the raw
 * attribute values; {@code ModelShape} methods assume they passed {@code FleetValidation}.
 *
 * @param name display name
 * @param declaredParameters parameters as declared, a count; 0 means derive from the shape
 * @param layers transformer blocks L
 * @param hiddenSize model width d, in elements
 * @param attentionHeads query heads per layer
 * @param kvHeads key/value heads per layer
 * @param declaredHeadDim elements per head as declared; 0 means {@code hiddenSize /
 *     attentionHeads}
 * @param intermediateSize feed-forward width F, in elements
 * @param vocabSize vocabulary V, in tokens
 * @param tiedEmbeddings whether the output projection reuses the embedding
 * @param dtype the checkpoint's precision
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
    Precision dtype) {

  /** Returns the elements per attention head: the declared value, else d / heads. */
  public int headDim() {
    return declaredHeadDim != 0 ? declaredHeadDim : hiddenSize / attentionHeads;
  }

  /**
   * Returns the parameter count the shape implies for a dense SwiGLU decoder without biases:
   * {@code L·(2·d·h·hd + 2·d·kv·hd + 3·d·F + 2·d) + V·d·(tied ? 1 : 2) + d}, that is per layer
   * the Q and O projections, K and V, gate, up and down, and two RMSNorm weights; then the
   * embedding (and an untied output head) and the final norm. Source: REFERENCES.md R-P1, which
   * reproduces the Llama 3 paper's 8B, 70B and 405B counts exactly.
   */
  public long derivedParameters() {
    long d = hiddenSize;
    long hd = headDim();
    long attention =
        Exact.plus(
            Exact.times(2, Exact.times(d, Exact.times(attentionHeads, hd))),
            Exact.times(2, Exact.times(d, Exact.times(kvHeads, hd))));
    long mlp = Exact.times(3, Exact.times(d, intermediateSize));
    long perLayer = Exact.plus(Exact.plus(attention, mlp), Exact.times(2, d));
    long embeddings = Exact.times(tiedEmbeddings ? 1 : 2, Exact.times(vocabSize, d));
    return Exact.plus(Exact.plus(Exact.times(layers, perLayer), embeddings), d);
  }

  /** Returns the parameters used for sizing: the declared count if given, else the derived one. */
  public long parameters() {
    return declaredParameters == 0 ? derivedParameters() : Math.round(declaredParameters);
  }

  /**
   * Returns the KV cache bytes one token occupies across the whole model:
   * {@code 2 × L × kvHeads × headDim} elements (K and V) stored in {@code precision}.
   * Source: REFERENCES.md R-K1 (327,680 bytes for the capstone 70B in 16 bits).
   */
  public long kvBytesPerToken(Precision precision) {
    long elements = Exact.times(2, Exact.times(layers, Exact.times(kvHeads, headDim())));
    return Exact.bytes(elements, precision);
  }

  /**
   * Returns the KV cache bytes per token held by the busiest GPU of a replica split {@code
   * tensor} × {@code pipeline} ways: ⌈L / p⌉ layers, and max(1, kvHeads / t) KV heads, because
   * when t exceeds the KV heads each head is replicated rather than split.
   */
  public long kvBytesPerTokenPerGpu(Precision precision, int tensor, int pipeline) {
    long layersPerGpu = Exact.ceilDiv(layers, pipeline);
    long headsPerGpu = kvHeadsPerGpu(tensor);
    long elements = Exact.times(2, Exact.times(layersPerGpu, Exact.times(headsPerGpu, headDim())));
    return Exact.bytes(elements, precision);
  }

  /** Returns the KV heads each GPU holds at tensor degree t: max(1, kvHeads / t). */
  public int kvHeadsPerGpu(int tensor) {
    return Math.max(1, kvHeads / tensor);
  }

  /**
   * Returns how many GPUs of a tensor-parallel group hold a copy of each KV head: 1 when t ≤
   * kvHeads, else t / kvHeads.
   */
  public int kvHeadReplication(int tensor) {
    return Math.max(1, tensor / kvHeads);
  }

  /** Returns the weight bytes of {@code parameters()} stored in {@code precision}. */
  public long weightBytes(Precision precision) {
    return Exact.bytes(parameters(), precision);
  }
}
