package dev.headroom.runtime.report;

import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.runtime.rl.PoolInput;
import dev.headroom.runtime.rl.RlAnalysis;
import dev.headroom.runtime.rl.RlFigures;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.rl.RlSizing;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.training.TrainingSizing;
import dev.headroom.runtime.units.Units;
import java.util.function.Consumer;

/**
 * Writes the RL-loop sections of a design doc: the rollout phase, the update, the learners'
 * memory under GRPO and PPO side by side, the weight broadcast, the step, and the balanced
 * split, each formula with its numbers.
 */
final class RlDoc extends MarkdownSection {
  RlDoc(StringBuilder out) {
    super(out);
  }

  /** Writes the diagram nodes of the design's RL loops. */
  static void diagram(DesignAnalysis design, Consumer<String> line) {
    int index = 0;
    for (RlAnalysis loop : design.stages(RlAnalysis.class)) {
      RlInput input = loop.input();
      String actors = "actors" + index;
      String learners = "learners" + index;
      String judge = "reward" + index++;
      line.accept("  " + actors + "[\"" + input.name() + " actors: " + pool(input.actors())
          + "<br/>" + label(input.policy().name()) + " "
          + input.actors().heldIn(input.policy().dtype())
          + "\"] -->|\"rollouts\"| " + judge + "{{\""
          + input.reward().map(reward -> "reward model " + label(reward.name()))
              .orElse("verifier")
          + "\"}}");
      line.accept("  " + judge + " -->|\"scored rollouts\"| " + learners + "[\"" + input.name()
          + " learners: " + pool(input.learners()) + "<br/>" + input.algorithm() + ", zero "
          + input.learners().zero() + "\"]");
      String broadcast = loop.figures()
          .map(f -> "weights " + Units.decimalBytes(f.weightSyncBytes()) + ", "
              + Units.fixed(f.weightSyncSeconds(), 1) + " s")
          .orElse("weights");
      line.accept("  " + learners + " -.->|\"" + broadcast + "\"| " + actors);
    }
  }

  private static String pool(PoolInput pool) {
    ReplicaSplit split = pool.split();
    return Units.count(pool.gpus()) + " × " + pool.gpu().name() + ", " + split.replicaDegrees()
        + (split.data() > 1 ? " × data " + split.data() : "");
  }

  /** Writes the section of one RL loop. */
  void loop(RlAnalysis loop) {
    RlInput input = loop.input();
    line("## " + input.name() + " (RL loop)");
    line();
    if (loop.figures().isEmpty()) {
      line("Verdict: **fail**. The loop was not sized: "
          + (loop.binding() == Constraint.ACTOR_MEMORY
              ? loop.binding().rule() + ":"
              : "its inputs or its layout are invalid:"));
      line();
      findings(loop.findings());
      return;
    }
    RlFigures f = loop.figures().get();
    line(input.algorithm() + " on " + text(input.policy().name()) + ", rewarded by "
        + input.reward().map(reward -> "the reward model " + text(reward.name()))
            .orElse("a programmatic verifier")
        + (input.reference() == input.policy()
            ? ", with a frozen copy of the policy as its KL reference"
            : ", with " + text(input.reference().name()) + " as its frozen KL reference")
        + "; actors "
        + pool(input.actors()) + ", learners " + pool(input.learners()) + ", maxStaleness = "
        + input.maxStaleness() + (input.maxStaleness() == 0 ? " (synchronous)" : "")
        + ". Verdict: **" + loop.verdict().jsonName() + "**; binding constraint: **"
        + loop.binding().id() + "**.");
    line();
    rollout(input, f);
    training(input, f);
    memory(input, f);
    broadcast(input, f);
    step(input, f);
    balance(input, f);
    line("### Binding constraint");
    line();
    line("**" + loop.binding().id() + "**: " + loop.binding().rule() + ".");
    line();
    if (!loop.findings().isEmpty()) {
      line("### Findings");
      line();
      findings(loop.findings());
    }
    line("### Assumptions");
    line();
    line("- Actors are serving replicas with no latency target: each decodes as many sequences"
        + " as its KV room holds at the mean length (prompt + mean rollout), and the decode step"
        + " is the serving engine's roofline. Prefill of the prompts is not counted.");
    line("- The longest rollout decodes alone at the end of the phase, holding its full KV.");
    line("- The update counts 6 × N FLOPs per token for what trains (policy, PPO's critic) and"
        + " 2 × N for what only runs forward (reference, reward model), at "
        + Units.percent(input.learnerMfu()) + " MFU; learners hold mixed-precision AdamW state"
        + " (16 bytes per parameter) by ZeRO stage, frozen models in their dtype.");
    line("- The balanced split keeps the total GPUs, in whole actor replicas and whole learner"
        + " model-parallel groups; it does not re-check the learners' memory at the new data"
        + " degree.");
    line();
  }

