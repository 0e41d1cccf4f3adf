package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks that each invalid {@code @RlLoop} input or layout is an error on the value at fault. */
class RlDiagnosticsTest {
  private static final String SUMMARY = "[headroom.summary]";

  /** The capstone's loop: 448 actors at tensor 4, 320 learners at tensor 8 × data 40. */
  private static final DesignSource CAPSTONE = DesignSource.rl("Rl");

  /** A type without {@code @Model}, declared before the loop. */
  private static final String[] NOT_A_MODEL = {"  static final class NotAModel {}", ""};

  @Test
  void capstoneLoopCompilesWithOnlyItsSummary() {
    // Worked in RlSizingDiagnosticsTest: rollout 87.43 s (the 8,192-token tail), update
    // 90.56 s, broadcast 5.6 s; with maxStaleness = 1 the step is max(87.43, 90.56) +
    // max(0, 5.6 − 3.13) = 93.03 s, so training binds and the actors idle 1 − 87.43 / 93.03
    // = 6.0% of it, under the 30% that earns a warning.
    JavaFileObject design = CAPSTONE.file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .hadNoteContaining(SUMMARY + " Rl: pass. PolicyRl steps in 93.0 s (rollout 87.4 s,"
            + " training 90.6 s, broadcast 5.6 s), actors idle 6.0%, bound by train.")
        .inFile(design)
        .onLineContaining("public final class Rl");
    assertThat(compilation.notes()).hasSize(1);
  }

