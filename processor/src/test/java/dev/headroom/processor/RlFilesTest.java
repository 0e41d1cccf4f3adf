package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;
import static dev.headroom.processor.HeadroomCompiler.text;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the files an RL design gets, failing or passing, and its JSON figure names. */
class RlFilesTest {
  // Figures of the capstone loop, worked in RlSizingDiagnosticsTest: 16,384,000 rollout tokens
  // in max(59.73, 87.43) = 87.43 s at 274,318 tokens/s; 20,480,000 trained tokens in 90.56 s,
  // 20,480,000 / 90.56 = 226,149 tokens/s; a 5.6 s broadcast; a 93.03 s step bound by
  // training; 15,985,638,240 B per learner GPU; balanced 328 actor + 440 learner GPUs, whose
  // bulk rollout (66.18 s) and update (65.86 s) are closest, as RlBalanceTest works by hand.

  private static final String PACKAGE = DesignSource.PACKAGE;
  private static final String SUMMARY = "[headroom.summary]";

  @TempDir Path docs;

  @Test
  void loopThatIsNotSizedStillGetsDocAndJson() throws IOException {
    // tensor 1 in BF16: 140 GB of weights on an 85.52 GB GPU, so no actor holds a rollout.
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DesignSource.rl("Broken").replace("tensor = 4", "tensor = 1").file());

    assertThat(compilation).failed();
    String doc = Files.readString(docs.resolve("com/acme/Broken.md"), StandardCharsets.UTF_8);
    String json = Files.readString(docs.resolve("com/acme/Broken.json"), StandardCharsets.UTF_8);
    assertThat(doc).contains("PolicyRl was not sized: an actor replica must hold the policy and"
        + " its longest rollout.");
    assertThat(json).containsMatch("(?s)\"design\": \"com.acme.Broken\",\\s*\"verdict\": \"fail\"");
    assertThat(json).containsMatch("(?s)\"kind\": \"rl\",\\s*\"verdict\": \"fail\","
        + "\\s*\"binding\": \"actor-memory\",\\s*\"figures\": \\{},"
        + ".*\"id\": \"headroom.actor-memory\",\\s*\"severity\": \"error\"");
    assertThat(count(compilation.notes(), SUMMARY)).isEqualTo(1);
    assertThat(count(compilation.notes(), SUMMARY + " Broken: fail.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "Report:")).isEqualTo(0);
    assertThat(count(compilation.errors(), "[headroom.internal]")).isEqualTo(0);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }

  @Test
  void loopWithInvalidInputStillGetsDocAndJson() throws IOException {
    // A GRPO group of one sample: an input error, so nothing is sized.
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DesignSource.rl("Broken").replace("samplesPerPrompt = 16", "samplesPerPrompt = 1").file());

    assertThat(compilation).failed();
    String json = Files.readString(docs.resolve("com/acme/Broken.json"), StandardCharsets.UTF_8);
    assertThat(json).containsMatch("(?s)\"kind\": \"rl\",\\s*\"verdict\": \"fail\","
        + "\\s*\"binding\": \"input\".*\"id\": \"headroom.input-range\"");
    assertThat(Files.readString(docs.resolve("com/acme/Broken.md"), StandardCharsets.UTF_8))
        .contains("samplesPerPrompt = 1 is out of range");
    assertThat(count(compilation.notes(), SUMMARY)).isEqualTo(1);
    assertThat(count(compilation.notes(), SUMMARY + " Broken: fail. PolicyRl was not sized: 1"
        + " input error.")).isEqualTo(1);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }

  @Test
  void loopWhoseLearnersDoNotFitStillGetsDocJsonAndReport() throws IOException {
    // Sized but failing: unsharded, a learner GPU holds 140e9 + 17.5e9 + 12,048,138,240 =
    // 169,548,138,240 B (RlSizingDiagnosticsTest). Its figures exist, so the report class is
    // written too.
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DesignSource.rl("Unfit").replace("zero = ZeroStage.THREE", "zero = ZeroStage.NONE").file());

    assertThat(compilation).failed();
    String json = Files.readString(docs.resolve("com/acme/Unfit.json"), StandardCharsets.UTF_8);
    assertThat(json).containsMatch("(?s)\"kind\": \"rl\",\\s*\"verdict\": \"fail\","
        + "\\s*\"binding\": \"learner-memory\".*\"learnerBytesPerGpu\": 169548138240,");
    assertThat(json).contains("\"id\": \"headroom.learner-memory\"");
    assertThat(Files.readString(docs.resolve("com/acme/Unfit.md"), StandardCharsets.UTF_8))
        .contains("169.55 GB");
    assertThat(count(compilation.notes(), SUMMARY)).isEqualTo(1);
    assertThat(count(compilation.notes(), SUMMARY + " Unfit: fail.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "Report: com.acme.UnfitReport.")).isEqualTo(1);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }

  @Test
  void passingLoopReportCompilesWithoutWarningsUnderWerror() {
    Compilation compilation = compile(List.of("-Xlint:all", "-Werror"),
        DesignSource.rl("RlPlan").file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".RlPlanReport")
        .contentsAsUtf8String()
        .contains("public static final RlStage POLICY_RL");
    assertThat(classOutput(compilation, PACKAGE, "RlPlanReport.class")).isPresent();
    assertThat(classOutput(compilation, PACKAGE, "RlPlan.md")).isPresent();
    assertThat(classOutput(compilation, PACKAGE, "RlPlan.json")).isPresent();
  }

  @Test
  void passingLoopJsonHasStableFigureNames() {
    Compilation compilation = compile(DesignSource.rl("RlPlan").file());

    assertThat(compilation).succeededWithoutWarnings();
    String json = text(classOutput(compilation, PACKAGE, "RlPlan.json"), "JSON");
    assertThat(json).containsMatch("(?s)\"name\": \"PolicyRl\",\\s*\"kind\": \"rl\","
        + "\\s*\"verdict\": \"pass\",\\s*\"binding\": \"train\"");
    // Exact counts and bytes.
    assertThat(json).contains("\"rolloutTokensPerStep\": 16384000,");
    assertThat(json).contains("\"learnerBytesPerGpu\": 15985638240,");
    assertThat(json).contains("\"balancedActorGpus\": 328,");
    assertThat(json).contains("\"balancedLearnerGpus\": 440");
    // bound is the one text figure: training (90.56 s) outlasts the rollout (87.43 s).
    assertThat(json).contains("\"bound\": \"train\",");
    // Times and rates, as 12 significant digits, against the hand figures.
    assertThat(figure(json, "rolloutSeconds")).isWithin(0.01).of(87.43);
    assertThat(figure(json, "trainSeconds")).isWithin(0.01).of(90.56);
    assertThat(figure(json, "weightSyncSeconds")).isWithin(1e-9).of(5.6);
    assertThat(figure(json, "stepSeconds")).isWithin(0.01).of(93.03);
    assertThat(figure(json, "rolloutTokensPerSecond")).isWithin(1).of(274_318);
    assertThat(figure(json, "trainTokensPerSecond")).isWithin(1).of(226_149);
  }

  /** Returns the number the JSON report gives {@code name}, which must appear exactly once. */
  private static double figure(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\": (-?[0-9.]+)[,\\n]").matcher(json);
    assertWithMessage("figure %s", name).that(matcher.find()).isTrue();
    double value = Double.parseDouble(matcher.group(1));
    assertWithMessage("figure %s appears once", name).that(matcher.find()).isFalse();
    return value;
  }
}
