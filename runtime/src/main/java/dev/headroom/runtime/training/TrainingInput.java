package dev.headroom.runtime.training;

import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.StageInput;
import dev.headroom.runtime.serving.ReplicaSplit;

/**
 * Everything a training job is sized from: the raw values of its {@code @Training}, of the
 * {@code @Model} it trains and of its {@code @Parallelism}.
 *
 * @param name the stage name (the training type's simple name)
 * @param model the model trained
 * @param gpu the catalogue entry of the GPU
 * @param gpus the GPUs the job uses, a count
 * @param split tensor t, pipeline p, data d and context c degrees (expert must be 1)
 * @param zero how the data-parallel ranks shard the training state
 * @param globalBatchTokens tokens per optimizer step across all data-parallel ranks
 * @param sequenceLength tokens per training sequence
 * @param microBatchSequences sequences per micro-batch on one data-parallel rank
 * @param targetStepSeconds the step time the plan needs, in seconds
 * @param mfu model FLOPs utilization assumed, a fraction of the dense BF16 peak
 * @param optimizer the optimizer and its bytes of state per parameter
 * @param recompute which activations the backward pass recomputes
 * @param reservedGbPerGpu memory per GPU kept out of the sizing, in GB (10^9 bytes)
 * @param trainingTokens tokens the whole run trains on; 0 when not declared
 */
public record TrainingInput(
    String name,
    ModelShape model,
    GpuSpec gpu,
    int gpus,
    ReplicaSplit split,
    ZeroStage zero,
    long globalBatchTokens,
    int sequenceLength,
    int microBatchSequences,
    double targetStepSeconds,
    double mfu,
    Optimizer optimizer,
    Recompute recompute,
    double reservedGbPerGpu,
    double trainingTokens) implements StageInput {

  /** Returns this input with another split, ZeRO stage and recompute policy: one lever. */
  public TrainingInput withLayout(
      ReplicaSplit newSplit, ZeroStage newZero, Recompute newRecompute) {
    return new TrainingInput(
        name, model, gpu, gpus, newSplit, newZero, globalBatchTokens, sequenceLength,
        microBatchSequences, targetStepSeconds, mfu, optimizer, newRecompute, reservedGbPerGpu,
        trainingTokens);
  }
}
