package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Checks that each design gets exactly one summary NOTE and each finding is printed once. */
class SummaryNoteTest {
  private static final String SUMMARY = "[headroom.summary]";

  @Test
  void passingDesignPrintsOneSummaryWithItsFigures() {
    // Revised capstone: 144 replicas × 4 = 576 of 1,024 GPUs, (1,024 − 576) / 1,024 = 43.75%
    // spare; the KV bound (439) is below the TPOT bound (about 1,046), so KV capacity binds.
    JavaFileObject design = DesignSource.platform("Platform").file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadNoteContaining(SUMMARY + " Platform: pass. Serving needs 576 of 1,024 GPUs (43.8%"
            + " spare), bound by kv-capacity. Report: com.acme.PlatformReport.")
        .inFile(design)
        .onLineContaining("public final class Platform");
    assertThat(count(compilation.notes(), SUMMARY)).isEqualTo(1);
  }

  @Test
  void twoDesignsPrintOneSummaryEach() {
    Compilation compilation = compile(
        DesignSource.platform("Alpha").file(), DesignSource.platform("Beta").file());

    assertThat(compilation).succeeded();
    assertThat(count(compilation.notes(), SUMMARY)).isEqualTo(2);
    assertThat(count(compilation.notes(), SUMMARY + " Alpha: pass.")).isEqualTo(1);
    assertThat(count(compilation.notes(), SUMMARY + " Beta: pass.")).isEqualTo(1);
  }

  @Test
  void brokenModelOfTwoFleetsIsOneErrorAndOneSummary() {
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("layers = 80", "layers = 0")
        .withFleet("Batch", "Llama70B")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, "[headroom.input-range] layers = 0 is out of range",
        "layers = 0");
    assertThat(compilation)
        .hadNoteContaining(SUMMARY + " Platform: fail. Serving was not sized: 1 input error."
            + " Batch was not sized: 1 input error.");
    assertThat(count(compilation.notes(), SUMMARY)).isEqualTo(1);
  }

  @Test
  void brokenModelOfTwoDesignsIsOneErrorAndOneSummaryPerDesign() {
    JavaFileObject model = DesignSource.model("SharedModel").replace("layers = 80", "layers = 0")
        .file();
    JavaFileObject alpha = DesignSource.platform("Alpha")
        .replace("model = Llama70B.class", "model = SharedModel.class")
        .file();
    JavaFileObject beta = DesignSource.platform("Beta")
        .replace("model = Llama70B.class", "model = SharedModel.class")
        .file();

    Compilation compilation = compile(model, alpha, beta);

    assertOnlyError(compilation, model, "[headroom.input-range] layers = 0 is out of range",
        "layers = 0");
    assertThat(count(compilation.notes(), SUMMARY + " Alpha: fail.")).isEqualTo(1);
    assertThat(count(compilation.notes(), SUMMARY + " Beta: fail.")).isEqualTo(1);
  }
}
