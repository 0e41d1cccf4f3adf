package dev.headroom.runtime.rl;

import static dev.headroom.runtime.report.Anchor.ACTORS;
import static dev.headroom.runtime.report.Anchor.ACTOR_PARALLELISM;
import static dev.headroom.runtime.report.Anchor.CRITIC;
import static dev.headroom.runtime.report.Anchor.LEARNERS;
import static dev.headroom.runtime.report.Anchor.LEARNER_PARALLELISM;
import static dev.headroom.runtime.report.Anchor.MODEL;
import static dev.headroom.runtime.report.Anchor.REFERENCE;
import static dev.headroom.runtime.report.Anchor.REWARD;
import static dev.headroom.runtime.report.Anchor.RL_LOOP;

import dev.headroom.annotations.Precision;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.training.TrainingSizing;
import dev.headroom.runtime.units.Units;
import dev.headroom.runtime.validation.InputChecks;
import java.util.List;

/**
 * Checks an RL loop's inputs before any arithmetic: every model's shape, the loop's counts and
 * rates, each pool's GPUs and split (actor GPUs in whole replicas; learner degrees multiplying
 * to the learner GPUs), and a GRPO group of at least two.
 */
public final class RlValidation {
  /** The most prompts, samples or staleness steps accepted. */
  static final int MAX_COUNT = 10_000_000;

  /** The most GPUs accepted in one pool: a million, beyond any cluster built. */
  static final int MAX_POOL_GPUS = 1_000_000;

  /** The largest broadcast bandwidth accepted, in GB/s. */
  static final double MAX_GB_PER_SECOND = 1e6;

  private final InputChecks checks = new InputChecks();

  private RlValidation() {}

  /** Returns every finding about the inputs of {@code input}, errors first as declared. */
  public static List<Finding> check(RlInput input) {
    RlValidation validation = new RlValidation();
    InputChecks checks = validation.checks;
    checks.model(input.policy(), MODEL);
    if (input.reference() != input.policy()) {
      checks.model(input.reference(), REFERENCE);
    }
    input.reward().ifPresent(reward -> checks.model(reward, REWARD));
    if (input.critic() != input.policy()) {
      // Sized for the doc's GRPO-against-PPO column even under GRPO, so always checked.
      checks.model(input.critic(), CRITIC);
    }
    validation.checkLoop(input);
    validation.checkPool(input.policy(), input.actors(), ACTORS, ACTOR_PARALLELISM);
    validation.checkPool(input.policy(), input.learners(), LEARNERS, LEARNER_PARALLELISM);
    if (input.learners().precision() != Precision.INHERIT) {
      checks.add(Diagnostic.NOT_MODELLED.at(Subject.of(LEARNERS, "precision"), "precision",
          input.learners().precision(), "learners are sized for mixed-precision AdamW (bf16"
              + " weights, fp32 optimizer state); precision sets what actors generate with"));
    }
    if (!checks.hasErrors()) {
      validation.checkLayouts(input);
    }
    if (!checks.hasErrors()) {
      checks.parameters(input.policy(), MODEL);
    }
    return checks.findings();
  }

  private void checkLoop(RlInput input) {
    checks.count(RL_LOOP, "promptsPerStep", input.promptsPerStep(), MAX_COUNT,
        "the prompts of one step, e.g. 256");
    checks.count(RL_LOOP, "samplesPerPrompt", input.samplesPerPrompt(), MAX_COUNT,
        "the samples per prompt, e.g. 16");
    if (input.algorithm() == RlAlgorithm.GRPO && input.samplesPerPrompt() == 1) {
      checks.outOfRange(RL_LOOP, "samplesPerPrompt", "1",
          "at least 2 for GRPO, whose advantage compares each sample with its group's mean",
          "set the group size, e.g. 16");
    }
    checks.count(RL_LOOP, "promptTokens", input.promptTokens(), InputChecks.MAX_TOKENS,
        "the mean prompt length");
    checks.count(RL_LOOP, "rolloutTokens", input.rolloutTokens(), InputChecks.MAX_TOKENS,
        "the mean rollout length");
    checks.count(RL_LOOP, "maxRolloutTokens", input.maxRolloutTokens(), InputChecks.MAX_TOKENS,
        "the longest rollout, e.g. the generation limit");
    if (input.maxRolloutTokens() > 0 && input.maxRolloutTokens() < input.rolloutTokens()) {
      checks.outOfRange(RL_LOOP, "maxRolloutTokens", Units.count(input.maxRolloutTokens()),
          "at least the mean, rolloutTokens = " + Units.count(input.rolloutTokens()),
          "set the longest rollout a step can produce, e.g. the generation limit");
    }
    if (input.maxStaleness() < 0 || input.maxStaleness() > MAX_COUNT) {
      checks.outOfRange(RL_LOOP, "maxStaleness", Units.count(input.maxStaleness()),
          "0 (synchronous) or a positive number of policy versions",
          "use 0 for on-policy, or 1 to overlap rollout and training");
    }
    checks.fraction(RL_LOOP, "learnerMfu", input.learnerMfu(), 0.01,
        "keep the default 0.40 unless the learners' MFU has been measured");
    checks.rate(RL_LOOP, "broadcastGbPerSecond", input.broadcastGbPerSecond(),
        MAX_GB_PER_SECOND, "the bandwidth the broadcast gets, in GB/s");
    checks.fraction(RL_LOOP, "broadcastEfficiency", input.broadcastEfficiency(), 0.01,
        "keep the default 0.5 unless refits have been timed");
  }