  /** Returns each invalid input as: the valid text, its invalid replacement, the error. */
  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        // GRPO's advantage is a sample's reward against its group's mean: a group of one has
        // nothing to compare with.
        Arguments.of("samplesPerPrompt = 16", "samplesPerPrompt = 1",
            "[headroom.input-range] samplesPerPrompt = 1 is out of range: it must be at least 2"
                + " for GRPO, whose advantage compares each sample with its group's mean. Fix: set"
                + " the group size, e.g. 16."),
        // The longest rollout, 2,000 tokens, cannot be shorter than the 4,000-token mean.
        Arguments.of("maxRolloutTokens = 8192", "maxRolloutTokens = 2000",
            "[headroom.input-range] maxRolloutTokens = 2,000 is out of range: it must be at least"
                + " the mean, rolloutTokens = 4,000. Fix: set the longest rollout a step can"
                + " produce, e.g. the generation limit."),
        Arguments.of("broadcastGbPerSecond = 50", "broadcastGbPerSecond = 0",
            "[headroom.input-range] broadcastGbPerSecond = 0.0 is out of range: it must be a"
                + " finite number above 0. Fix: set it to the bandwidth the broadcast gets, in"
                + " GB/s."),
        Arguments.of("promptsPerStep = 256", "promptsPerStep = 0",
            "[headroom.input-range] promptsPerStep = 0 is out of range: it must be a positive"
                + " count. Fix: set it to the prompts of one step, e.g. 256."),
        Arguments.of("maxStaleness = 1", "maxStaleness = -1",
            "[headroom.input-range] maxStaleness = -1 is out of range: it must be 0"
                + " (synchronous) or a positive number of policy versions."),
        // Nested twice: @RlLoop(actors = @Pool(parallelism = @Parallelism(tensor = 0))).
        Arguments.of("tensor = 4", "tensor = 0",
            "[headroom.input-range] tensor = 0 is out of range: it must be a positive count."
                + " Fix: set it to the tensor-parallel degree."),
        // Nested twice in the learners' pool.
        Arguments.of("data = 40", "data = 0",
            "[headroom.input-range] data = 0 is out of range: it must be a positive count. Fix:"
                + " set it to the data-parallel degree."),
        // Nested once: the learners' pool of no GPUs.
        Arguments.of("gpus = 320", "gpus = 0",
            "[headroom.input-range] gpus = 0 is out of range: it must be a positive count."));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidInputs")
  void invalidValueIsOneErrorOnItsLine(String valid, String invalid, String message) {
    JavaFileObject design = CAPSTONE.replace(valid, invalid).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, message, invalid);
    assertThat(count(compilation.notes(), SUMMARY + " Rl: fail. PolicyRl was not sized: 1 input"
        + " error.")).isEqualTo(1);
  }

  /** Returns each invalid member written anew as: the line it goes before, the line, the error. */
  static Stream<Arguments> invalidAddedInputs() {
    return Stream.of(
        // MFU is a share of peak: 1.5 would be 150% of it.
        Arguments.of("broadcastGbPerSecond = 50", "      learnerMfu = 1.5,",
            "[headroom.input-range] learnerMfu = 1.5 is out of range: it must be a fraction from"
                + " 0.01 to 1. Fix: keep the default 0.40 unless the learners' MFU has been"
                + " measured."),
        Arguments.of("broadcastGbPerSecond = 50", "      broadcastEfficiency = 0.0,",
            "[headroom.input-range] broadcastEfficiency = 0.0 is out of range: it must be a"
                + " fraction from 0.01 to 1. Fix: keep the default 0.5 unless refits have been"
                + " timed."),
        // An H100 reports 81,559 MiB = 85,520,809,984 B = 85.52 GB; 90 GB is beyond it.
        Arguments.of("gpus = 448", "          reservedGbPerGpu = 90.0,",
            "[headroom.input-range] reservedGbPerGpu = 90.0 is out of range: it must be at least"
                + " 0 and below the 85.52 GB the GPU reports."),
        Arguments.of("data = 40", "              expert = 2,",
            "[headroom.input-range] expert = 2 is out of range: it must be 1, because the model"
                + " is dense and has no experts to split."));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidAddedInputs")
  void invalidAddedValueIsOneErrorOnItsLine(String before, String line, String message) {
    JavaFileObject design = CAPSTONE.insertBefore(before, line).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, message, line.strip());
  }

  /** Returns each model member, the line it goes before, and how it is written. */
  static Stream<Arguments> modelMembers() {
    return Stream.of(
        Arguments.of("policy", "", "policy = Llama70B.class"),
        Arguments.of("reference", "promptsPerStep = 256", ""),
        Arguments.of("reward", "promptsPerStep = 256", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelMembers")
  void classWithoutModelIsNotAModelOnItsMember(String member, String before, String written) {
    String line = member + " = NotAModel.class";
    DesignSource source = written.isEmpty()
        ? CAPSTONE.insertBefore(before, "      " + line + ",")
        : CAPSTONE.replace(written, line);
    JavaFileObject design = source.insertBefore("/** GRPO", NOT_A_MODEL).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.not-a-model] " + line + " is not a model: the type has no @Model. Fix:"
            + " annotate NotAModel with @Model, or name a type that has one.",
        line);
  }

  @Test
  void criticWithoutModelUnderPpoIsNotAModelOnCritic() {
    // The critic is only read for PPO; GRPO has none.
    JavaFileObject design = CAPSTONE
        .insertBefore("promptsPerStep = 256",
            "      algorithm = RlAlgorithm.PPO,",
            "      critic = NotAModel.class,")
        .insertBefore("/** GRPO", NOT_A_MODEL)
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.not-a-model] critic = NotAModel.class is not a model", "critic = NotAModel");
  }

  @Test
  void actorGpusNotWholeReplicasIsLayoutOnActorGpus() {
    // A replica is tensor 4 × pipeline 1 = 4 GPUs; 450 / 4 = 112.5 replicas.
    JavaFileObject design = CAPSTONE.replace("gpus = 448", "gpus = 450").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.layout] the parallel layout does not add up: gpus = 450 is not a whole number"
            + " of actor replicas of tensor 4 × pipeline 1 = 4 GPUs. Fix: use a multiple of 4.",
        "gpus = 450");
  }

  @Test
  void learnerDegreesNotMultiplyingToGpusIsLayoutOnLearnerGpus() {
    // tensor 8 × pipeline 1 × data 40 × context 1 = 320 ≠ 300; 300 is not a multiple of the
    // 8 GPUs of a learner group, so the only fix is gpus = 320.
    JavaFileObject design = CAPSTONE.replace("gpus = 320", "gpus = 300").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.layout] the parallel layout does not add up: tensor 8 × pipeline 1 × data 40"
            + " × context 1 = 320 GPUs, but gpus = 300. Fix: set the learners' gpus = 320.",
        "gpus = 300");
  }

  @Test
  void actorTensorNotDividingHeadsIsHeadsDivisibleOnNestedTensor() {
    // 64 query heads / 6 = 10.7 per GPU; the largest divisor of 64 up to 6 is 4. The actors
    // have 444 = 74 × 6 GPUs, so only the heads are at fault.
    JavaFileObject design = CAPSTONE
        .replace("tensor = 4", "tensor = 6")
        .replace("gpus = 448", "gpus = 444")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.heads-divisible] tensor = 6 does not divide: attentionHeads = 64 cannot be"
            + " split evenly across 6 GPUs. Fix: use a tensor-parallel degree that divides 64,"
            + " such as 4.",
        "tensor = 6");
  }

  @Test
  void actorTensorWrittenOnOneLineIsHeadsDivisibleOnThatLine() {
    // As above, in the sample's style: parallelism = @Parallelism(tensor = 6) on one line.
    JavaFileObject design = CAPSTONE
        .replace("parallelism = @Parallelism( // actors",
            "parallelism = @Parallelism(tensor = 6)),")
        .removeLine("tensor = 4)),")
        .replace("gpus = 448", "gpus = 444")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.heads-divisible] tensor = 6 does not divide: attentionHeads = 64",
        "@Parallelism(tensor = 6)");
  }

  @Test
  void learnerTensorNotDividingHeadsIsHeadsDivisibleOnNestedTensor() {
    // tensor 6 × data 40 = 240 GPUs, so only the heads are at fault.
    JavaFileObject design = CAPSTONE
        .replace("tensor = 8", "tensor = 6")
        .replace("gpus = 320", "gpus = 240")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.heads-divisible] tensor = 6 does not divide: attentionHeads = 64 cannot be"
            + " split evenly across 6 GPUs.",
        "tensor = 6");
  }

  @Test
  void actorTensorFaultAndGpusFaultAreTwoErrorsEachOnItsLine() {
    // tensor = 6 with the 448 GPUs kept: 64 / 6 heads, and 448 / 6 = 74.7 replicas.
    JavaFileObject design = CAPSTONE.replace("tensor = 4", "tensor = 6").file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("[headroom.heads-divisible] tensor = 6 does not divide")
        .inFile(design)
        .onLineContaining("tensor = 6");
    assertThat(compilation)
        .hadErrorContaining("[headroom.layout] the parallel layout does not add up: gpus = 448"
            + " is not a whole number of actor replicas of tensor 6 × pipeline 1 = 6 GPUs. Fix:"
            + " use a multiple of 6.")
        .inFile(design)
        .onLineContaining("gpus = 448");
    assertThat(compilation).hadErrorCount(2);
    assertThat(count(compilation.notes(), SUMMARY + " Rl: fail. PolicyRl was not sized: 2 input"
        + " errors.")).isEqualTo(1);
  }

  @Test
  void lineAssertionTellsNestedValuesApart() {
    // Guards the tests above: the learners' gpus error is on its own line, and asserting the
    // actors' gpus line, the learners' tensor line or the @RlLoop line instead fails.
    JavaFileObject design = CAPSTONE.replace("gpus = 320", "gpus = 300").file();
    Compilation compilation = compile(design);

    for (String wrong : List.of("gpus = 448", "tensor = 8", "@RlLoop(", "learners = @Pool(")) {
      assertThrows(AssertionError.class, () -> assertThat(compilation)
          .hadErrorContaining("[headroom.layout]")
          .inFile(design)
          .onLineContaining(wrong), wrong);
    }
  }

  @Test
  void missingPolicyClassIsCompilerErrorAndOneUnresolvedError() {
    JavaFileObject design =
        CAPSTONE.replace("policy = Llama70B.class", "policy = Missing.class").file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(design)
        .onLineContaining("policy = Missing.class");
    assertThat(compilation)
        .hadErrorContaining("[headroom.unresolved] @RlLoop(policy = ")
        .inFile(design)
        .onLineContaining("policy = Missing.class");
    assertThat(count(compilation.errors(), "[headroom.unresolved]")).isEqualTo(1);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }

  @Test
  void unresolvedNestedTensorIsUnresolvedOnItsLine() {
    // A constant javac cannot find, two annotations deep.
    JavaFileObject design = CAPSTONE.replace("tensor = 4", "tensor = FOUR").file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("[headroom.unresolved] @Parallelism(tensor = ")
        .inFile(design)
        .onLineContaining("tensor = FOUR");
    assertThat(count(compilation.errors(), "[headroom.unresolved]")).isEqualTo(1);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }
}
