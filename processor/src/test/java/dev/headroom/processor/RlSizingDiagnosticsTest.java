package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyWarning;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Checks that each sized {@code @RlLoop} finding lands on its value, numbers worked by hand. */
class RlSizingDiagnosticsTest {
  // The catalogue and the model: an H100 SXM reports 81,559 MiB = 85,520,809,984 B, reads HBM
  // at 3.35e12 B/s and computes 989.4e12 dense BF16 FLOP/s; the Llama 3 70B shape has 80
  // layers, d = 8,192, 64 query and 8 KV heads of 128, and 70e9 parameters, 140e9 B in BF16.
  //
  // The capstone's actors (448 H100 at tensor 4, BF16): weights 140e9 / 4 = 35e9 B per GPU; 8 / 4 =
  // 2 KV heads per GPU, so 2 × 80 × 2 × 128 × 2 B = 81,920 B per token per GPU; KV room
  // 85,520,809,984 − 35e9 − 5e9 reserved = 45,520,809,984 B; a sequence of 1,000 + 4,000 tokens
  // holds 81,920 × 5,000 = 409,600,000 B, so a replica holds ⌊45,520,809,984 / 409,600,000⌋ =
  // 111. A step is 256 × 16 = 4,096 sequences over 448 / 4 = 112 replicas: batch min(111, ⌈4,096
  // / 112⌉) = 37 on ⌈4,096 / 37⌉ = 111 replicas; one decode step reads 35e9 + 37 ×
  // 409,600,000 = 50,155,200,000 B in 14.9717 ms (its 2 × 70e9 × 37 / 4 FLOPs take 1.31 ms), so
  // the pool makes 111 × 37 / 14.9717 ms = 274,318 tokens/s and the step's 4,096 × 4,000 =
  // 16,384,000 tokens take 59.73 s. The longest rollout decodes alone holding 81,920 × (1,000 +
  // 8,192) = 753,008,640 B: 8,192 × (35e9 + 753,008,640) / 3.35e12 = 87.43 s, the rollout phase.
  //
  // The learners (320 H100, tensor 8 × data 40, ZeRO-3): the update trains 4,096 × 5,000 =
  // 20,480,000 tokens at 6 × 70e9 (policy) + 2 × 70e9 (reference) FLOPs each = 1.14688e19
  // FLOPs, 1.14688e19 / (320 × 989.4e12 × 0.4) = 90.56 s; 1.14688e19 / (989.4e12 × 0.4) =
  // 28,979.2 GPU-seconds, so training on l GPUs takes 28,979.2 / l s. The broadcast moves
  // 140e9 B at 50e9 B/s × 0.5 = 5.6 s. One step behind: max(87.43, 90.56) + max(0, 5.6 −
  // 3.13) = 93.03 s. Memory per learner GPU: 70e9 / 8 = 8.75e9 parameters; ZeRO-3 over 40
  // shards the 16 B of state, 3.5e9 B, and the frozen reference, 2 × 8.75e9 / 40 = 437.5e6 B;
  // full recompute keeps 2 × (1,000 + 8,192) × 8,192 = 150,601,728 B per layer × 80 =
  // 12,048,138,240 B; 15,985,638,240 B = 15.99 GB of 85,520,809,984 − 5e9 = 80.52 GB.

  private static final DesignSource CAPSTONE = DesignSource.rl("Rl");

  private static final String ACTOR_MEMORY =
      "[headroom.actor-memory] the actors cannot hold a rollout: each actor GPU has 0 B for KV"
          + " cache after 140.00 GB of weights, and the longest rollout (1,000 + 8,192 tokens)"
          + " needs 3.01 GB of it at tensor = 1. Fix: a higher actor tensor degree, actors in FP8"
          + " (precision = Precision.FP8), or a lower maxRolloutTokens.";

  private static final String LEARNER_MEMORY =
      "[headroom.learner-memory] the learners do not fit in GPU memory: policy state 140.00 GB +"
          + " reference 17.50 GB + reward 0 B + critic 0 B + activations 12.05 GB = 169.55 GB"
          + " per GPU, more than the 80.52 GB available. Fix: zero = THREE (15.99 GB per GPU).";