  private void checkPool(
      ModelShape policy, PoolInput pool, Anchor anchor, Anchor parallelism) {
    checks.count(anchor, "gpus", pool.gpus(), MAX_POOL_GPUS, "the GPUs in the pool");
    checks.reservedGb(anchor, pool.reservedGbPerGpu(), pool.gpu().reportedMemoryBytes(),
        "keep the default 5.0 unless a profile says otherwise");
    ReplicaSplit split = pool.split();
    int max = InputChecks.MAX_HEADS;
    checks.count(parallelism, "tensor", split.tensor(), max, "the tensor-parallel degree");
    checks.count(parallelism, "pipeline", split.pipeline(), max, "the pipeline degree");
    checks.count(parallelism, "expert", split.expert(), max, "1 for a dense model");
    checks.count(parallelism, "data", split.data(), max, "the data-parallel degree");
    checks.count(parallelism, "context", split.context(), max, "1 unless sequences are split");
    if (checks.hasErrors()) {
      return;
    }
    if (anchor == LEARNERS) {
      checks.expertsOverData(policy, split, parallelism);
    } else {
      checks.expertSplit(policy, split.expert(), parallelism);
    }
  }

  /**
   * Returns the fix for learner degrees that do not multiply to the learner GPUs: the GPUs they
   * do multiply to, or the data degree that uses the declared GPUs when it is whole and the
   * expert degree divides its data × context ranks.
   */
  private static String learnerFix(PoolInput learners, long product) {
    ReplicaSplit split = learners.split();
    long group = (long) split.tensor() * split.pipeline() * split.context();
    String fix = "set the learners' gpus = " + Units.count(product);
    long data = learners.gpus() / group;
    boolean valid = learners.gpus() % group == 0 && data % TrainingSizing.dataMultiple(split) == 0;
    return valid
        ? fix + ", or data = " + Units.count(data) + " to use " + Units.count(learners.gpus())
            + " GPUs"
        : fix;
  }

  private void checkLayouts(RlInput input) {
    ReplicaSplit actors = input.actors().split();
    checks.modelSplit(input.policy(), actors.tensor(), actors.pipeline(), ACTOR_PARALLELISM);
    int replica = actors.gpusPerReplica();
    if (input.actors().gpus() % replica != 0) {
      checks.add(Diagnostic.LAYOUT.at(Subject.of(ACTORS, "gpus"), "gpus = "
          + Units.count(input.actors().gpus()) + " is not a whole number of actor replicas of"
          + " tensor " + actors.tensor() + " × pipeline " + actors.pipeline()
          + (actors.expert() > 1 ? " × expert " + actors.expert() : "") + " = " + replica
          + " GPUs", "use a multiple of " + replica));
    }
    ReplicaSplit learners = input.learners().split();
    checks.modelSplit(input.policy(), learners.tensor(), learners.pipeline(),
        LEARNER_PARALLELISM);
    long product =
        (long) learners.tensor() * learners.pipeline() * learners.data() * learners.context();
    if (product != input.learners().gpus()) {
      checks.add(Diagnostic.LAYOUT.at(Subject.of(LEARNERS, "gpus"), "tensor "
          + learners.tensor() + " × pipeline " + learners.pipeline() + " × data "
          + learners.data() + " × context " + learners.context() + " = " + Units.count(product)
          + " GPUs, but gpus = " + Units.count(input.learners().gpus()),
          learnerFix(input.learners(), product)));
    }
  }
}
