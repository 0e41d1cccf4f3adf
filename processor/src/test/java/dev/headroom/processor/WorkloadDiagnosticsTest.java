package dev.headroom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Agent tasks ({@code callsPerTask}, {@code taskSeconds}) and offline jobs ({@code offline}) on
 * the revised capstone platform (FP8 70B, tensor 4, 1,024 H100s, 500 /s of 1,000 + 2,500 tokens);
 * their range errors are in {@link InputDiagnosticsTest}.
 */
class WorkloadDiagnosticsTest {

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
  void offlineFleetWithAnSloOfItsOwnIsAnErrorOnOffline() {
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("outputTokens = 2500)", "outputTokens = 2500, offline = true)")
        .removeAnnotation("@Slo(")
        .insertBefore("static final class Serving", "  @Slo(ttftMillis = 1000, tpotMillis = 50)")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.offline-slo] offline = true sizes fleet"
        + " Serving as a batch job with no latency target, but the @Slo on Serving applies to it:"
        + " an offline job is sized from the batch its KV cache holds, not from latency targets."
        + " Fix: remove the @Slo from Serving, or set offline = false.", "offline = true");
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
    assertThat(compilation).generatedSourceFile("com.acme.PlatformReport")
        .contentsAsUtf8String()
        .contains("<li>L = lambda * W = 30,036 requests in flight, W = 60.070 s\n"
            + "   * <li>requests per replica = KV-bound 439 (offline: no TPOT SLO)\n");
  }

  @Test
  void reportClassShowsTheTaskOfAnAgentFleet() {
    // The 300.35 s task of taskOverItsTargetIsAnErrorOnTaskSeconds, within 320 s.
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("outputTokens = 2500)", "outputTokens = 2500, callsPerTask = 5)")
        .replace("tpotMillis = 50)", "tpotMillis = 50, taskSeconds = 320)")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteContaining(
        "bound by task-latency (6.1% of the task target spare)");
    assertThat(compilation).generatedSourceFile("com.acme.PlatformReport")
        .contentsAsUtf8String()
        .contains("<li>task = 5 calls x (prefill + output x decode step) = 300.4 s\n");
  }
}
