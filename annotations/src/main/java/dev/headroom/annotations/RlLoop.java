package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An RL post-training loop: actors generate rollouts from the policy, learners train it on
 * them, and every step the updated weights are broadcast back to the actors.
 *
 * <p>The processor sizes both sides (rollout tokens over the actors' decode throughput, with
 * the longest rollout as a floor; the update's FLOPs at the learners' MFU), the learners'
 * memory for every resident model, the weight broadcast, the step time synchronous or with
 * bounded staleness, which side binds and how long the other idles, and the actor/learner
 * split of the same GPUs that would balance them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RlLoop {
  /** The policy trained: a type annotated {@link Model}. Required. */
  Class<?> policy();

  /**
   * The frozen reference model of the KL penalty, a {@link Model} type. Default {@code
   * void.class}: a copy of the policy.
   */
  Class<?> reference() default void.class;

  /**
   * The reward model, a {@link Model} type. Default {@code void.class}: a programmatic verifier
   * (verifiable rewards), which needs no GPU memory or FLOPs.
   */
  Class<?> reward() default void.class;

  /**
   * The critic (value model) of PPO, a {@link Model} type. Default {@code void.class}: for PPO,
   * a critic of the policy's shape; for GRPO, none.
   */
  Class<?> critic() default void.class;

  /** The algorithm. Default {@link RlAlgorithm#GRPO}. */
  RlAlgorithm algorithm() default RlAlgorithm.GRPO;

  /** Prompts per step. Required. */
  int promptsPerStep();

  /** Samples generated per prompt: the GRPO group size (at least 2 for GRPO). Required. */
  int samplesPerPrompt();

  /** Prompt tokens per sample, on average. Required. */
  int promptTokens();

  /** Generated tokens per sample, on average. Required. */
  int rolloutTokens();

  /** Generated tokens of the longest sample in a step: the tail the phase waits for. Required. */
  int maxRolloutTokens();

  /**
   * How many policy versions the actors may run behind the learners: 0 is synchronous, 1 or
   * more lets rollout, training and the weight broadcast overlap. The step is sized as one
   * version of overlap; more staleness is not modelled to shorten it further. Default 0.
   */
  int maxStaleness() default 0;

  /** The actor pool, which generates rollouts. Required. */
  Pool actors();

  /** The learner pool, which trains the policy. Required. */
  Pool learners();

  /** Model FLOPs utilization the learners achieve, between 0 and 1. Default 0.40. */
  double learnerMfu() default 0.40;

  /** Recompute policy of the learners' activations. Default {@link Recompute#FULL}. */
  Recompute learnerRecompute() default Recompute.FULL;

  /**
   * Bandwidth the weight broadcast from learners to actors can count on, in GB/s
   * (10<sup>9</sup> bytes per second), e.g. the inter-node network per node. Required.
   */
  double broadcastGbPerSecond();

  /**
   * The share of {@link #broadcastGbPerSecond()} the broadcast achieves once software
   * overheads (gathering shards, resharding, engine reloads) are counted, between 0 and 1.
   * Default 0.5.
   */
  double broadcastEfficiency() default 0.5;
}
