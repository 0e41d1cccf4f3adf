package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that each {@code @DataPlane} finding lands on the value that sets it, with the capstone
 * job's figures worked out by hand: a step of 452,212,254,720 FLOPs per token × 4,194,304 tokens
 * = 1.8967e18 FLOPs takes 1.8967e18 / (4,096 × 989.4e12 × 0.4) = 1.17 s, so the job trains
 * 4,194,304 / 1.17007 s = 3,584,673 tokens/s on 4,096 / 8 = 512 nodes.
 */
class DataPlaneDiagnosticsTest {
  private static final String SUMMARY = "[headroom.summary]";

  private static final DesignSource CAPSTONE = DesignSource.training("Train");

  /** The capstone training stage with its {@code @DataPlane} taken off the training type. */
  private static final DesignSource WITHOUT_PLANE = CAPSTONE.removeAnnotation("@DataPlane(");

  @Test
  void slowStorageIsStorageBandwidthOnStorageReadGbPerSecond() {
    // 3,584,673 tokens/s × 4 B = 14,338,691 B/s = 14.34 MB/s, more than 0.001 GB/s = 1.00 MB/s.
    JavaFileObject design = CAPSTONE
        .replace("storageReadGbPerSecond = 10", "storageReadGbPerSecond = 0.001")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.storage-bandwidth] storage cannot feed the job: 3,584,673 tokens/s × 4 bytes"
            + " per token = 14.34 MB/s, more than the 1.00 MB/s storage reads. Fix: storage that"
            + " sustains 14.34 MB/s for this job",
        "storageReadGbPerSecond = 0.001");
  }

  @Test
  void storageJustFastEnoughIsNoError() {
    // 0.015 GB/s = 15.00 MB/s is above the 14.34 MB/s the job reads.
    Compilation compilation = compile(CAPSTONE
        .replace("storageReadGbPerSecond = 10", "storageReadGbPerSecond = 0.015")
        .file());

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void runExpectingFailuresWithoutDeterministicResumeIsResumeError() {
    // 512 nodes × 24 h / 6,335 h = 1.94 node failures a day. The run: 1e12 tokens /
    // 3,584,673 tokens/s = 278,965 s = 3.2 days, so 278,965 / 3,600 × 512 / 6,335 = 6.3
    // failures over it.
    JavaFileObject design = CAPSTONE
        .replace("deterministicResume = true", "deterministicResume = false")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.resume] deterministicResume = false on a run that expects node failures: 512"
            + " nodes at a node MTBF of 6,335 h expect 1.94 node failures a day and 6.3 over a"
            + " run of 3.2 days; a restart that cannot replay the exact batch order",
        "deterministicResume = false");
  }

  @Test
  void runOfUndeclaredLengthIsJudgedByFailuresPerDay() {
    // trainingTokens = 0: no run length, so the 1.94 failures a day decide, and no run is named.
    JavaFileObject design = CAPSTONE
        .replace("deterministicResume = true", "deterministicResume = false")
        .replace("trainingTokens = 1e12", "trainingTokens = 0")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "expect 1.94 node failures a day; a restart that cannot replay the exact batch order",
        "deterministicResume = false");
  }

  @Test
  void nodesThatRarelyFailNeedNoDeterministicResume() {
    // At a node MTBF of 1e6 h: 77.5 h of run × 512 / 1e6 = 0.04 failures, fewer than one.
    // Checkpoints: 1.12e12 B / 100 GB/s = 11.2 s; job MTBF = 1e6 × 3,600 / 512 = 7.03e6 s;
    // interval √(2 × 11.2 × 7.03e6) = 12,550 s; lost 2 × 11.2 / 12,550 = 0.2%, no warning.
    JavaFileObject design = CAPSTONE
        .replace("deterministicResume = true", "deterministicResume = false")
        .replace("nodeMtbfHours = 6335", "nodeMtbfHours = 1e6")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(count(compilation.notes(), "losing 0.2% of the run to failures")).isEqualTo(1);
  }

  @Test
  void shortRunNeedsNoDeterministicResume() {
    // 1e10 tokens / 3,584,673 tokens/s = 2,790 s; 2,790 / 3,600 × 512 / 6,335 = 0.06 failures,
    // although the 512 nodes fail 1.94 times a day.
    Compilation compilation = compile(CAPSTONE
        .replace("deterministicResume = true", "deterministicResume = false")
        .replace("trainingTokens = 1e12", "trainingTokens = 1e10")
        .file());

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void dataPlaneOnTypeWithoutTrainingIsNotATrainingOnDataPlane() {
    JavaFileObject design = WITHOUT_PLANE.withDataPlane("Loader", "").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.not-a-training] @DataPlane on Loader feeds no training job: Loader has no"
            + " @Training and training is not set. Fix: put @DataPlane on the @Training type, or"
            + " name it with training = Job.class.",
        "@DataPlane( // Loader");
    assertThat(count(compilation.notes(), "Loader data plane was not sized: 1 input error."))
        .isEqualTo(1);
  }

  @Test
  void trainingNamingTypeWithoutTrainingIsNotATrainingOnTrainingMember() {
    JavaFileObject design = WITHOUT_PLANE.withDataPlane("Loader", "Llama70B").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.not-a-training] training = Llama70B.class is not a training job: the type has"
            + " no @Training. Fix: annotate Llama70B with @Training, or name a type that has one.",
        "training = Llama70B.class");
  }

  @Test
  void dataPlaneApartFromItsTrainingIsSized() {
    // The capstone's data plane on its own type: the same 14.34 MB/s of 10 GB/s, and the
    // checkpoint interval √(2 × 11.2 s × 44,543 s) = 999 s = 16.6 min, where 11.2 s =
    // 1.12e12 B / 100 GB/s and 44,543 s = 6,335 h × 3,600 / 512 nodes; lost = 2 × 11.2 / 999
    // = 2.2%.
    JavaFileObject design = WITHOUT_PLANE.withDataPlane("Loader", "PolicyTraining").file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .hadNoteContaining("Loader data plane streams 14.34 MB/s of 10.00 GB/s and checkpoints"
            + " every 16.6 min, losing 2.2% of the run to failures, bound by failures.")
        .inFile(design)
        .onLineContaining("public final class Train");
    assertThat(compilation)
        .generatedSourceFile(DesignSource.PACKAGE + ".TrainReport")
        .contentsAsUtf8String()
        .contains("public static final DataPlaneStage LOADER_DATA_PLANE");
  }

  @Test
  void dataPlaneBeforeItsBrokenTrainingReportsTheTrainingErrorOnce() {
    // The data plane is declared first, so it sizes the job on its own; the job's layout error
    // (4,096 ≠ 4,000 GPUs) is still printed once, by the job.
    JavaFileObject design = WITHOUT_PLANE
        .replace("gpus = 4096", "gpus = 4000")
        .withDataPlaneBefore("/** The 70B policy", "Loader", "PolicyTraining")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.layout]", "gpus = 4000");
    assertThat(compilation)
        .hadNoteContaining(SUMMARY + " Train: fail. Loader data plane was not sized: its"
            + " training job PolicyTraining was not sized. PolicyTraining was not sized: 1 input"
            + " error.");
  }

  @Test
  void missingTrainingClassIsCompilerErrorAndOneUnresolvedError() {
    JavaFileObject design = WITHOUT_PLANE.withDataPlane("Loader", "Missing").file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(design)
        .onLineContaining("training = Missing.class");
    assertThat(compilation)
        .hadErrorContaining("[headroom.unresolved] @DataPlane(training = ")
        .inFile(design)
        .onLineContaining("training = Missing.class");
    assertThat(count(compilation.errors(), "[headroom.unresolved]")).isEqualTo(1);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }

  /** Returns each invalid input as: the valid text, its invalid replacement, the error. */
  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        Arguments.of("nodeMtbfHours = 6335", "nodeMtbfHours = 0",
            "[headroom.input-range] nodeMtbfHours = 0.0 is out of range: it must be a finite"
                + " number above 0. Fix: set it to the mean time between failures of one node,"
                + " in hours."),
        Arguments.of("storageReadGbPerSecond = 10", "storageReadGbPerSecond = 0.0 / 0.0",
            "[headroom.input-range] storageReadGbPerSecond = NaN is out of range: it must be a"
                + " finite number above 0."),
        Arguments.of("checkpointWriteGbPerSecond = 100", "checkpointWriteGbPerSecond = -100",
            "[headroom.input-range] checkpointWriteGbPerSecond = -100.0 is out of range: it"
                + " must be a finite number above 0."),
        // MAX_MTBF_HOURS = 1e7 h, over a thousand years.
        Arguments.of("nodeMtbfHours = 6335", "nodeMtbfHours = 2e7",
            "[headroom.input-range] nodeMtbfHours = 20,000,000 is out of range: it must be at"
                + " most 10,000,000, beyond any system built."));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidInputs")
  void invalidValueIsOneErrorOnItsLine(String valid, String invalid, String message) {
    JavaFileObject design = CAPSTONE.replace(valid, invalid).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, message, invalid);
    // The job itself is sound and still sized; only its data plane is not.
    assertThat(count(compilation.notes(), "PolicyTraining data plane was not sized: 1 input"
        + " error.")).isEqualTo(1);
  }

  @Test
  void zeroPrefetchIsOneErrorOnPrefetchBatches() {
    JavaFileObject design = CAPSTONE
        .insertBefore("storageReadGbPerSecond = 10", "      prefetchBatches = 0,")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.input-range] prefetchBatches = 0 is out of range: it must be a positive"
            + " count. Fix: set it to 2 for double buffering.",
        "prefetchBatches = 0");
  }
}