  private void rollout(RlInput input, RlFigures f) {
    line("### Rollout");
    line();
    line("- sequences per step = " + Units.count(input.promptsPerStep()) + " prompts × "
        + Units.count(input.samplesPerPrompt()) + " samples = "
        + Units.count(f.sequencesPerStep()) + "; generated tokens = "
        + Units.count(f.sequencesPerStep()) + " × " + Units.count(input.rolloutTokens())
        + " = " + Units.count(f.rolloutTokensPerStep()));
    line("- per actor replica: a batch of min(what its KV room holds, ⌈"
        + Units.count(f.sequencesPerStep()) + " / " + Units.count(f.actorReplicas())
        + " replicas⌉) = " + Units.count(f.actorBatch()) + " sequences, one decode step "
        + Units.millis(f.actorStepMillis()));
    long busy = Math.min(f.actorReplicas(),
        (f.sequencesPerStep() + f.actorBatch() - 1) / f.actorBatch());
    line("- pool throughput = " + Units.count(busy) + " busy replicas (min(" + Units.count(
        f.actorReplicas()) + ", ⌈" + Units.count(f.sequencesPerStep()) + " / "
        + Units.count(f.actorBatch()) + "⌉)) × " + Units.count(f.actorBatch()) + " / "
        + Units.millis(f.actorStepMillis()) + " = "
        + Units.count(Math.round(f.rolloutTokensPerSecond())) + " tokens/s");
    line("- bulk = " + Units.count(f.rolloutTokensPerStep()) + " / "
        + Units.count(Math.round(f.rolloutTokensPerSecond())) + " tokens/s = "
        + Units.fixed(f.bulkRolloutSeconds(), 1) + " s; tail = "
        + Units.count(input.maxRolloutTokens()) + " tokens decoded alone = "
        + Units.fixed(f.tailRolloutSeconds(), 1) + " s; the phase = max = "
        + Units.fixed(f.rolloutSeconds(), 1) + " s");
    line();
  }

  private void training(RlInput input, RlFigures f) {
    StringBuilder terms = new StringBuilder("6 × "
        + Units.count(input.policy().activeParameters()) + " + 2 × "
        + Units.count(input.reference().activeParameters()));
    input.reward().ifPresent(reward -> terms.append(" + 2 × ")
        .append(Units.count(reward.activeParameters())));
    if (input.algorithm() == RlAlgorithm.PPO) {
      terms.append(" + 6 × ").append(Units.count(input.critic().activeParameters()));
    }
    line("### Update");
    line();
    line("- trained tokens = " + Units.count(f.sequencesPerStep()) + " × ("
        + Units.count(input.promptTokens()) + " + " + Units.count(input.rolloutTokens())
        + ") = " + Units.count(f.trainTokensPerStep()));
    line("- FLOPs = " + Units.count(f.trainTokensPerStep()) + " × (" + terms + ") = "
        + Units.scientific(f.learnerFlopsPerStep()));
    line("- time = " + Units.scientific(f.learnerFlopsPerStep()) + " / ("
        + Units.count(input.learners().gpus()) + " × "
        + Units.flops(input.learners().gpu().denseBf16FlopsPerSecond()) + " × "
        + Units.number(input.learnerMfu()) + ") = " + Units.fixed(f.trainSeconds(), 1) + " s, "
        + Units.count(Math.round(f.trainTokensPerSecond())) + " tokens/s");
    line();
  }

  private void memory(RlInput input, RlFigures f) {
    boolean ppo = input.algorithm() == RlAlgorithm.PPO;
    long critic = RlSizing.learnerMemory(input, RlAlgorithm.PPO).criticStateBytes();
    line("### Learner memory per GPU, GRPO against PPO");
    line();
    line("| part | GRPO | PPO |");
    line("| --- | --- | --- |");
    row("policy state (16 bytes per parameter, zero " + input.learners().zero() + ")",
        f.policyStateBytesPerGpu(), f.policyStateBytesPerGpu());
    row("reference weights", f.referenceBytesPerGpu(), f.referenceBytesPerGpu());
    row("reward model weights", f.rewardBytesPerGpu(), f.rewardBytesPerGpu());
    row("critic state", 0, critic);
    row("activations (" + Units.count(input.promptTokens() + input.maxRolloutTokens())
        + "-token sequence, recompute " + input.learnerRecompute() + ")",
        f.activationBytesPerGpu(), f.activationBytesPerGpu());
    line("| **total** | **" + Units.decimalBytes(f.grpoLearnerBytesPerGpu()) + "** | **"
        + Units.decimalBytes(f.ppoLearnerBytesPerGpu()) + "** |");
    line();
    line("Available per learner GPU: " + Units.decimalBytes(f.learnerAvailableBytesPerGpu())
        + ". This loop runs " + input.algorithm() + ": "
        + (f.learnerFits() ? "it fits" : "**it does not fit**") + (ppo
            ? "."
            : "; a critic would cost " + Units.decimalBytes(critic) + " more per GPU"
                + (f.ppoLearnerBytesPerGpu() > f.learnerAvailableBytesPerGpu()
                    ? ", more than the learners have." : ".")));
    line();
  }

