package dev.headroom.runtime.serving;

import dev.headroom.runtime.report.StageFigures;

/**
 * The figures of a sized serving fleet. Counts are exact; bytes are exact; times are in the unit
 * their name gives. Formulas follow the capstone design's method (CAPSTONE.md, stage 1) unless
 * a component says otherwise; t is the tensor-parallel, p the pipeline-parallel and e the
 * expert-parallel degree (1 for a dense model).
 *
 * @param requestSeconds W, seconds one request lasts: TTFT SLO + output tokens × TPOT SLO; for
 *     an offline job, which has no SLO, the achieved prefillMillis + output tokens ×
 *     decodeStepMillis
 * @param inFlightRequests L, requests in flight: ⌈λ · W⌉ (Little's Law)
 * @param parameters total parameters sized for, a count: declared, or derived from the shape;
 *     they decide the weights' memory
 * @param activeParameters parameters one token uses, a count: the total for a dense model; for
 *     a mixture of experts the dense part plus the active and shared experts of each layer, as
 *     DeepSeek and Mistral count them (REFERENCES.md R-P2); they decide FLOPs
 * @param weightBytes weight bytes of the model: ⌈parameters × bits / 8⌉ at the served
 *     precision
 * @param weightBytesPerGpu weight bytes on each GPU of the busiest pipeline stage (the embedding
 *     on the first, the output head on the last): its dense part / t plus its routed experts,
 *     ⌈E / e⌉ per layer, / t; weightBytes / t for a dense model on one stage
 * @param kvBytesPerToken KV bytes per token for the whole model when every layer holds it: 2 ×
 *     layers × kvHeads × headDim × bytes at the KV precision, or layers × (kvLoraRank +
 *     ropeHeadDim) × bytes for latent attention (R-K4)
 * @param kvBytesPerTokenPerGpu KV bytes per token on the busiest GPU of a replica: 2 ×
 *     ⌈layers / p⌉ × max(1, kvHeads / t) × headDim × bytes; latent attention's latent is not
 *     split by t
 * @param tokensPerRequest KV tokens reserved per request: prompt + output (PEAK) or prompt +
 *     ⌈output / 2⌉ (AVERAGE)
 * @param kvBytesPerRequest KV bytes of one request across the model: kvBytesPerToken ×
 *     tokensPerRequest, except that sliding-window layers hold at most min(window, tokens)
 * @param kvBytesPerRequestPerGpu KV bytes of one request on one GPU: kvBytesPerTokenPerGpu ×
 *     tokensPerRequest, windowed layers capped as in kvBytesPerRequest
 * @param memoryBytesPerGpu GPU memory sized against: the bytes the device reports
 * @param reservedBytesPerGpu memory kept for CUDA context, activations and buffers, in bytes
 * @param kvRoomBytesPerGpu KV cache room per GPU: memory − weights per GPU − reserved, in
 *     bytes; 0 when the weights and reserved memory take it all
 * @param kvBytesPerReplica distinct KV cache room of one replica, in bytes: kvRoomBytesPerGpu × t
 *     × p × e / replication, where replication = max(1, t / kvHeads) GPUs hold a copy of each
 *     head (t for latent attention)
 * @param kvBoundRequestsPerReplica requests one replica's KV room holds: e attention groups ×
 *     ⌊kvRoomBytesPerGpu / kvBytesPerRequestPerGpu⌋
 * @param tpotBoundRequestsPerReplica the largest batch whose decode step meets the TPOT SLO; 0
 *     for an offline job, which has none
 * @param requestsPerReplica concurrent requests per replica: min(KV-bound, TPOT-bound); the
 *     KV-bound count for an offline job
 * @param gpusPerReplica GPUs in one replica: t × p × e
 * @param replicas replicas needed: ⌈inFlightRequests / requestsPerReplica⌉; 0 when no replica
 *     can hold a request
 * @param gpusNeeded GPUs needed: replicas × gpusPerReplica, plus the prefill pool's GPUs when
 *     the fleet declares one
 * @param gpusAvailable the GPU budget
 * @param decodeStepMillis one decode step at a batch of requestsPerReplica (at least 1), in
 *     milliseconds: p × max((weights + batch / e × KV) bytes per GPU / HBM bandwidth, 2 × active
 *     parameters × batch / (t × p × e × peak FLOP/s)), of a mixture of experts' routed
 *     experts only the share 1 − (1 − k / E)^batch the batch touches
 * @param prefillMillis prefill of one prompt, in milliseconds: 2 × (active − routed-expert
 *     parameters) × prompt tokens / (t × peak FLOP/s × prefill efficiency) + 2 × routed-expert
 *     parameters × prompt tokens / (t × e × peak FLOP/s × prefill efficiency), t and e of the
 *     prefill pool when there is one; the p pipeline stages run one after another, so p does not
 *     shorten it (jax-ml scaling book, REFERENCES.md R-I2)
 * @param headroomFraction spare budget: (gpusAvailable − gpusNeeded) / gpusAvailable; negative
 *     when over budget
 * @param promptTokensPerSecond prompt tokens the traffic brings: λ × prompt tokens
 * @param prefillTokensPerSecondPerGpu prompt tokens one GPU prefills per second: peak FLOP/s ×
 *     prefill efficiency / (2 × active parameters) (jax-ml scaling book, REFERENCES.md R-I2)
 * @param prefillGpusNeeded GPUs a prefill pool needs: ⌈promptTokensPerSecond /
 *     prefillTokensPerSecondPerGpu⌉ in whole prefill replicas of the declared pool's split (of
 *     one GPU when there is no pool)
 * @param prefillGpus the declared prefill pool's GPUs, counted in gpusNeeded; 0 for none
 * @param kvTransferBytesPerSecond KV cache a prefill pool hands to the decode replicas: λ × the
 *     KV cache of one prompt (prompt tokens × kvBytesPerToken, sliding-window layers holding at
 *     most their window), in bytes per second
 * @param taskSeconds one agent task end to end, in seconds: callsPerTask × (prefillMillis +
 *     output tokens × decodeStepMillis) / 1000, its calls one after another at the times the
 *     fleet achieves, tool time between them not counted; with one call per task, the achieved
 *     time of one request
 */
