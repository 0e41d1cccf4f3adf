package dev.headroom.runtime.serving;

import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.StageInput;

/**
 * Everything a serving fleet is sized from: the raw values of its {@code @Fleet} and of the
 * {@code @Model}, {@code @Workload}, {@code @Slo} and {@code @Parallelism} it uses.
 *
 * @param name the stage name (the fleet type's simple name)
 * @param model the model served
 * @param traffic the workload
 * @param slo the latency targets
 * @param gpu the catalogue entry of the GPU
 * @param gpus the GPU budget, a count
 * @param split how a replica is split
 * @param weights precision the weights are served in; {@code INHERIT} means the model's dtype
 * @param kvCache precision of the KV cache; {@code INHERIT} means the weights' precision
 * @param reservedGbPerGpu memory per GPU kept out of the KV cache, in GB (10^9 bytes)
 * @param kvSizing tokens reserved per request
 * @param prefillEfficiency fraction of peak FLOP/s prefill achieves
 * @param prefillGpus GPUs of a disaggregated prefill pool, counted in {@code gpus}; 0 for none
 * @param prefillSplit how one prefill replica is split
 */
public record FleetInput(
    String name,
    ModelShape model,
    Traffic traffic,
    LatencySlo slo,
    GpuSpec gpu,
    int gpus,
    ReplicaSplit split,
    Precision weights,
    Precision kvCache,
    double reservedGbPerGpu,
    KvSizing kvSizing,
    double prefillEfficiency,
    int prefillGpus,
    ReplicaSplit prefillSplit) implements StageInput {

  /** Returns a fleet that prefills on its decode replicas: no prefill pool. */
  public FleetInput(
      String name,
      ModelShape model,
      Traffic traffic,
      LatencySlo slo,
      GpuSpec gpu,
      int gpus,
      ReplicaSplit split,
      Precision weights,
      Precision kvCache,
      double reservedGbPerGpu,
      KvSizing kvSizing,
      double prefillEfficiency) {
    this(name, model, traffic, slo, gpu, gpus, split, weights, kvCache, reservedGbPerGpu,
        kvSizing, prefillEfficiency, 0, ReplicaSplit.single());
  }

  /** Returns whether prompts prefill on a pool of their own. */
  public boolean disaggregated() {
    return prefillGpus > 0;
  }

  /** Returns the precision the weights are actually served in. */
  public Precision servedWeights() {
    return weights == Precision.INHERIT ? model.dtype() : weights;
  }

  /**
   * Returns the precision the KV cache is actually stored in: the declared one, else the
   * weights'. A checkpoint published in fewer than 16 bits and served as published (DeepSeek-V3
   * in FP8) still computes attention in BF16, and serving engines keep its KV cache there unless
   * told otherwise (vLLM's kv_cache_dtype "auto" follows the activations' dtype), so its KV
   * cache inherits BF16.
   */
  public Precision servedKvCache() {
    if (kvCache != Precision.INHERIT) {
      return kvCache;
    }
    boolean narrowCheckpoint = weights == Precision.INHERIT
        && model.dtype().bitsPerElement() < Precision.BF16.bitsPerElement();
    return narrowCheckpoint ? Precision.BF16 : servedWeights();
  }

  /** Returns this input with other weight and KV precisions. */
  public FleetInput withPrecisions(Precision newWeights, Precision newKvCache) {
    return new FleetInput(
        name, model, traffic, slo, gpu, gpus, split, newWeights, newKvCache, reservedGbPerGpu,
        kvSizing, prefillEfficiency, prefillGpus, prefillSplit);
  }

  /** Returns this input with another workload. */
  public FleetInput withTraffic(Traffic newTraffic) {
    return new FleetInput(
        name, model, newTraffic, slo, gpu, gpus, split, weights, kvCache, reservedGbPerGpu,
        kvSizing, prefillEfficiency, prefillGpus, prefillSplit);
  }

  /** Returns this input with another replica split. */
  public FleetInput withSplit(ReplicaSplit newSplit) {
    return new FleetInput(
        name, model, traffic, slo, gpu, gpus, newSplit, weights, kvCache, reservedGbPerGpu,
        kvSizing, prefillEfficiency, prefillGpus, prefillSplit);
  }

  /** Returns this input with another GPU catalogue entry. */
  public FleetInput withGpu(GpuSpec newGpu) {
    return new FleetInput(
        name, model, traffic, slo, newGpu, gpus, split, weights, kvCache, reservedGbPerGpu,
        kvSizing, prefillEfficiency, prefillGpus, prefillSplit);
  }

  /** Returns this input with another prefill pool: {@code newGpus} of 0 for none. */
  public FleetInput withPrefill(int newGpus, ReplicaSplit newSplit) {
    return new FleetInput(
        name, model, traffic, slo, gpu, gpus, split, weights, kvCache, reservedGbPerGpu,
        kvSizing, prefillEfficiency, newGpus, newSplit);
  }

  /** Returns this input with another KV sizing rule. */
  public FleetInput withKvSizing(KvSizing newKvSizing) {
    return new FleetInput(
        name, model, traffic, slo, gpu, gpus, split, weights, kvCache, reservedGbPerGpu,
        newKvSizing, prefillEfficiency, prefillGpus, prefillSplit);
  }
}
