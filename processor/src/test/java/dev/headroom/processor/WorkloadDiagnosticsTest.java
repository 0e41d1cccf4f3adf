package dev.headroom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.compile;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agent tasks ({@code callsPerTask}, {@code taskSeconds}) and offline jobs ({@code offline}) on
 * the revised capstone platform (FP8 70B, tensor 4, 1,024 H100s, 500 /s of 1,000 + 2,500 tokens).
 */
class WorkloadDiagnosticsTest {

  /** Returns each invalid value as: the valid text, its invalid replacement, the error. */
  static Stream<Arguments> invalidInputs() {
    return Stream.of(
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
  void taskOverItsTargetIsAnErrorOnTaskSeconds() {
    // BindingAndWorkloadTest: 5 calls of 60.07 s take 300.4 s; 280 s is missed, and 22.3 ms
    // steps, 2,330 output tokens or 4 calls would meet it.
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("outputTokens = 2500)", "outputTokens = 2500, callsPerTask = 5)")
        .replace("tpotMillis = 50)", "tpotMillis = 50, taskSeconds = 280)")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.task-latency] the task target cannot be met:"
        + " in fleet Serving, a task of 5 calls × (44.22 ms prefill + 2,500 output tokens × 24.01"
        + " ms decode step at a batch of 439) = 300.4 s, over taskSeconds = 280; tool time"
        + " between calls is not counted. Fix: tpotMillis = 22.3", "taskSeconds = 280");
  }

  @Test
  void offlineFleetWithoutAnSloIsSizedOnThroughput() {
    // Offline, the replica's batch is its KV-bound 439 (CapstoneDesignTest) and W is what it
    // achieves: 44.22 ms + 2,500 × 24.01 ms = 60.07 s, so L = ⌈500 × 60.07⌉ = 30,036 and
    // ⌈30,036 / 439⌉ = 69 replicas, 276 GPUs (the online fleet's W = 126 s from its SLO needs
    // 576).
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("outputTokens = 2500)", "outputTokens = 2500, offline = true)")
        .removeAnnotation("@Slo(")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteContaining(
        "Serving needs 276 of 1,024 GPUs (73.0% spare), bound by throughput");
  }
}
