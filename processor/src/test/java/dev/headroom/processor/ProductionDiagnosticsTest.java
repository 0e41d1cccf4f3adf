package dev.headroom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyWarning;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.text;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production, evaluation gates and the platform, each finding on its own line (issue #5). The
 * fleet is the revised capstone's: 144 replicas × 4 H100s at peak (FleetSizingTest); production
 * adds 2 spares and ⌈146 × 0.25⌉ = 37 deploy replicas, 732 GPUs (ProductionSizingTest).
 */
class ProductionDiagnosticsTest {
  private static final String SAMPLE_PRODUCTION = "      peakToMean = 1.5,\n"
      + "      spareReplicas = 2,\n"
      + "      deployHeadroom = 0.25,\n"
      + "      dollarsPerGpuHour = 2.0,\n"
      + "      maxDollarsPerRequest = 0.01)";

  /** The revised capstone with {@code @Production(members)} on its fleet, a member a line. */
  private static DesignSource withProduction(String members) {
    return DesignSource.platform("Capstone")
        .replace("import dev.headroom.annotations.Precision;",
            "import dev.headroom.annotations.Platform;\n"
                + "import dev.headroom.annotations.Precision;\n"
                + "import dev.headroom.annotations.Production;")
        .replace("  static final class Serving {}",
            "  @Production(\n" + members + "\n  static final class Serving {}");
  }

  /** The same with {@code @Platform(gpu, gpus, $2)} on the design type, a member a line. */
  private static DesignSource onPlatform(String production, String gpu, int gpus) {
    return withProduction(production).replace("public final class Capstone {",
        "@Platform(\n    gpu = Gpu." + gpu + ",\n    gpus = " + gpus + ",\n"
            + "    dollarsPerGpuHour = 2.0)\npublic final class Capstone {");
  }

  @Test
  void theCapstonesProductionPassesAndWritesItsFigures() {
    Compilation compilation = compile(withProduction(SAMPLE_PRODUCTION).file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining("Serving in production holds 732 of 1,024 GPUs at"
        + " peak with 2 spare replicas, averages 540 GPUs autoscaled at $1,080/h ($0.0009 per"
        + " request), bound by gpu-budget");
    String json = text(classOutput(compilation, DesignSource.PACKAGE, "Capstone.json"), "JSON");
    assertTrue(json.contains("\"kind\": \"production\""), json);
    assertTrue(json.contains("\"dollarsPerMillionOutputTokens\": 0.36"), json);
  }

  @Test
  void sparesBeyondTheBudgetAreProductionBudgetOnTheFleetsGpus() {
    JavaFileObject design = withProduction(SAMPLE_PRODUCTION)
        .replace("      gpus = 1024,", "      gpus = 580,").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.production-budget] production does not fit"
        + " the fleet's budget: 144 replicas at peak + 2 spare × 4 GPUs = 584 GPUs, over the"
        + " fleet's 580", "gpus = 580");
  }

  @Test
  void aDeployThatCannotFitIsDeployHeadroomOnItsMember() {
    JavaFileObject design = withProduction(SAMPLE_PRODUCTION)
        .replace("      gpus = 1024,", "      gpus = 600,").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.deploy-headroom] a deploy cannot fit:"
        + " deployHeadroom = 0.25 of 146 replicas needs 37 more at once, 732 GPUs in all",
        "deployHeadroom = 0.25");
  }

  @Test
  void noSparesIsAWarningOnSpareReplicas() {
    JavaFileObject design = withProduction(
        SAMPLE_PRODUCTION.replace("spareReplicas = 2", "spareReplicas = 0")).file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design, "[headroom.no-spares] spareReplicas = 0: the fleet's"
        + " 144 replicas of 4 GPUs are all needed at peak", "spareReplicas = 0");
  }

  @Test
  void aBrokenCostGuardrailIsAnErrorOnItsMember() {
    // $25,920 a day over 28.8M requests = $0.0009 a request, 1.8× a $0.0005 guardrail.
    JavaFileObject design = withProduction(
        SAMPLE_PRODUCTION.replace("0.01)", "0.0005)")).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.cost-guardrail] the cost guardrail is"
        + " broken: $25,920 a day over 28,800,000 requests is $0.0009 per request, 1.80×"
        + " maxDollarsPerRequest = 0.0005", "maxDollarsPerRequest = 0.0005");
  }

  @Test
  void aTtftGuardrailBelowThePrefillIsAnErrorOnItsMember() {
    JavaFileObject design = withProduction(
        SAMPLE_PRODUCTION.replace("      peakToMean", "      ttftP99Millis = 40,\n"
            + "      peakToMean")).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.ttft-guardrail] ttftP99Millis = 40 is below"
        + " the 44.22 ms prefill every request takes", "ttftP99Millis = 40");
  }

  @Test
  void withoutAPriceProductionAsksForOneHereOrOnThePlatform() {
    JavaFileObject design = withProduction(
        SAMPLE_PRODUCTION.replace("      dollarsPerGpuHour = 2.0,\n", "")).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.input-range] dollarsPerGpuHour = 0 is out of"
        + " range: it must be a price above 0", "@Production(");
  }

  @Test
  void aQuantizedFleetWithoutAGateIsEvalGateOnItsWeights() {
    JavaFileObject design = DesignSource.platform("Capstone").removeLine("@EvalGate(").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.eval-gate] fleet Serving serves weights in"
        + " FP8 and KV cache in FP8 with no @EvalGate", "weights = Precision.FP8");
  }

  @Test
  void aGateWithABlankSuiteIsAnInputErrorOnTheGate() {
    JavaFileObject design = DesignSource.platform("Capstone")
        .replace("suite = \"reasoning regression suite\"", "suite = \"\"").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.input-range] suite = \"\" is out of range",
        "@EvalGate(");
  }

  @Test
  void theCapstoneOnAPlatformTakesItsProductionTotal() {
    Compilation compilation =
        compile(onPlatform(SAMPLE_PRODUCTION.replace("      dollarsPerGpuHour = 2.0,\n", ""),
            "H100_SXM", 1_024).file());

    assertThat(compilation).succeededWithoutWarnings();
    // 732 GPUs of 1,024; 1,024 × $2 × 730 hours = $1,495,040 a month.
    assertThat(compilation).hadNoteContaining("Capstone takes 732 of 1,024 NVIDIA H100 SXM5 80GB"
        + " GPUs (28.5% spare), $1,495,040 a month, bound by cluster");
  }

  @Test
  void stagesBeyondTheClusterAreClusterOnItsGpus() {
    JavaFileObject design = onPlatform(SAMPLE_PRODUCTION, "H100_SXM", 700).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.cluster] the stages do not fit the cluster:"
        + " Serving takes 732 GPUs, over the cluster's 700", "gpus = 700");
  }

  @Test
  void aClusterOfAnotherGpuIsPlatformGpuOnItsGpu() {
    JavaFileObject design = onPlatform(SAMPLE_PRODUCTION, "H200", 1_024).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.platform-gpu] Serving runs on H100_SXM, but"
        + " the cluster is built from H200", "gpu = Gpu.H200");
  }

  @Test
  void aPlatformOnANestedTypeIsPlatformPlacement() {
    JavaFileObject design = withProduction(SAMPLE_PRODUCTION)
        .replace("  @Production(", "  @Platform(gpu = Gpu.H100_SXM, gpus = 2048,"
            + " dollarsPerGpuHour = 2.0)\n  @Production(").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.platform-placement] @Platform on Serving,"
        + " which is nested in Capstone", "@Platform(gpu = Gpu.H100_SXM, gpus = 2048");
  }

  @Test
  void productionOnATypeWithoutAFleetIsNotAFleet() {
    JavaFileObject design = withProduction(SAMPLE_PRODUCTION)
        .replace("  private Capstone() {}", "  private Capstone() {}\n\n"
            + "  @Production(peakToMean = 1.5)\n  static final class Orphan {}").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.not-a-fleet] @Production on Orphan, which"
        + " has no @Fleet", "@Production(peakToMean = 1.5)");
  }

  @Test
  void aSecondBadGateIsReportedByItsSuiteAndTheFleetIsStillSized() {
    // Repeated gates sit in a container javac 17 makes up and cannot locate in the source, so
    // the error is on the fleet type and names the gate by its suite.
    JavaFileObject design = DesignSource.platform("Capstone")
        .replace("  static final class Serving {}", "  @EvalGate(suite = \"judge\", metric ="
            + " \"\", threshold = 0.5)\n  static final class Serving {}")
        .replace("  static final class Serving {}", "  @EvalGate(suite = \"AIME\", metric ="
            + " \"pass@1\", threshold = 0.7)\n  static final class Serving {}")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.input-range] @EvalGate(suite = \"judge\"):"
        + " metric = \"\" is out of range", "static final class Serving");
    assertThat(compilation).hadNoteContaining("Serving needs 576 of 1,024 GPUs");
  }

  @Test
  void aSingleBadGateIsReportedOnItsMember() {
    JavaFileObject design = DesignSource.platform("Capstone")
        .replace("metric = \"pass@1\"", "metric = \" \"").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "metric = \" \" is out of range", "@EvalGate(");
  }

  @Test
  void aFleetsGatesAndItsDesignsGatesAddUp() {
    Compilation compilation = compile(DesignSource.platform("Capstone")
        .replace("  static final class Serving {}", "  @EvalGate(suite = \"AIME\", metric ="
            + " \"pass@1\", threshold = 0.7)\n  static final class Serving {}")
        .file());

    assertThat(compilation).succeededWithoutWarnings();
    String json = text(classOutput(compilation, DesignSource.PACKAGE, "Capstone.json"), "JSON");
    assertTrue(json.contains("\"suite\": \"AIME\"")
        && json.contains("\"suite\": \"reasoning regression suite\""), json);
  }

  @Test
  void aGateOnATypeThatHoldsNoFleetIsGateUnused() {
    JavaFileObject design = DesignSource.platform("Capstone")
        .replace("  private Capstone() {}", "  private Capstone() {}\n\n"
            + "  @EvalGate(suite = \"AIME\", metric = \"pass@1\", threshold = 0.7)\n"
            + "  static final class Notes {}")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design, "[headroom.gate-unused] @EvalGate on Notes gates no"
        + " fleet", "@EvalGate(suite = \"AIME\"");
  }

  @Test
  void aMisplacedProductionFailsTheDesignInItsJson(@TempDir Path docs) throws IOException {
    compile(List.of("-Aheadroom.docs=" + docs), withProduction(SAMPLE_PRODUCTION)
        .replace("  private Capstone() {}", "  private Capstone() {}\n\n"
            + "  @Production(peakToMean = 1.5)\n  static final class Orphan {}").file());

    String json = Files.readString(docs.resolve("com/acme/Capstone.json"));
    assertTrue(json.contains("\"verdict\": \"fail\",\n  \"binding\": \"input\""), json);
    assertTrue(json.contains("\"id\": \"headroom.not-a-fleet\""), json);
  }

  @Test
  void aStageThatWasNotSizedTakesNothingAndTheOthersStillMeetTheCluster() {
    // A second fleet whose budget is negative is not sized and counts 0; Serving's 732 GPUs
    // alone are over a cluster of 700.
    JavaFileObject design = onPlatform(SAMPLE_PRODUCTION, "H100_SXM", 700)
        .replace("  private Capstone() {}", "  private Capstone() {}\n\n"
            + "  @Fleet(model = Llama70B.class, gpu = Gpu.H100_SXM, gpus = -2000)\n"
            + "  static final class Typo {}")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation).hadErrorContaining("[headroom.cluster] the stages do not fit the"
        + " cluster: Typo 0 + Serving 732 = 732 GPUs (stages not sized count 0), over the"
        + " cluster's 700");
    assertThat(compilation).hadErrorContaining("gpus = -2,000 is out of range");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void anInvalidPlatformPriceIsReportedOnceOnThePlatform() {
    JavaFileObject design = onPlatform(
        SAMPLE_PRODUCTION.replace("      dollarsPerGpuHour = 2.0,\n", ""), "H100_SXM", 1_024)
        .replace("    dollarsPerGpuHour = 2.0)", "    dollarsPerGpuHour = -1)").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.input-range] dollarsPerGpuHour = -1.0 is out"
        + " of range", "dollarsPerGpuHour = -1");
    assertThat(compilation).hadNoteContaining("Serving in production was not sized: the"
        + " platform's price is invalid");
  }

  @Test
  void aTtftGuardrailUnderTheSloIsAWarning() {
    JavaFileObject design = withProduction(
        SAMPLE_PRODUCTION.replace("      peakToMean", "      ttftP99Millis = 300,\n"
            + "      peakToMean")).file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design, "[headroom.ttft-guardrail-tight] ttftP99Millis = 300"
        + " is below ttftMillis = 1,000", "ttftP99Millis = 300");
  }
}
