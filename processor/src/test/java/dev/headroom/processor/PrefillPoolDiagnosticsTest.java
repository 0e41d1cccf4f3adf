package dev.headroom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A fleet's declared prefill pool, checked on its own lines (issue #6). */
class PrefillPoolDiagnosticsTest {
  /** The revised capstone with a prefill pool of {@code gpus} at tensor 4, one member a line. */
  private static DesignSource withPool(String gpus) {
    return DesignSource.platform("Platform")
        .replace("import dev.headroom.annotations.Precision;",
            "import dev.headroom.annotations.Precision;\n"
                + "import dev.headroom.annotations.PrefillPool;")
        .replace("      prefillEfficiency = 0.40)", "      prefillEfficiency = 0.40,\n"
            + "      prefill = @PrefillPool(\n"
            + "          gpus = " + gpus + ",\n"
            + "          parallelism = @Parallelism(tensor = 4)))");
  }

  @Test
  void poolLargeEnoughCompilesWithoutWarnings() {
    // 500,000 prompt tokens/s at 5,654 tokens/s per H100 (FP8 peak × 0.40 / 2N) need 92 GPUs
    // in tensor-4 replicas; 96 suffice, and 576 decode + 96 prefill GPUs fit 1,024.
    Compilation compilation = compile(withPool("96").file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining("Serving needs 672 of 1,024 GPUs");
  }

  @Test
  void poolTooSmallIsPrefillPoolErrorOnItsGpus() {
    JavaFileObject design = withPool("64").file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.prefill-pool] the prefill pool cannot keep up: 500,000 prompt tokens/s at"
            + " 5,654 tokens/s per GPU need 92 GPUs in whole prefill replicas, but the pool has"
            + " 64. Fix: gpus = 92 in @PrefillPool",
        "gpus = 64");
  }
}
