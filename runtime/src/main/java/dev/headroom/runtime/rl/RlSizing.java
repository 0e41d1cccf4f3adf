package dev.headroom.runtime.rl;

import static dev.headroom.runtime.report.Anchor.ACTORS;
import static dev.headroom.runtime.report.Anchor.LEARNERS;
import static dev.headroom.runtime.report.Anchor.RL_LOOP;

import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import dev.headroom.runtime.training.TrainingSizing;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sizes an RL post-training loop: the rollout phase from the serving engine's decode roofline
 * on the actor pool, the update from the training engine's FLOPs and memory on the learner
 * pool, the weight broadcast between them, and how the three fill a step.
 */
public final class RlSizing {
  /**
   * A loop whose shorter phase (rollout or update) is more than this share shorter than the
   * other is out of balance, and its waiting side's idle time deserves a warning.
   */
  public static final double IDLE_THRESHOLD = 0.30;

  /** A weight broadcast showing in more than this share of each step deserves a warning. */
  public static final double SYNC_THRESHOLD = 0.10;

  /**
   * The rollout tail dominates when the bulk of the tokens would take less than this share of
   * the time the longest rollout takes alone.
   */
  public static final double TAIL_THRESHOLD = 0.5;

  /** A balanced split must shorten the step by this share to be offered as a fix. */
  private static final double SPLIT_GAIN = 0.01;

  /** A synchronous step this much longer than the overlapped one earns the staleness note. */
  private static final double OVERLAP_GAIN = 0.10;

  /** Actors have no latency target: an hour per token, so the KV room alone sets the batch. */
  private static final double NO_LATENCY_TARGET_MILLIS = 3_600_000;