  private void row(String part, long grpo, long ppo) {
    line("| " + part + " | " + Units.decimalBytes(grpo) + " | " + Units.decimalBytes(ppo) + " |");
  }

  private void broadcast(RlInput input, RlFigures f) {
    line("### Weight broadcast");
    line();
    line("- policy at the actors' precision = " + Units.count(input.policy().parameters())
        + " × " + Units.number(input.actors().heldIn(input.policy().dtype()).bitsPerElement())
        + " bits / 8 = " + Units.decimalBytes(f.weightSyncBytes()));
    line("- time = " + Units.decimalBytes(f.weightSyncBytes()) + " / ("
        + Units.number(input.broadcastGbPerSecond()) + " GB/s × "
        + Units.number(input.broadcastEfficiency()) + ") = "
        + Units.fixed(f.weightSyncSeconds(), 1) + " s, "
        + (input.maxStaleness() == 0
            ? "between the update and the next rollout, with both sides waiting"
            : "while the actors keep generating with the previous version; only the part"
                + " longer than the slack |rollout − training| shows in the step"));
    line();
  }

  private void step(RlInput input, RlFigures f) {
    String r = Units.fixed(f.rolloutSeconds(), 1);
    String t = Units.fixed(f.trainSeconds(), 1);
    String s = Units.fixed(f.weightSyncSeconds(), 1);
    line("### Step");
    line();
    line("- synchronous = rollout + update + broadcast = " + r + " + " + t + " + " + s + " = "
        + Units.fixed(f.synchronousStepSeconds(), 1) + " s");
    line("- with staleness ≥ 1 = max(" + r + ", " + t + ") + max(0, " + s + " − |" + r + " − "
        + t + "|) = " + Units.fixed(f.overlappedStepSeconds(), 1) + " s");
    line("- this loop (maxStaleness = " + input.maxStaleness() + "): "
        + Units.fixed(f.stepSeconds(), 1) + " s per step, bound by " + f.bound()
        + "; actors idle " + Units.percent(f.actorIdleFraction()) + ", learners idle "
        + Units.percent(f.learnerIdleFraction()));
    line("- trained tokens per second = " + Units.count(f.trainTokensPerStep()) + " / "
        + Units.fixed(f.stepSeconds(), 1) + " s = "
        + Units.count(Math.round(f.trainedTokensPerSecond())));
    line();
  }

  private void balance(RlInput input, RlFigures f) {
    String rule = " (the step's tokens over the actors' rate against the update; the longest"
        + " rollout decodes alone whatever the pool's size)";
    line("### Balance");
    line();
    if (f.balancedActorGpus() == input.actors().gpus()) {
      ReplicaSplit learners = input.learners().split();
      long multiple = TrainingSizing.dataMultiple(learners);
      line("The split of the same " + Units.count(input.actors().gpus() + input.learners().gpus())
          + " GPUs that best equalizes rollout and training throughput" + rule + ", in whole"
          + " actor replicas and whole learner model-parallel groups"
          + (multiple == 1 ? "" : " with data a multiple of " + multiple + " (expert = "
              + learners.expert() + " divides data × context " + learners.context() + ")")
          + ", steps no faster than the declared split, which stays the balanced one:");
    } else {
      line("The split of the same " + Units.count(f.balancedActorGpus() + f.balancedLearnerGpus())
          + " GPUs that equalizes rollout and training throughput" + rule + ", with the step"
          + " each split gives:");
    }
    line();
    line("| split | actor GPUs | learner GPUs | rollout | update | step |");
    line("| --- | --- | --- | --- | --- | --- |");
    line("| declared | " + Units.count(input.actors().gpus()) + " | "
        + Units.count(input.learners().gpus()) + " | " + Units.fixed(f.rolloutSeconds(), 1)
        + " s | " + Units.fixed(f.trainSeconds(), 1) + " s | " + Units.fixed(f.stepSeconds(), 1)
        + " s |");
    line("| balanced | " + Units.count(f.balancedActorGpus()) + " | "
        + Units.count(f.balancedLearnerGpus()) + " | "
        + Units.fixed(f.balancedRolloutSeconds(), 1) + " s | "
        + Units.fixed(f.balancedTrainSeconds(), 1) + " s | "
        + Units.fixed(RlSizing.stepSeconds(input, f.balancedRolloutSeconds(),
            f.balancedTrainSeconds(), f.weightSyncSeconds()), 1) + " s |");
    line();
  }
}
