package dev.headroom.processor;

import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.compile;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks that each invalid input is one error, with its stable id, on the value at fault. */
class InputDiagnosticsTest {

  /** Returns each invalid input as: the valid text, its invalid replacement, the error. */
  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        Arguments.of("layers = 80", "layers = 0",
            "[headroom.input-range] layers = 0 is out of range: it must be a positive count"),
        Arguments.of("requestsPerSecond = 500", "requestsPerSecond = 0",
            "[headroom.input-range] requestsPerSecond = 0.0 is out of range: it must be a"
                + " finite number above 0"),
        Arguments.of("requestsPerSecond = 500", "requestsPerSecond = 0.0 / 0.0",
            "[headroom.input-range] requestsPerSecond = NaN is out of range: it must be a"
                + " finite number above 0"),
        Arguments.of("requestsPerSecond = 500", "requestsPerSecond = 1.0 / 0.0",
            "[headroom.input-range] requestsPerSecond = Infinity is out of range: it must be a"
                + " finite number above 0"),
        Arguments.of("ttftMillis = 1000", "ttftMillis = 0.0 / 0.0",
            "[headroom.input-range] ttftMillis = NaN is out of range: it must be a finite"
                + " number above 0"),
        Arguments.of("tpotMillis = 50", "tpotMillis = -50",
            "[headroom.input-range] tpotMillis = -50.0 is out of range: it must be a finite"
                + " number above 0"),
        Arguments.of("gpus = 1024", "gpus = 0",
            "[headroom.input-range] gpus = 0 is out of range: it must be a positive count of"
                + " GPUs"),
        // An H100 reports 81,559 MiB = 85,520,809,984 B = 85.52 GB; 90 GB is beyond it.
        Arguments.of("reservedGbPerGpu = 5.0", "reservedGbPerGpu = 90.0",
            "[headroom.input-range] reservedGbPerGpu = 90.0 is out of range: it must be at"
                + " least 0 and below the 85.52 GB the GPU reports"),
        Arguments.of("prefillEfficiency = 0.40", "prefillEfficiency = 1.5",
            "[headroom.input-range] prefillEfficiency = 1.5 is out of range: it must be a"
                + " fraction from 0.01 to 1"),
        Arguments.of("tensor = 4", "tensor = 0",
            "[headroom.input-range] tensor = 0 is out of range: it must be a positive count"),
        Arguments.of("dtype = Precision.BF16", "dtype = Precision.INHERIT",
            "[headroom.input-range] dtype = INHERIT is out of range: it must be a storage"
                + " format"),
        Arguments.of("kvHeads = 8", "kvHeads = 6",
            "[headroom.heads-divisible] kvHeads = 6 does not divide: attentionHeads = 64 must"
                + " be a whole multiple of kvHeads"),
        Arguments.of("tensor = 4", "tensor = 3",
            "[headroom.heads-divisible] tensor = 3 does not divide: attentionHeads = 64 cannot"
                + " be split evenly across 3 GPUs. Fix: use a tensor-parallel degree that"
                + " divides 64, such as 2"),
        Arguments.of("outputTokens = 2500)", "outputTokens = 2500, callsPerTask = 0)",
            "[headroom.input-range] callsPerTask = 0 is out of range: it must be a positive"
                + " count"),
        Arguments.of("tpotMillis = 50)", "tpotMillis = 50, taskSeconds = -1)",
            "[headroom.input-range] taskSeconds = -1.0 is out of range: it must be 0 for no task"
                + " target, or a finite number of seconds up to 86,400"),
        Arguments.of("tpotMillis = 50)", "tpotMillis = 50, taskSeconds = 0.0 / 0.0)",
            "[headroom.input-range] taskSeconds = NaN is out of range"),
        // The @Slo on the design reaches the offline fleet: the error is on offline.
        Arguments.of("outputTokens = 2500)", "outputTokens = 2500, offline = true)",
            "[headroom.offline-slo] offline = true sizes fleet Serving as a batch job with no"
                + " latency target, but the @Slo on Platform applies to it"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidInputs")
  void invalidValueIsOneErrorOnItsLine(String valid, String invalid, String message) {
    JavaFileObject design = DesignSource.platform("Platform").replace(valid, invalid).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, message, invalid);
  }

  @Test
  void tensorZeroOnFleetTypeIsErrorOnThatParallelism() {
    JavaFileObject design = DesignSource.platform("Platform")
        .removeLine("parallelism = @Parallelism(tensor = 4),")
        .insertBefore("static final class Serving", "  @Parallelism(", "      tensor = 0)")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.input-range] tensor = 0 is out of range",
        "tensor = 0)");
  }

  @Test
  void modelWithoutModelAnnotationIsErrorOnModelMember() {
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("model = Llama70B.class", "model = NotAModel.class")
        .insertBefore("static final class Serving", "  static final class NotAModel {}", "")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.not-a-model] model = NotAModel.class is not a model: the type has no"
            + " @Model. Fix: annotate NotAModel with @Model",
        "model = NotAModel.class");
  }

  @Test
  void fleetWithoutWorkloadIsErrorOnFleet() {
    JavaFileObject design =
        DesignSource.platform("Platform").removeAnnotation("@Workload(").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.missing-requirement] fleet Serving has no @Workload: sizing needs it on"
            + " the fleet type or a type enclosing it. Fix: add @Workload(...) to Serving",
        "@Fleet(");
  }

  @Test
  void parallelismOnTypeAndInFleetIsErrorOnNestedOne() {
    JavaFileObject design = DesignSource.platform("Platform")
        .insertBefore("static final class Serving", "  @Parallelism(", "      tensor = 8)")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.parallelism-twice] @Parallelism is given twice",
        "parallelism = @Parallelism(tensor = 4)");
  }

  @Test
  void negativeBaselineValueIsErrorOnThatMember() {
    JavaFileObject design = DesignSource.platform("Platform")
        .withBaseline()
        .replace("outputTokens = 4000", "outputTokens = -1")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.input-range] outputTokens = -1 is out of range: it must be 0 for unchanged,"
            + " or the baseline's value up to 100,000,000",
        "outputTokens = -1");
  }
}
