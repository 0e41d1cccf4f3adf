package dev.headroom.runtime.serving;

/**
 * How one replica is split across GPUs, as {@code @Parallelism} declares it.
 *
 * @param tensor tensor-parallel degree t
 * @param pipeline pipeline-parallel degree p
 * @param expert expert-parallel degree e (mixture-of-experts only): a serving replica runs e
 *     attention groups of t × p GPUs, each with its own requests and its own copy of the dense
 *     weights, and spreads the routed experts over all t × p × e GPUs
 * @param data data-parallel degree (training only; serving computes its replicas)
 * @param context context-parallel degree
 */
public record ReplicaSplit(int tensor, int pipeline, int expert, int data, int context) {
  /** Returns one GPU per replica, every degree 1. */
  public static ReplicaSplit single() {
    return new ReplicaSplit(1, 1, 1, 1, 1);
  }

  /**
   * Returns the GPUs one serving replica uses: t × p × e, e = 1 for a dense model. Expert
   * parallelism multiplies the GPUs rather than dividing t: the attention and dense layers run
   * data-parallel across the e groups while the experts are sharded over all of them, as
   * DeepSeek serves V3 ("DeepSeek-V3/R1 Inference System Overview", open-infra-index: data
   * parallelism for attention, expert parallelism for the MoE layers).
   */
  public int gpusPerReplica() {
    return tensor * pipeline * expert;
  }

  /**
   * Returns whether the expert degree divides the data × context ranks, from which a training
   * job's or a learner pool's expert parallelism takes its ranks (Megatron-Core's MoE parallel
   * folding: expert × expert-data = data × context); always so at expert = 1.
   */
  public boolean expertDividesDataRanks() {
    return (long) data * context % expert == 0;
  }

  /**
   * Returns a serving replica's degrees as the docs write them, e.g. {@code tensor 4 × pipeline
   * 1}, with {@code × expert 8} when there is expert parallelism.
   */
  public String replicaDegrees() {
    return "tensor " + tensor + " × pipeline " + pipeline + expertDegree();
  }

  /**
   * Returns a training layout's degrees as the docs write them, e.g. {@code tensor 8 × pipeline
   * 1 × data 512 × context 1}, then {@code , expert 8 within data × context} when the layout
   * has expert parallelism, whose ranks come from data × context.
   */
  public String trainingDegrees() {
    return "tensor " + tensor + " × pipeline " + pipeline + " × data " + data + " × context "
        + context + (expert > 1 ? ", expert " + expert + " within data × context" : "");
  }

  private String expertDegree() {
    return expert > 1 ? " × expert " + expert : "";
  }

  /** Returns this split with another tensor-parallel degree. */
  public ReplicaSplit withTensor(int newTensor) {
    return new ReplicaSplit(newTensor, pipeline, expert, data, context);
  }
}
