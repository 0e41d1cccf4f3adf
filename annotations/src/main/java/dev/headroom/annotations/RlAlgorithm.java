package dev.headroom.annotations;

/** The policy-optimization algorithm of an RL post-training loop. */
public enum RlAlgorithm {
  /**
   * Group Relative Policy Optimization (Shao et al. 2024, DeepSeekMath): advantages from a group
   * of samples per prompt, so no critic model.
   */
  GRPO,
  /**
   * Proximal Policy Optimization (Schulman et al. 2017) with a learned critic (value model)
   * trained beside the policy.
   */
  PPO
}
