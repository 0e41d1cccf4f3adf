package dev.headroom.runtime.serving;

/**
 * How one replica is split across GPUs, as {@code @Parallelism} declares it.
 *
 * @param tensor tensor-parallel degree t
 * @param pipeline pipeline-parallel degree p
 * @param expert expert-parallel degree (mixture-of-experts only)
 * @param data data-parallel degree (training only; serving computes its replicas)
 * @param context context-parallel degree
 */
public record ReplicaSplit(int tensor, int pipeline, int expert, int data, int context) {
  /** Returns one GPU per replica, every degree 1. */
  public static ReplicaSplit single() {
    return new ReplicaSplit(1, 1, 1, 1, 1);
  }

  /** Returns the GPUs one serving replica uses: t × p. */
  public int gpusPerReplica() {
    return tensor * pipeline;
  }

  /** Returns this split with another tensor-parallel degree. */
  public ReplicaSplit withTensor(int newTensor) {
    return new ReplicaSplit(newTensor, pipeline, expert, data, context);
  }
}
