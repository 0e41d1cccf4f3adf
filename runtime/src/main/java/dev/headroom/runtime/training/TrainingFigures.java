package dev.headroom.runtime.training;

import dev.headroom.runtime.report.StageFigures;

/**
 * The figures of a sized training job. Bytes and counts are exact; FLOPs are doubles, since a
 * large step exceeds a {@code long}. N is the parameter count, t, p, d and c the tensor,
 * pipeline, data and context degrees, s the sequence length, b the micro-batch in sequences,
 * h the hidden size, a the attention heads and L the layers.
 *
 * @param parameters N, the parameters trained: declared, or derived from the shape
 * @param activeParameters the parameters one token uses, which its FLOPs follow: N for a dense
 *     model; the dense part plus the active and shared experts for a mixture of experts
 * @param stateBytes the full training state: N × optimizer bytes per parameter (16 for
 *     mixed-precision AdamW), in bytes
 * @param parametersPerGpu N_gpu, the parameters of one GPU's tensor share of the busiest
 *     pipeline stage before ZeRO sharding: ⌈N × ⌈L / p⌉ / (L × t)⌉
 * @param weightBytesPerGpu working weights on one GPU: N_gpu × weight bytes, divided by d × c
 *     under ZeRO-3
 * @param gradientBytesPerGpu gradients on one GPU: N_gpu × gradient bytes, divided by d × c
 *     under ZeRO-2 and -3
 * @param optimizerBytesPerGpu optimizer state on one GPU: N_gpu × optimizer bytes, divided by
 *     d × c under ZeRO-1 to -3
 * @param stateBytesPerGpu the three parts together, in bytes
 * @param activationBytesPerLayer activations one layer stores for one micro-batch, in bytes
 *     (Korthikanti et al. 2022, Table 2, sequence parallel when t > 1): s·b·(34·h + 5·a·s) / t
 *     with nothing recomputed, 34·s·b·h / t with selective recompute, 2·s·b·h with full; s is
 *     the sequence length over c
 * @param layersPerStage layers on the busiest pipeline stage: ⌈L / p⌉
 * @param microBatchesInFlight micro-batches whose activations the first stage holds under 1F1B
 *     scheduling: min(p, micro-batches per step)
 * @param activationBytesPerGpu activationBytesPerLayer × layersPerStage × microBatchesInFlight
 * @param memoryBytesPerGpu what training needs per GPU: stateBytesPerGpu + activationBytesPerGpu
 * @param gpuMemoryBytes the memory the GPU reports to software, in bytes
 * @param reservedBytesPerGpu memory kept out for context, buffers and fragmentation, in bytes
 * @param availableBytesPerGpu gpuMemoryBytes − reservedBytesPerGpu
 * @param sequencesPerRank sequences each data-parallel rank trains on per step: global batch
 *     tokens / (d × s)
 * @param microBatches micro-batches per step on each rank: sequencesPerRank / b
 * @param flopsPerToken model FLOPs per trained token: 6 × N plus attentionFlopsPerToken
 * @param attentionFlopsPerToken the attention term: 12 × L × a × headDim × s / 2, PaLM's
 *     (Chowdhery et al. 2022, Appendix B) halved for causal attention
 * @param flopsPerStep flopsPerToken × global batch tokens
 * @param stepSeconds one step at the assumed MFU: flopsPerStep / (GPUs × dense BF16 peak ×
 *     MFU), in seconds
 * @param gpusNeeded GPUs for the target step time at the assumed MFU: ⌈flopsPerStep / (target
 *     × peak × MFU)⌉
 * @param gpusAvailable the GPUs declared
 * @param mfuNeeded the MFU the declared GPUs need to meet the target: flopsPerStep / (target ×
 *     GPUs × peak)
 * @param tokensPerSecond tokens trained per second: global batch tokens / stepSeconds
 */
public record TrainingFigures(
    long parameters,
    long activeParameters,
    long stateBytes,
    long parametersPerGpu,
    long weightBytesPerGpu,
    long gradientBytesPerGpu,
    long optimizerBytesPerGpu,
    long stateBytesPerGpu,
    long activationBytesPerLayer,
    long layersPerStage,
    long microBatchesInFlight,
    long activationBytesPerGpu,
    long memoryBytesPerGpu,
    long gpuMemoryBytes,
    long reservedBytesPerGpu,
    long availableBytesPerGpu,
    long sequencesPerRank,
    long microBatches,
    double flopsPerToken,
    double attentionFlopsPerToken,
    double flopsPerStep,
    double stepSeconds,
    long gpusNeeded,
    long gpusAvailable,
    double mfuNeeded,
    double tokensPerSecond) implements StageFigures {

  /** Returns whether state and activations fit the memory a GPU has for them. */
  public boolean fitsMemory() {
    return memoryBytesPerGpu <= availableBytesPerGpu;
  }

  /** Returns the share of a GPU's available memory left unused; negative when over. */
  public double memoryHeadroomFraction() {
    return 1 - (double) memoryBytesPerGpu / availableBytesPerGpu;
  }

  /** Returns the share of the declared GPUs the target step does not need; negative when over. */
  public double computeHeadroomFraction() {
    return 1 - (double) gpusNeeded / gpusAvailable;
  }
}