public record FleetFigures(
    double requestSeconds,
    long inFlightRequests,
    long parameters,
    long activeParameters,
    long weightBytes,
    long weightBytesPerGpu,
    long kvBytesPerToken,
    long kvBytesPerTokenPerGpu,
    long tokensPerRequest,
    long kvBytesPerRequest,
    long kvBytesPerRequestPerGpu,
    long memoryBytesPerGpu,
    long reservedBytesPerGpu,
    long kvRoomBytesPerGpu,
    long kvBytesPerReplica,
    long kvBoundRequestsPerReplica,
    long tpotBoundRequestsPerReplica,
    long requestsPerReplica,
    int gpusPerReplica,
    long replicas,
    long gpusNeeded,
    long gpusAvailable,
    double decodeStepMillis,
    double prefillMillis,
    double headroomFraction,
    double promptTokensPerSecond,
    double prefillTokensPerSecondPerGpu,
    long prefillGpusNeeded,
    long prefillGpus,
    double kvTransferBytesPerSecond,
    double taskSeconds) implements StageFigures {

  /**
   * Returns whether any number of replicas can serve the load: false when one replica cannot
   * hold a single request (weights leave no KV room, or one decode step misses the TPOT SLO),
   * in which case replicas and gpusNeeded are 0.
   */
  public boolean feasible() {
    return replicas > 0;
  }

  /**
   * Returns memory − weights per GPU − reserved, in bytes, negative by the shortfall when the
   * weights and reserved memory do not fit: the arithmetic behind {@link #kvRoomBytesPerGpu()},
   * which stops at 0.
   */
  public long roomBeforeKvBytes() {
    return memoryBytesPerGpu - weightBytesPerGpu - reservedBytesPerGpu;
  }
}
