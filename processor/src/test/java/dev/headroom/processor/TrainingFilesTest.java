package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the files a training design gets: doc and JSON even when it fails, one summary NOTE,
 * no exception, and a report class that compiles under {@code -Xlint:all -Werror}.
 *
 * <p>compile-testing withholds generated files from a failed compilation, so the tests of
 * failing designs read the copies that {@code -Aheadroom.docs} writes.
 */
class TrainingFilesTest {
  private static final String PACKAGE = DesignSource.PACKAGE;
  private static final String SUMMARY = "[headroom.summary]";

  @TempDir Path docs;

  @Test
  void trainingWithInvalidLayoutStillGetsDocAndJson() throws IOException {
    // tensor 8 × data 512 = 4,096 ≠ 4,000 GPUs: the job is not sized, nor its data plane.
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DesignSource.training("Broken").replace("gpus = 4096", "gpus = 4000").file());

    assertThat(compilation).failed();
    String doc = Files.readString(docs.resolve("com/acme/Broken.md"), StandardCharsets.UTF_8);
    String json = Files.readString(docs.resolve("com/acme/Broken.json"), StandardCharsets.UTF_8);
    assertThat(doc).contains("PolicyTraining was not sized: 1 input error.");
    assertThat(json).containsMatch("(?s)\"design\": \"com.acme.Broken\",\\s*\"verdict\": \"fail\"");
    assertThat(json).containsMatch("(?s)\"kind\": \"training\",\\s*\"verdict\": \"fail\","
        + "\\s*\"binding\": \"layout\".*\"id\": \"headroom.layout\"");
    assertThat(json).contains("\"kind\": \"dataplane\"");
    assertThat(count(compilation.notes(), SUMMARY)).isEqualTo(1);
    assertThat(count(compilation.notes(), SUMMARY + " Broken: fail.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "Report:")).isEqualTo(0);
    assertThat(count(compilation.errors(), "[headroom.internal]")).isEqualTo(0);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }

  @Test
  void trainingThatDoesNotFitStillGetsDocJsonAndReport() throws IOException {
    // Sized but failing: 140 GB of unsharded state + 22.82 GB of activations = 162.82 GB per
    // GPU, more than 80.52 GB (worked in TrainingDiagnosticsTest). Its figures exist, so the
    // report class is written too, and the data plane is sized against the job.
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DesignSource.training("Unfit")
            .replace("zero = ZeroStage.THREE", "zero = ZeroStage.NONE")
            .file());

    assertThat(compilation).failed();
    String json = Files.readString(docs.resolve("com/acme/Unfit.json"), StandardCharsets.UTF_8);
    assertThat(json).containsMatch("(?s)\"kind\": \"training\",\\s*\"verdict\": \"fail\","
        + "\\s*\"binding\": \"training-memory\".*\"memoryBytesPerGpu\": 162817013760");
    assertThat(json).containsMatch("(?s)\"kind\": \"dataplane\",\\s*\"verdict\": \"pass\"");
    assertThat(Files.readString(docs.resolve("com/acme/Unfit.md"), StandardCharsets.UTF_8))
        .contains("PolicyTraining does not fit in memory: 162.82 GB per GPU against 80.52 GB"
            + " available.");
    assertThat(count(compilation.notes(), SUMMARY)).isEqualTo(1);
    assertThat(count(compilation.notes(), SUMMARY + " Unfit: fail. PolicyTraining does not fit"
        + " in memory: 162.82 GB per GPU against 80.52 GB available.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "Report: com.acme.UnfitReport.")).isEqualTo(1);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }

  @Test
  void passingTrainingReportCompilesWithoutWarningsUnderWerror() {
    Compilation compilation = compile(List.of("-Xlint:all", "-Werror"),
        DesignSource.training("PolicyPlan").file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".PolicyPlanReport")
        .contentsAsUtf8String()
        .contains("public static final TrainingStage POLICY_TRAINING");
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".PolicyPlanReport")
        .contentsAsUtf8String()
        .contains("public static final DataPlaneStage POLICY_TRAINING_DATA_PLANE");
    assertThat(classOutput(compilation, PACKAGE, "PolicyPlanReport.class")).isPresent();
    assertThat(classOutput(compilation, PACKAGE, "PolicyPlan.md")).isPresent();
    assertThat(classOutput(compilation, PACKAGE, "PolicyPlan.json")).isPresent();
  }

  @Test
  void separateDataPlaneReportCompilesWithoutWarningsUnderWerror() {
    Compilation compilation = compile(List.of("-Xlint:all", "-Werror"),
        DesignSource.training("PolicyPlan")
            .removeAnnotation("@DataPlane(")
            .withDataPlane("Loader", "PolicyTraining")
            .file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(classOutput(compilation, PACKAGE, "PolicyPlanReport.class")).isPresent();
  }
}