  private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);

  private RlSizing() {}

  /**
   * Returns the seconds of the rollout phase, which ends with its slowest sequence: the larger
   * of the step's tokens over the pool's throughput and the longest rollout over the speed of
   * one sequence decoded alone. With a mean of 2,000 tokens on 500 sequences, a longest rollout
   * of 32,000 at 100 tokens/s in a 50,000 tokens/s pool takes max(20 s, 320 s) = 320 s.
   */
  public static double rolloutSeconds(
      long tokens, double poolTokensPerSecond, long longestTokens, double aloneTokensPerSecond) {
    return Math.max(tokens / poolTokensPerSecond, longestTokens / aloneTokensPerSecond);
  }

  /** Returns a synchronous step: rollout, then training, then the broadcast, in turn. */
  public static double synchronousStepSeconds(double rollout, double train, double sync) {
    return rollout + train + sync;
  }

  /**
   * Returns a step with bounded staleness (at least 1): rollout and training overlap, so the
   * slower sets the step, and the broadcast hides in the faster side's slack |rollout − train|;
   * only what of it is longer than that slack adds to the step.
   */
  public static double overlappedStepSeconds(double rollout, double train, double sync) {
    return Math.max(rollout, train) + Math.max(0, sync - Math.abs(rollout - train));
  }

  /** Returns a step of this loop: synchronous at maxStaleness = 0, else overlapped. */
  public static double stepSeconds(RlInput input, double rollout, double train, double sync) {
    return input.maxStaleness() == 0
        ? synchronousStepSeconds(rollout, train, sync)
        : overlappedStepSeconds(rollout, train, sync);
  }

  /**
   * Returns the actor pool as the serving engine sees one of its replicas: the policy at the
   * pool's precision, each sequence holding its prompt and mean rollout, and no latency target,
   * so a replica's batch is what its KV room holds.
   */
  static FleetInput actorFleet(RlInput input) {
    PoolInput actors = input.actors();
    return new FleetInput(input.name() + " actors", input.policy(),
        new Traffic(1, input.promptTokens(), input.rolloutTokens()),
        new LatencySlo(NO_LATENCY_TARGET_MILLIS, NO_LATENCY_TARGET_MILLIS), actors.gpu(),
        actors.gpus(), actors.split(), actors.heldIn(input.policy().dtype()),
        dev.headroom.annotations.Precision.INHERIT, actors.reservedGbPerGpu(), KvSizing.PEAK,
        0.40);
  }

  /**
   * The rollout side of a loop.
   *
   * @param replicas actor replicas
   * @param batch sequences per replica at once
   * @param stepSeconds one decode step at that batch
   * @param tokensPerSecond the pool's generation throughput
   * @param bulkSeconds the step's tokens over that throughput
   * @param tailSeconds the longest rollout decoded alone
   */
  record Rollout(long replicas, long batch, double stepSeconds, double tokensPerSecond,
      double bulkSeconds, double tailSeconds) {
    double seconds() {
      return Math.max(bulkSeconds, tailSeconds);
    }
  }

  /** Returns the rollout side on {@code actorGpus} GPUs, from a replica's serving figures. */
  static Rollout rollout(RlInput input, FleetInput fleet, FleetFigures replica, long actorGpus) {
    long sequences = sequencesPerStep(input);
    long replicas = actorGpus / replica.gpusPerReplica();
    long batch = Math.min(replica.kvBoundRequestsPerReplica(), Exact.ceilDiv(sequences, replicas));
    long active = Math.min(replicas, Exact.ceilDiv(sequences, batch));
    double step = FleetSizing.decodeStepSeconds(
        fleet, replica.weightBytesPerGpu(), replica.kvBytesPerRequestPerGpu(), batch);
    double tokensPerSecond = active * batch / step;
    double alone = FleetSizing.decodeStepSeconds(
        fleet, replica.weightBytesPerGpu(), longestKvBytesPerGpu(input, fleet), 1);
    long tokens = rolloutTokensPerStep(input);
    return new Rollout(replicas, batch, step, tokensPerSecond, tokens / tokensPerSecond,
        input.maxRolloutTokens() * alone);
  }

  /** Returns the KV bytes the longest sequence holds on one actor GPU at its end. */
  private static long longestKvBytesPerGpu(RlInput input, FleetInput fleet) {
    ReplicaSplit split = fleet.split();
    return fleet.model().kvBytesPerGpu(fleet.servedKvCache(), split.tensor(), split.pipeline(),
        (long) input.promptTokens() + input.maxRolloutTokens());
  }

  /** Returns the samples of one step: prompts × samples per prompt. */
  public static long sequencesPerStep(RlInput input) {
    return Exact.times(input.promptsPerStep(), input.samplesPerPrompt());
  }

  /** Returns the tokens the actors generate per step: sequences × mean rollout. */
  public static long rolloutTokensPerStep(RlInput input) {
    return Exact.times(sequencesPerStep(input), input.rolloutTokens());
  }

  /** Returns the tokens the learners train on per step: sequences × (prompt + mean rollout). */
  public static long trainTokensPerStep(RlInput input) {
    long tokens = (long) input.promptTokens() + input.rolloutTokens();
    return Exact.times(sequencesPerStep(input), tokens);
  }

  /**
   * Returns the FLOPs of one update: T × (6 × N policy + 2 × N reference + 2 × N reward + 6 ×
   * N critic for PPO): the policy trains (6N per token, DESIGN.md), the reference and the
   * reward model run forward only (2N), PPO's critic trains too; N is each model's active
   * parameters, all of them for a dense model (REFERENCES.md R-P2).
   */
  public static double learnerFlopsPerStep(RlInput input) {
    double perToken = 6.0 * input.policy().activeParameters()
        + 2.0 * input.reference().activeParameters()
        + input.reward().map(reward -> 2.0 * reward.activeParameters()).orElse(0.0)
        + (input.algorithm() == RlAlgorithm.PPO ? 6.0 * input.critic().activeParameters() : 0);
    return perToken * trainTokensPerStep(input);
  }

  /** Returns the seconds of one update on {@code learnerGpus} at the learners' MFU. */
  static double trainSeconds(RlInput input, long learnerGpus) {
    return learnerFlopsPerStep(input)
        / (learnerGpus * input.learners().gpu().denseBf16FlopsPerSecond() * input.learnerMfu());
  }

  /**
   * Returns what one learner GPU holds under {@code algorithm}: the policy's mixed-precision
   * AdamW state and PPO's critic state by ZeRO stage (the training engine's {@code modelState},
   * Rajbhandari et al. 2019), the frozen reference and reward weights in their dtype (sharded
   * too under ZeRO-3, as FSDP shards every module), and the activations of the longest
   * sequence (Korthikanti et al. 2022).
   */
  public static LearnerMemory learnerMemory(RlInput input, RlAlgorithm algorithm) {
    PoolInput learners = input.learners();
    ReplicaSplit split = learners.split();
    long policy = state(input.policy(), split, learners.zero());
    long reference = frozen(input.reference(), split, learners.zero());
    long reward = input.reward()
        .map(model -> frozen(model, split, learners.zero()))
        .orElse(0L);
    long critic = algorithm == RlAlgorithm.PPO
        ? state(input.critic(), split, learners.zero())
        : 0;
    ModelShape model = input.policy();
    long sequence = ((long) input.promptTokens() + input.maxRolloutTokens()) / split.context();
    long perLayer = TrainingSizing.activationBytesPerLayer(sequence, 1, model.hiddenSize(),
        model.attentionHeads(), split.tensor(), input.learnerRecompute());
    long microBatches = Exact.ceilDiv(sequencesPerStep(input), split.data());
    long activations = Exact.times(Exact.times(perLayer,
        Exact.ceilDiv(model.layers(), split.pipeline())),
        TrainingSizing.microBatchesInFlight(split.pipeline(), microBatches));
    return new LearnerMemory(policy, reference, reward, critic, activations);
  }

  private static long state(ModelShape model, ReplicaSplit split, ZeroStage zero) {
    return TrainingSizing.modelState(model, split, Optimizer.ADAMW, zero).totalBytes();
  }

  /**
   * Returns a frozen model's weights on one learner GPU in its dtype: under ZeRO-3 the dense
   * part sharded over d × c ranks and the routed experts over d × c / e, as trained state is.
   */
  private static long frozen(ModelShape model, ReplicaSplit split, ZeroStage zero) {
    long expertParameters = TrainingSizing.expertParametersPerGpu(model, split);
    long dense = Exact.bytes(
        TrainingSizing.parametersPerGpu(model, split) - expertParameters, model.dtype());
    long experts = Exact.bytes(expertParameters, model.dtype());
    if (zero != ZeroStage.THREE) {
      return Exact.plus(dense, experts);
    }
    long shards = (long) split.data() * split.context();
    return Exact.plus(Exact.ceilDiv(dense, shards),
        Exact.ceilDiv(experts, shards / split.expert()));
  }

  /** Returns the learner GPU memory available: reported − reserved, in bytes. */
  static long learnerAvailableBytes(PoolInput learners) {
    long reserved = Exact.ceil(Exact.decimal(learners.reservedGbPerGpu()).multiply(BYTES_PER_GB));
    return learners.gpu().reportedMemoryBytes() - reserved;
  }

  /**
   * Returns the figures of a loop whose inputs passed {@link RlValidation} and whose actor
   * replicas hold its longest rollout.
   */
  public static RlFigures figures(RlInput input) {
    FleetInput fleet = actorFleet(input);
    FleetFigures replica = FleetSizing.figures(fleet);
    Rollout rollout = rollout(input, fleet, replica, input.actors().gpus());
    double train = trainSeconds(input, input.learners().gpus());
    long trainTokens = trainTokensPerStep(input);

    LearnerMemory memory = learnerMemory(input, input.algorithm());
    long grpo = learnerMemory(input, RlAlgorithm.GRPO).totalBytes();
    long ppo = learnerMemory(input, RlAlgorithm.PPO).totalBytes();

    long syncBytes = Exact.bytes(input.policy().parameters(),
        input.actors().heldIn(input.policy().dtype()));
    double sync = syncBytes / (input.broadcastGbPerSecond() * 1e9 * input.broadcastEfficiency());
    double synchronous = synchronousStepSeconds(rollout.seconds(), train, sync);
    double overlapped = overlappedStepSeconds(rollout.seconds(), train, sync);
    double step = input.maxStaleness() == 0 ? synchronous : overlapped;
    long[] balanced = balance(input, fleet, replica, sync, step);
    double balancedRollout = rollout(input, fleet, replica, balanced[0]).seconds();
    double balancedTrain = trainSeconds(input, balanced[1]);

    return new RlFigures(
        sequencesPerStep(input), rolloutTokensPerStep(input), trainTokens, rollout.replicas(),
        rollout.batch(), 1000 * rollout.stepSeconds(), rollout.tokensPerSecond(),
        rollout.bulkSeconds(), rollout.tailSeconds(), rollout.seconds(),
        learnerFlopsPerStep(input), train, trainTokens / train, memory.policyStateBytes(),
        memory.referenceBytes(), memory.rewardBytes(), memory.criticStateBytes(),
        memory.activationBytes(), memory.totalBytes(), grpo, ppo,
        learnerAvailableBytes(input.learners()), syncBytes, sync, synchronous, overlapped, step,
        rollout.seconds() >= train ? RlFigures.ROLLOUT : RlFigures.TRAIN,
        1 - rollout.seconds() / step, 1 - train / step, trainTokens / step, balanced[0],
        balanced[1], balancedRollout, balancedTrain);
  }

  /**
   * Returns {actor GPUs, learner GPUs}: the split of the same GPUs, in whole actor replicas and
   * whole learner model-parallel groups whose data × context ranks the expert degree divides,
   * that equalizes rollout and training throughput (the step's tokens over the actors' rate
   * against the update's time; issue #4), or the declared split when that one's step is longer
   * than the declared {@code step}. The longest rollout decodes alone however many actors there
   * are, so it is left out of the balance, not of the step. The learners' memory at the new
   * data degree is not checked here.
   */
  static long[] balance(
      RlInput input, FleetInput fleet, FleetFigures replica, double sync, double step) {
    long total = (long) input.actors().gpus() + input.learners().gpus();
    long actorReplica = replica.gpusPerReplica();
    ReplicaSplit learners = input.learners().split();
    long learnerGroup = (long) learners.tensor() * learners.pipeline() * learners.context();
    long dataMultiple = TrainingSizing.dataMultiple(learners);
    long[] declared = {input.actors().gpus(), input.learners().gpus()};
    long[] best = declared;
    double bestGap = Double.MAX_VALUE;
    for (long actorGpus = actorReplica; actorGpus < total; actorGpus += actorReplica) {
      long learnerGpus = total - actorGpus;
      if (learnerGpus % learnerGroup != 0 || learnerGpus / learnerGroup % dataMultiple != 0) {
        continue;
      }
      // Throughput, not the phase: the tail decodes alone whatever the pool's size.
      double gap = Math.abs(rollout(input, fleet, replica, actorGpus).bulkSeconds()
          - trainSeconds(input, learnerGpus));
      if (gap < bestGap) {
        bestGap = gap;
        best = new long[] {actorGpus, learnerGpus};
      }
    }
    double bestStep = stepSeconds(input, rollout(input, fleet, replica, best[0]).seconds(),
        trainSeconds(input, best[1]), sync);
    return bestStep > step ? declared : best;
  }

  /**
   * Returns the full analysis of a loop: validation, the actors' fit, figures, the learners'
   * memory, the idle, broadcast, staleness and tail checks, and the binding constraint.
   */
  public static RlAnalysis analyse(RlInput input) {
    List<Finding> findings = new ArrayList<>();
    try {
      findings.addAll(RlValidation.check(input));
      if (hasErrors(findings)) {
        boolean layout = findings.stream().anyMatch(finding ->
            finding.diagnostic() == Diagnostic.LAYOUT
                || finding.diagnostic() == Diagnostic.HEADS_DIVISIBLE);
        return invalid(input, findings, layout ? Constraint.LAYOUT : Constraint.INPUT);
      }
      FleetInput fleet = actorFleet(input);
      FleetFigures replica = FleetSizing.figures(fleet);
      long longest = longestKvBytesPerGpu(input, fleet);
      if (replica.kvRoomBytesPerGpu() < longest || replica.kvBoundRequestsPerReplica() == 0) {
        findings.add(Diagnostic.ACTOR_MEMORY.at(Subject.whole(ACTORS),
            actorLine(input, replica, longest), "a higher actor tensor degree, actors in FP8"
                + " (precision = Precision.FP8), or a lower maxRolloutTokens"));
        return invalid(input, findings, Constraint.ACTOR_MEMORY);
      }
      RlFigures figures = figures(input);
      figures.requireFinite(input.name());
      Constraint binding = RlFigures.ROLLOUT.equals(figures.bound())
          ? Constraint.ROLLOUT
          : Constraint.TRAIN;
      if (!figures.learnerFits()) {
        binding = Constraint.LEARNER_MEMORY;
        findings.add(memoryFinding(input, figures));
      }
      findings.addAll(stepFindings(input, figures));
      return new RlAnalysis(input, Verdict.of(findings), binding, Optional.of(figures),
          List.copyOf(findings));
    } catch (ArithmeticException overflow) {
      findings.add(Diagnostic.OVERFLOW.at(Subject.whole(RL_LOOP), input.name()));
      return invalid(input, findings, Constraint.INPUT);
    }
  }

  /**
   * Returns the analysis of a loop whose annotations could not be read into a complete input:
   * only its name and the errors are meaningful.
   */
  public static RlAnalysis unread(RlInput input, List<Finding> errors) {
    return invalid(input, errors, Constraint.INPUT);
  }

  private static RlAnalysis invalid(RlInput input, List<Finding> findings, Constraint binding) {
    return new RlAnalysis(input, Verdict.FAIL, binding, Optional.empty(), List.copyOf(findings));
  }

  private static boolean hasErrors(List<Finding> findings) {
    return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
  }

  private static String actorLine(RlInput input, FleetFigures replica, long longest) {
    return "each actor GPU has " + Units.decimalBytes(Math.max(0, replica.kvRoomBytesPerGpu()))
        + " for KV cache after " + Units.decimalBytes(replica.weightBytesPerGpu())
        + " of weights, and the longest rollout (" + Units.count(input.promptTokens()) + " + "
        + Units.count(input.maxRolloutTokens()) + " tokens) needs " + Units.decimalBytes(longest)
        + " of it at tensor = " + input.actors().split().tensor();
  }

  /** Returns the learner-memory error, or the critic error when GRPO would fit. */
  private static Finding memoryFinding(RlInput input, RlFigures f) {
    String have = Units.decimalBytes(f.learnerAvailableBytesPerGpu()) + " available";
    List<String> levers = memoryLevers(input);
    String fix = levers.isEmpty()
        ? "more learner GPUs, or learners with more memory"
        : String.join("; or ", levers);
    if (input.algorithm() == RlAlgorithm.PPO
        && f.grpoLearnerBytesPerGpu() <= f.learnerAvailableBytesPerGpu()) {
      return Diagnostic.CRITIC_MEMORY.at(Subject.of(RL_LOOP, "algorithm"),
          "its training state adds " + Units.decimalBytes(f.criticStateBytesPerGpu())
              + " per learner GPU, " + Units.decimalBytes(f.learnerBytesPerGpu()) + " in all of "
              + have, Units.decimalBytes(f.grpoLearnerBytesPerGpu()), fix);
    }
    return Diagnostic.LEARNER_MEMORY.at(Subject.whole(LEARNERS),
        "policy state " + Units.decimalBytes(f.policyStateBytesPerGpu()) + " + reference "
            + Units.decimalBytes(f.referenceBytesPerGpu()) + " + reward "
            + Units.decimalBytes(f.rewardBytesPerGpu()) + " + critic "
            + Units.decimalBytes(f.criticStateBytesPerGpu()) + " + activations "
            + Units.decimalBytes(f.activationBytesPerGpu()) + " = "
            + Units.decimalBytes(f.learnerBytesPerGpu()) + " per GPU, more than the " + have,
        fix);
  }

  /** Returns the single changes that make the learners fit, each with its bytes per GPU. */
  static List<String> memoryLevers(RlInput input) {
    List<String> levers = new ArrayList<>();
    PoolInput learners = input.learners();
    long available = learnerAvailableBytes(learners);
    if (learners.zero() != ZeroStage.THREE) {
      PoolInput sharded = new PoolInput(learners.gpu(), learners.gpus(), learners.precision(),
          learners.split(), ZeroStage.THREE, learners.reservedGbPerGpu());
      fitting(input.withPools(input.actors(), sharded), available, "zero = THREE", levers);
    }
    if (input.learnerRecompute() != Recompute.FULL) {
      fitting(input.withLearnerRecompute(Recompute.FULL), available, "learnerRecompute = FULL",
          levers);
    }
    ReplicaSplit split = learners.split();
    if (split.data() % 2 == 0) {
      ReplicaSplit longer = new ReplicaSplit(split.tensor(), split.pipeline(), split.expert(),
          split.data() / 2, split.context() * 2);
      fitting(input.withPools(input.actors(), learners.withLayout(learners.gpus(), longer)),
          available, "context = " + longer.context() + " with data = " + longer.data(), levers);
    }
    if (input.reward().isPresent()) {
      fitting(input.withReward(Optional.empty()), available,
          "a programmatic verifier instead of the reward model", levers);
    }
    return levers;
  }

  private static void fitting(RlInput changed, long available, String change,
      List<String> levers) {
    long bytes = learnerMemory(changed, changed.algorithm()).totalBytes();
    if (bytes <= available) {
      levers.add(change + " (" + Units.decimalBytes(bytes) + " per GPU)");
    }
  }

  /** Returns the idle, broadcast, staleness and tail findings of a sized loop. */
  private static List<Finding> stepFindings(RlInput input, RlFigures f) {
    List<Finding> findings = new ArrayList<>();
    String phases = "rollout " + Units.fixed(f.rolloutSeconds(), 1) + " s, training "
        + Units.fixed(f.trainSeconds(), 1) + " s, broadcast "
        + Units.fixed(f.weightSyncSeconds(), 1) + " s, step " + Units.fixed(f.stepSeconds(), 1)
        + " s";
    boolean rolloutBound = RlFigures.ROLLOUT.equals(f.bound());
    double idle = rolloutBound ? f.learnerIdleFraction() : f.actorIdleFraction();
    // Out of balance: one side's phase much shorter than the other's. A synchronous loop idles
    // by construction as well; that is the staleness note's subject, not a split's.
    double imbalance = 1 - Math.min(f.rolloutSeconds(), f.trainSeconds())
        / Math.max(f.rolloutSeconds(), f.trainSeconds());
    // The balanced split is advice only when it shortens the step: a tail-bound rollout does
    // not shrink with more actors, and the rollout-tail warning says what does.
    double balancedStep = stepSeconds(input, f.balancedRolloutSeconds(),
        f.balancedTrainSeconds(), f.weightSyncSeconds());
    boolean splitHelps = balancedStep < (1 - SPLIT_GAIN) * f.stepSeconds();
    if (imbalance > IDLE_THRESHOLD && splitHelps) {
      String fix = "split the same " + Units.count(f.balancedActorGpus() + f.balancedLearnerGpus())
          + " GPUs as " + Units.count(f.balancedActorGpus()) + " actor and "
          + Units.count(f.balancedLearnerGpus()) + " learner GPUs, the split that best"
          + " equalizes rollout and training throughput: " + Units.fixed(balancedStep, 1)
          + " s a step"
          + (input.maxStaleness() == 0 ? "; or overlap them with maxStaleness = 1" : "");
      findings.add(Diagnostic.RL_IDLE.at(Subject.of(rolloutBound ? LEARNERS : ACTORS, "gpus"),
          rolloutBound ? "learners" : "actors", Units.percent(idle), phases, fix));
    }
    double visibleSync = input.maxStaleness() == 0
        ? f.weightSyncSeconds()
        : f.stepSeconds() - Math.max(f.rolloutSeconds(), f.trainSeconds());
    if (visibleSync / f.stepSeconds() > SYNC_THRESHOLD) {
      findings.add(Diagnostic.WEIGHT_SYNC.at(Subject.of(RL_LOOP, "broadcastGbPerSecond"),
          Units.percent(visibleSync / f.stepSeconds()),
          Units.decimalBytes(f.weightSyncBytes()) + " of weights at "
              + Units.number(input.broadcastGbPerSecond()) + " GB/s × "
              + Units.number(input.broadcastEfficiency()) + " efficiency = "
              + Units.fixed(f.weightSyncSeconds(), 1) + " s"
              + (input.maxStaleness() == 0
                  ? ""
                  : ", " + Units.fixed(visibleSync, 1) + " s of it not hidden by the slack"
                      + " between rollout and training,")
              + " of a " + Units.fixed(f.stepSeconds(), 1) + " s step",
          "more broadcast bandwidth, actors holding the policy in fewer bits (precision ="
              + " Precision.FP8 halves BF16's bytes)"
              + (input.maxStaleness() == 0 ? ", or maxStaleness = 1 to hide it" : "")));
    }
    if (input.maxStaleness() == 0
        && f.overlappedStepSeconds() < (1 - OVERLAP_GAIN) * f.synchronousStepSeconds()) {
      findings.add(Diagnostic.STALENESS.at(Subject.of(RL_LOOP, "maxStaleness"),
          Units.fixed(f.rolloutSeconds(), 1) + " s + " + Units.fixed(f.trainSeconds(), 1)
              + " s + " + Units.fixed(f.weightSyncSeconds(), 1) + " s = "
              + Units.fixed(f.synchronousStepSeconds(), 1) + " s per step",
          Units.fixed(f.overlappedStepSeconds(), 1) + " s per step, " + Units.percent(
              1 - f.overlappedStepSeconds() / f.synchronousStepSeconds()) + " shorter"));
    }
    if (f.bulkRolloutSeconds() < TAIL_THRESHOLD * f.tailRolloutSeconds()) {
      findings.add(Diagnostic.ROLLOUT_TAIL.at(Subject.of(RL_LOOP, "maxRolloutTokens"),
          "the longest rollout (" + Units.count(input.maxRolloutTokens()) + " tokens) decodes"
              + " alone at " + Units.count(Math.round(input.maxRolloutTokens()
                  / f.tailRolloutSeconds())) + " tokens/s for "
              + Units.fixed(f.tailRolloutSeconds(), 1) + " s, while the step's "
              + Units.count(f.rolloutTokensPerStep()) + " tokens need "
              + Units.fixed(f.bulkRolloutSeconds(), 1) + " s at the actors' "
              + Units.count(Math.round(f.rolloutTokensPerSecond())) + " tokens/s: the phase"
              + " waits " + Units.percent(1 - f.bulkRolloutSeconds() / f.tailRolloutSeconds())
              + " of its " + Units.fixed(f.rolloutSeconds(), 1) + " s on the tail",
          "cap generation with a lower maxRolloutTokens, carry unfinished rollouts into the next"
              + " step (partial rollouts, with maxStaleness ≥ 1), or decode faster alone (a"
              + " higher actor tensor degree)"));
    }
    return findings;
  }
}