  @Test
  void actorsAtTensorOneInBf16IsActorMemory() {
    // At tensor 1 a GPU holds all 140e9 B of BF16 weights, more than its 85.52 GB, so no room
    // is left for KV (0 B); the longest rollout needs 327,680 B per token (all 8 KV heads) ×
    // 9,192 tokens = 3,012,034,560 B = 3.01 GB of it.
    JavaFileObject design = CAPSTONE.replace("tensor = 4", "tensor = 1").file();

    Compilation compilation = compile(design);

    assertThat(compilation).hadErrorContaining(ACTOR_MEMORY);
    assertThat(compilation).hadErrorCount(1);
    assertThat(count(compilation.notes(), "[headroom.summary] Rl: fail. PolicyRl was not sized:"
        + " an actor replica must hold the policy and its longest rollout.")).isEqualTo(1);
  }

  @Test
  void actorsAtTensorOneInBf16IsActorMemoryOnActorsPool() {
    // As above; the finding is about the actors' @Pool as a whole.
    JavaFileObject design = CAPSTONE.replace("tensor = 4", "tensor = 1").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, ACTOR_MEMORY, "actors = @Pool(");
  }

  @Test
  void unshardedLearnersIsLearnerMemoryNamingZeroThree() {
    // zero = NONE: the policy's 16 B × 8.75e9 = 140e9 B and the reference's 2 × 8.75e9 =
    // 17.5e9 B stay whole on each GPU; + 12,048,138,240 B of activations = 169,548,138,240 B
    // = 169.55 GB > 80.52 GB. Levers: zero = THREE gives the capstone's 15.99 GB, which fits;
    // learnerRecompute is FULL already and there is no reward model to drop.
    JavaFileObject design =
        CAPSTONE.replace("zero = ZeroStage.THREE", "zero = ZeroStage.NONE").file();

    Compilation compilation = compile(design);

    assertThat(compilation).hadErrorContaining(LEARNER_MEMORY);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void unshardedLearnersIsLearnerMemoryOnLearnersPool() {
    // As above; the finding is about the learners' @Pool as a whole.
    JavaFileObject design =
        CAPSTONE.replace("zero = ZeroStage.THREE", "zero = ZeroStage.NONE").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, LEARNER_MEMORY, "learners = @Pool(");
  }

  @Test
  void storedActivationsIsLearnerMemoryNamingFullRecompute() {
    // learnerRecompute = NONE stores s·(34·h + 5·a·s) / t per layer (Korthikanti, R-A1):
    // 9,192 × (34 × 8,192 + 5 × 64 × 9,192) / 8 = 9,192 × 3,219,968 / 8 = 3,699,743,232 B,
    // × 80 layers = 295,979,458,560 B; + 3.5e9 + 437.5e6 = 299,916,958,560 B = 299.92 GB.
    // zero is THREE already; learnerRecompute = FULL brings back the capstone's 15.99 GB.
    JavaFileObject design = CAPSTONE
        .insertBefore("broadcastGbPerSecond = 50", "      learnerRecompute = Recompute.NONE,")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("[headroom.learner-memory] the learners do not fit in GPU memory:"
            + " policy state 3.50 GB + reference 437.50 MB + reward 0 B + critic 0 B +"
            + " activations 295.98 GB = 299.92 GB per GPU, more than the 80.52 GB available. Fix:"
            + " learnerRecompute = FULL (15.99 GB per GPU).");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void ppoCriticThatDoesNotFitIsCriticMemoryOnAlgorithm() {
    // zero = ONE shards only the 12 B of optimizer state over 40: 2 × 8.75e9 + 2 × 8.75e9 +
    // 105e9 / 40 = 37,625,000,000 B per model trained; the reference keeps 17.5e9 B. GRPO:
    // 37.625e9 + 17.5e9 + 12,048,138,240 = 67,173,138,240 B = 67.17 GB, fits 80.52 GB. PPO's
    // critic (the policy's shape) adds another 37.625e9 B (37.62 GB, rounded half-even) =
    // 104,798,138,240 B = 104.80 GB. Lever: zero = THREE, 3.5e9 × 2 + 437.5e6 +
    // 12,048,138,240 = 19,485,638,240 B = 19.49 GB. PPO also trains the critic: (6 + 2 + 6) ×
    // 70e9 × 20,480,000 / (320 × 989.4e12 × 0.4) = 158.48 s, so the actors idle 1 − 87.43 /
    // 158.48 = 44.8%, a warning on their gpus.
    JavaFileObject design = CAPSTONE
        .replace("zero = ZeroStage.THREE", "zero = ZeroStage.ONE")
        .insertBefore("promptsPerStep = 256", "      algorithm = RlAlgorithm.PPO,")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.critic-memory] PPO's critic does not fit: its training state adds 37.62 GB"
            + " per learner GPU, 104.80 GB in all of 80.52 GB available; without it (GRPO) the"
            + " learners need 67.17 GB. Fix: algorithm = RlAlgorithm.GRPO, or zero = THREE"
            + " (19.49 GB per GPU).",
        "algorithm = RlAlgorithm.PPO");
    assertThat(compilation)
        .hadWarningContaining("[headroom.rl-idle] the actors idle 44.8% of each step")
        .inFile(design)
        .onLineContaining("gpus = 448");
  }

  @Test
  void tooFewLearnersIsRlIdleOnActorGpus() {
    // 160 learners (data 20) train in 28,979.2 / 160 = 181.12 s; the rollout stays 87.43 s and
    // the 5.6 s broadcast hides in the 93.69 s of slack, so the step is 181.12 s and the actors
    // idle 1 − 87.43 / 181.12 = 51.7%. Balanced split of the same 608 GPUs (actors in replicas
    // of 4, learners in groups of 8, so actors a multiple of 8), equalizing the bulk rollout
    // with the update (the tail does not shrink with more actors): 232 actors are 58 replicas
    // × batch ⌈4,096 / 58⌉ = 71 on ⌈4,096 / 71⌉ = 58 busy: step (35e9 + 71 × 409.6e6) /
    // 3.35e12 = 19.1288 ms, 58 × 71 / 19.1288 ms = 215,278 tokens/s, bulk 76.11 s, beside 376
    // learners training in 28,979.2 / 376 = 77.07 s: a gap of 0.97 s. 224 + 384: 56 × 74
    // (19.4956 ms, 77.08 s) against 75.47 s, 1.61 s; 240 + 368: 60 × 69 (18.8843 ms, 74.73 s)
    // against 78.75 s, 4.01 s. Splits further out only widen the gap. On 232 + 376 the rollout
    // is still its 87.43 s tail and the 77.07 s update hides the broadcast: an 87.43 s step.
    JavaFileObject design = CAPSTONE
        .replace("gpus = 320", "gpus = 160")
        .replace("data = 40", "data = 20")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.rl-idle] the actors idle 51.7% of each step: rollout 87.4 s, training 181.1 s,"
            + " broadcast 5.6 s, step 181.1 s. Fix: split the same 608 GPUs as 232 actor and 376"
            + " learner GPUs, the split that best equalizes rollout and training throughput: 87.4"
            + " s a step.",
        "gpus = 448");
  }

  @Test
  void tooFewActorsIsRlIdleOnLearnerGpus() {
    // 64 actors = 16 replicas, each at its KV bound of 111 (⌈4,096 / 16⌉ = 256 is more): a step
    // reads 35e9 + 111 × 409.6e6 = 80,465,600,000 B in 24.02 ms, so 16 × 111 / 24.02 ms =
    // 73,940 tokens/s and 16,384,000 tokens take 221.59 s, past the 87.43 s tail. Training
    // takes 90.56 s and the broadcast hides, so the learners idle 1 − 90.56 / 221.59 = 59.1%.
    // Balanced split of 384 GPUs: 128 actors (32 replicas × 111, 147,879 tokens/s, 110.79 s)
    // beside 256 learners (113.20 s): 2.41 s apart; 136 + 248 give 104.28 s against 116.85 s
    // and 120 + 264 give 118.18 s against 109.77 s, both further apart. Its step: the 110.79 s
    // rollout beside the 113.20 s update leaves 2.41 s of slack for the 5.6 s broadcast, so
    // 113.20 + (5.6 − 2.41) = 116.39 s.
    JavaFileObject design = CAPSTONE.replace("gpus = 448", "gpus = 64").file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.rl-idle] the learners idle 59.1% of each step: rollout 221.6 s, training 90.6"
            + " s, broadcast 5.6 s, step 221.6 s. Fix: split the same 384 GPUs as 128 actor and"
            + " 256 learner GPUs, the split that best equalizes rollout and training throughput:"
            + " 116.4 s a step.",
        "gpus = 320");
  }

  @Test
  void slowBroadcastIsWeightSyncOnBroadcastGbPerSecond() {
    // 140e9 B / (10e9 B/s × 0.5) = 28.0 s, of which the 3.13 s slack between rollout (87.43 s)
    // and training (90.56 s) hides some: the step is 90.56 + 28.0 − 3.13 = 115.43 s and the
    // broadcast shows for 24.87 / 115.43 = 21.5% of it, over 10%. The actors idle 1 − 87.43 /
    // 115.43 = 24.3%, under 30%, so this warning is alone.
    JavaFileObject design = CAPSTONE
        .replace("broadcastGbPerSecond = 50", "broadcastGbPerSecond = 10")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.weight-sync] the weight broadcast takes 21.5% of each step: 140.00 GB of"
            + " weights at 10 GB/s × 0.5 efficiency = 28.0 s, 24.9 s of it not hidden by the"
            + " slack between rollout and training, of a 115.4 s step. Fix: more"
            + " broadcast bandwidth, actors holding the policy in fewer bits (precision ="
            + " Precision.FP8 halves BF16's bytes).",
        "broadcastGbPerSecond = 10");
  }

  @Test
  void synchronousLoopIsStalenessNoteOnMaxStaleness() {
    // One after another: 87.43 + 90.56 + 5.6 = 183.59 s; one step behind: 93.03 s, 1 − 93.03 /
    // 183.59 = 49.3% shorter. The broadcast is 5.6 / 183.59 = 3.1% of the step: no warning.
    JavaFileObject design = CAPSTONE.replace("maxStaleness = 1", "maxStaleness = 0").file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadNoteContaining("[headroom.staleness] maxStaleness = 0 runs rollout, training and the"
            + " broadcast one after another: 87.4 s + 90.6 s + 5.6 s = 183.6 s per step. Letting"
            + " actors run one policy version behind (maxStaleness = 1) overlaps them: 93.0 s per"
            + " step, 49.3% shorter, at the price of slightly off-policy samples.")
        .inFile(design)
        .onLineContaining("maxStaleness = 0");
    // Rollout and training are 1 − 87.43 / 90.56 = 3.5% apart: in balance, so the idle time
    // is the synchronous schedule's alone, the note's subject, and no rl-idle warning.
    assertThat(compilation).hadWarningCount(0);
    assertThat(count(compilation.notes(), "[headroom.staleness]")).isEqualTo(1);
  }

  @Test
  void longTailIsRolloutTailOnMaxRolloutTokens() {
    // The longest rollout of 32,768 tokens holds 81,920 × 33,768 = 2,766,274,560 B of KV, which
    // fits the 45.52 GB of room; alone it decodes a token per (35e9 + 2,766,274,560) / 3.35e12
    // = 11.2735 ms, 32,768 / 369.41 s = 89 tokens/s, so 369.41 s, while the bulk takes 59.73 s
    // at 274,318 tokens/s: 59.73 < 0.5 × 369.41, and the phase waits 1 − 59.73 / 369.41 =
    // 83.8% of itself on the tail. The learners (90.56 s; their activations, 2 × 33,768 × 8,192
    // × 80 = 44.26 GB, still fit) idle 1 − 90.56 / 369.41 = 75.5%. Balanced split of 768: the
    // bulk and the update do not depend on the longest rollout (a sequence's KV is sized on its
    // mean, 5,000 tokens), so the capstone's balance holds: 328 actors (82 replicas × ⌈4,096 /
    // 82⌉ = 50, step (35e9 + 50 × 409.6e6) / 3.35e12 = 16.5612 ms, bulk 16,384,000 × 16.5612
    // ms / 4,100 = 66.18 s) beside 440 learners (28,979.2 / 440 = 65.86 s). It moves GPUs to
    // the idle learners and leaves the step at its 369.41 s tail, which no split shortens, so
    // no split is offered (no rl-idle warning): the tail is the rollout-tail warning's to fix.
    JavaFileObject design = CAPSTONE
        .replace("maxRolloutTokens = 8192", "maxRolloutTokens = 32768")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining("[headroom.rollout-tail] the rollout tail dominates: the longest"
            + " rollout (32,768 tokens) decodes alone at 89 tokens/s for 369.4 s, while the step's"
            + " 16,384,000 tokens need 59.7 s at the actors' 274,318 tokens/s: the phase waits"
            + " 83.8% of its 369.4 s on the tail. Fix: cap generation with a lower"
            + " maxRolloutTokens")
        .inFile(design)
        .onLineContaining("maxRolloutTokens = 32768");
    assertThat(compilation).hadWarningCount(1);
  }
}
