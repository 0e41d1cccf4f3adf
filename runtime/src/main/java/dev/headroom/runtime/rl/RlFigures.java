package dev.headroom.runtime.rl;

import dev.headroom.runtime.report.StageFigures;

/**
 * The figures of a sized RL loop. Counts and bytes are exact; times are seconds. N is a model's
 * parameter count, T the tokens trained per step.
 *
 * @param sequencesPerStep samples generated and trained per step: prompts × samples per prompt
 * @param rolloutTokensPerStep tokens the actors generate per step: sequences × mean rollout
 * @param trainTokensPerStep tokens the learners train on per step: sequences × (prompt + mean
 *     rollout)
 * @param actorReplicas serving replicas in the actor pool: ⌊actor GPUs / (t × p × e)⌋
 * @param actorBatch sequences one replica decodes at once: min(what its KV room holds at the
 *     mean length, ⌈sequences / replicas⌉)
 * @param actorStepMillis one decode step at that batch, in milliseconds (the serving engine's
 *     roofline, REFERENCES.md R-I1)
 * @param rolloutTokensPerSecond tokens the actor pool generates per second: busy replicas ×
 *     batch / step, where busy replicas = min(replicas, ⌈sequences / batch⌉)
 * @param bulkRolloutSeconds rolloutTokensPerStep / rolloutTokensPerSecond
 * @param tailRolloutSeconds the longest rollout decoded alone: max rollout tokens × the decode
 *     step at a batch of one
 * @param rolloutSeconds the rollout phase, which ends with its slowest sequence: max(bulk, tail)
 * @param learnerFlopsPerStep T × (6 × N policy + 2 × N reference + 2 × N reward + 6 × N critic
 *     for PPO)
 * @param trainSeconds learnerFlopsPerStep / (learner GPUs × dense BF16 peak × learner MFU)
 * @param trainTokensPerSecond trainTokensPerStep / trainSeconds
 * @param policyStateBytesPerGpu the policy's training state on one learner GPU, by ZeRO stage
 * @param referenceBytesPerGpu the reference model's frozen weights on one learner GPU
 * @param rewardBytesPerGpu the reward model's frozen weights on one learner GPU; 0 for a
 *     verifier
 * @param criticStateBytesPerGpu the critic's training state on one learner GPU; 0 for GRPO
 * @param activationBytesPerGpu activations of micro-batches of the longest sequence (prompt +
 *     max rollout), Korthikanti et al. 2022 at the learners' recompute
 * @param learnerBytesPerGpu everything resident on one learner GPU under the declared algorithm
 * @param grpoLearnerBytesPerGpu the same under GRPO (no critic)
 * @param ppoLearnerBytesPerGpu the same under PPO (with the critic's training state)
 * @param learnerAvailableBytesPerGpu learner GPU memory reported − reserved
 * @param weightSyncBytes the policy at the actors' precision: N × bits / 8
 * @param weightSyncSeconds weightSyncBytes / (broadcast bandwidth × efficiency)
 * @param synchronousStepSeconds rollout + train + weight sync, one after another
 * @param overlappedStepSeconds with bounded staleness: max(rollout, train) plus the part of the
 *     sync longer than the slack |rollout − train| it can hide in
 * @param stepSeconds the step at the declared staleness: synchronous when it is 0
 * @param bound the side that sets the step: {@code rollout} or {@code train}
 * @param actorIdleFraction share of the step the actors do not generate: 1 − rollout / step
 * @param learnerIdleFraction share of the step the learners do not train: 1 − train / step
 * @param trainedTokensPerSecond tokens trained per second of the loop: T / stepSeconds
 * @param balancedActorGpus actor GPUs of the split of the same GPUs that best equalizes
 *     rollout and training throughput (bulk rollout against update time), in whole replicas;
 *     the declared actor GPUs when that split's step would be longer than the declared one's
 * @param balancedLearnerGpus learner GPUs of that split, in whole model-parallel groups whose
 *     data × context ranks the expert degree divides
 * @param balancedRolloutSeconds the rollout phase on the balanced actor GPUs
 * @param balancedTrainSeconds the update on the balanced learner GPUs
 */
public record RlFigures(
    long sequencesPerStep,
    long rolloutTokensPerStep,
    long trainTokensPerStep,
    long actorReplicas,
    long actorBatch,
    double actorStepMillis,
    double rolloutTokensPerSecond,
    double bulkRolloutSeconds,
    double tailRolloutSeconds,
    double rolloutSeconds,
    double learnerFlopsPerStep,
    double trainSeconds,
    double trainTokensPerSecond,
    long policyStateBytesPerGpu,
    long referenceBytesPerGpu,
    long rewardBytesPerGpu,
    long criticStateBytesPerGpu,
    long activationBytesPerGpu,
    long learnerBytesPerGpu,
    long grpoLearnerBytesPerGpu,
    long ppoLearnerBytesPerGpu,
    long learnerAvailableBytesPerGpu,
    long weightSyncBytes,
    double weightSyncSeconds,
    double synchronousStepSeconds,
    double overlappedStepSeconds,
    double stepSeconds,
    String bound,
    double actorIdleFraction,
    double learnerIdleFraction,
    double trainedTokensPerSecond,
    long balancedActorGpus,
    long balancedLearnerGpus,
    double balancedRolloutSeconds,
    double balancedTrainSeconds) implements StageFigures {

  /** The value of {@link #bound()} when generating the rollouts sets the step. */
  public static final String ROLLOUT = "rollout";

  /** The value of {@link #bound()} when training on them sets the step. */
  public static final String TRAIN = "train";

  /** Returns whether everything resident fits a learner GPU. */
  public boolean learnerFits() {
    return learnerBytesPerGpu <= learnerAvailableBytesPerGpu;
  }
}
