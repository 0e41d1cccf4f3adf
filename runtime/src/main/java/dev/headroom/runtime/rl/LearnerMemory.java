package dev.headroom.runtime.rl;

import dev.headroom.runtime.units.Exact;

/**
 * What one learner GPU holds, by resident model, in bytes.
 *
 * @param policyStateBytes the policy's training state (weights, gradients, optimizer state)
 * @param referenceBytes the frozen reference model's weights
 * @param rewardBytes the reward model's weights; 0 for a verifier
 * @param criticStateBytes PPO's critic training state; 0 for GRPO
 * @param activationBytes activations of the longest sequence's micro-batches in flight
 */
public record LearnerMemory(
    long policyStateBytes,
    long referenceBytes,
    long rewardBytes,
    long criticStateBytes,
    long activationBytes) {

  /** Returns everything together, in bytes. */
  public long totalBytes() {
    return Exact.plus(Exact.plus(Exact.plus(Exact.plus(policyStateBytes, referenceBytes),
        rewardBytes), criticStateBytes), activationBytes);
  }
}
