package dev.headroom.runtime.rl;

import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.StageInput;
import java.util.Optional;

/**
 * Everything an RL post-training loop is sized from: the raw values of its {@code @RlLoop}, of
 * the {@code @Model} types it names and of its two pools.
 *
 * @param name the stage name (the loop type's simple name)
 * @param policy the policy trained and generated from
 * @param reference the frozen reference model of the KL penalty (the policy's shape by default)
 * @param reward the reward model; empty for a programmatic verifier
 * @param critic PPO's critic: the declared one, else the policy's shape; what GRPO would drop
 * @param algorithm GRPO or PPO
 * @param promptsPerStep prompts per step
 * @param samplesPerPrompt samples per prompt (the GRPO group size)
 * @param promptTokens prompt tokens per sample
 * @param rolloutTokens generated tokens per sample, on average
 * @param maxRolloutTokens generated tokens of the longest sample of a step
 * @param maxStaleness policy versions actors may run behind; 0 is synchronous
 * @param actors the pool generating rollouts
 * @param learners the pool training the policy
 * @param learnerMfu model FLOPs utilization of the learners
 * @param learnerRecompute activation recompute of the learners
 * @param broadcastGbPerSecond bandwidth of the weight broadcast, in GB/s (10^9 B/s)
 * @param broadcastEfficiency share of that bandwidth the broadcast achieves
 */
public record RlInput(
    String name,
    ModelShape policy,
    ModelShape reference,
    Optional<ModelShape> reward,
    ModelShape critic,
    RlAlgorithm algorithm,
    int promptsPerStep,
    int samplesPerPrompt,
    int promptTokens,
    int rolloutTokens,
    int maxRolloutTokens,
    int maxStaleness,
    PoolInput actors,
    PoolInput learners,
    double learnerMfu,
    Recompute learnerRecompute,
    double broadcastGbPerSecond,
    double broadcastEfficiency) implements StageInput {

  /** Returns this loop with another algorithm: GRPO against PPO, side by side. */
  public RlInput withAlgorithm(RlAlgorithm newAlgorithm) {
    return new RlInput(name, policy, reference, reward, critic, newAlgorithm, promptsPerStep,
        samplesPerPrompt, promptTokens, rolloutTokens, maxRolloutTokens, maxStaleness, actors,
        learners, learnerMfu, learnerRecompute, broadcastGbPerSecond, broadcastEfficiency);
  }

  /** Returns this loop with another reward model, or a verifier when empty. */
  public RlInput withReward(Optional<ModelShape> newReward) {
    return new RlInput(name, policy, reference, newReward, critic, algorithm, promptsPerStep,
        samplesPerPrompt, promptTokens, rolloutTokens, maxRolloutTokens, maxStaleness, actors,
        learners, learnerMfu, learnerRecompute, broadcastGbPerSecond, broadcastEfficiency);
  }

  /** Returns this loop with another learner recompute policy. */
  public RlInput withLearnerRecompute(Recompute newRecompute) {
    return new RlInput(name, policy, reference, reward, critic, algorithm, promptsPerStep,
        samplesPerPrompt, promptTokens, rolloutTokens, maxRolloutTokens, maxStaleness, actors,
        learners, learnerMfu, newRecompute, broadcastGbPerSecond, broadcastEfficiency);
  }

  /** Returns this loop with other pools: the same work on another split of GPUs. */
  public RlInput withPools(PoolInput newActors, PoolInput newLearners) {
    return new RlInput(name, policy, reference, reward, critic, algorithm, promptsPerStep,
        samplesPerPrompt, promptTokens, rolloutTokens, maxRolloutTokens, maxStaleness,
        newActors, newLearners, learnerMfu, learnerRecompute, broadcastGbPerSecond,
        broadcastEfficiency);
  }
}
