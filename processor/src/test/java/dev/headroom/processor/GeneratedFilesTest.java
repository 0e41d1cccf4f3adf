package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks which files a design gets: a report class, doc and JSON when it is sized, and the doc
 * and JSON alone when its inputs are invalid.
 *
 * <p>compile-testing withholds generated files from a failed compilation, so the tests of
 * failing designs read the copies that {@code -Aheadroom.docs} writes, and learn whether a
 * report class was written from the summary NOTE, which names it only then.
 */
class GeneratedFilesTest {
  @TempDir Path docs;

  @Test
  void sizedDesignGetsCompiledReportClassDocAndJson() {
    // Revised capstone figures, by hand: W = 1 + 2,500 × 0.05 = 126 s; L = 500 × 126 = 63,000;
    // replicas = ⌈63,000 / 439⌉ = 144; GPUs = 144 × 4 = 576.
    Compilation compilation = compile(DesignSource.platform("Platform").file());

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.PlatformReport")
        .contentsAsUtf8String()
        .contains("@Generated(\"dev.headroom.processor.HeadroomProcessor\")");
    assertThat(classOutput(compilation, "com.acme", "PlatformReport.class")).isPresent();
    assertThat(text(classOutput(compilation, "com.acme", "Platform.md"), "doc"))
        .startsWith("# Platform: capacity design");
    assertThat(text(classOutput(compilation, "com.acme", "Platform.json"), "JSON"))
        .containsMatch("(?s)\"schema\": \"headroom/1\",\\s*\"design\": \"com.acme.Platform\","
            + "\\s*\"verdict\": \"pass\".*\"requestSeconds\": 126,\\s*\"inFlightRequests\": 63000"
            + ".*\"replicas\": 144.*\"gpusNeeded\": 576");
  }

  @Test
  void invalidDesignGetsDocAndJsonButNoReportClass() throws IOException {
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DesignSource.platform("Broken").replace("gpus = 1024", "gpus = 0").file());

    assertThat(compilation).failed();
    assertThat(Files.readString(docs.resolve("com/acme/Broken.md"), StandardCharsets.UTF_8))
        .contains("**Broken: fail. Serving was not sized: 1 input error.**");
    assertThat(Files.readString(docs.resolve("com/acme/Broken.json"), StandardCharsets.UTF_8))
        .contains("\"verdict\": \"fail\"");
    assertThat(count(compilation.notes(), "[headroom.summary] Broken: fail.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "Report:")).isEqualTo(0);
  }

  @Test
  void validDesignBesideInvalidOneStillGetsAllThreeFiles() {
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DesignSource.platform("Broken").replace("gpus = 1024", "gpus = 0").file(),
        DesignSource.platform("Sound").file());

    assertThat(compilation).failed();
    assertThat(docs.resolve("com/acme/Broken.md").toFile().isFile()).isTrue();
    assertThat(docs.resolve("com/acme/Broken.json").toFile().isFile()).isTrue();
    assertThat(docs.resolve("com/acme/Sound.md").toFile().isFile()).isTrue();
    assertThat(docs.resolve("com/acme/Sound.json").toFile().isFile()).isTrue();
    assertThat(count(compilation.notes(), "Report: com.acme.SoundReport.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "Report: com.acme.BrokenReport.")).isEqualTo(0);
  }

  @Test
  void designInDefaultPackageGetsAllThreeFiles() {
    Compilation compilation = compile(DesignSource.platform("Platform").inDefaultPackage().file());

    assertThat(compilation).succeeded();
    assertThat(compilation.generatedSourceFile("PlatformReport")).isPresent();
    assertThat(classOutput(compilation, "", "PlatformReport.class")).isPresent();
    assertThat(classOutput(compilation, "", "Platform.md")).isPresent();
    assertThat(classOutput(compilation, "", "Platform.json")).isPresent();
  }
}
