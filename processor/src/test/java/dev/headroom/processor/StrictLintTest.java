package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
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
 * Checks that a full design (the revised capstone, with its baseline and estimate) and its
 * generated report compile under the strictest lint, and that {@code -Aheadroom.docs} copies its
 * doc and JSON. The sample itself is compiled from its real source in the samples module.
 */
class StrictLintTest {
  private static final String PACKAGE = DesignSource.PACKAGE;
  private static final DesignSource DESIGN =
      DesignSource.platform("ReasoningPlatform").withBaseline();

  @Test
  void revisedCapstoneCompilesWithoutWarningsUnderWerror() {
    Compilation compilation = compile(List.of("-Xlint:all", "-Werror"),
        DESIGN.file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile(PACKAGE + ".ReasoningPlatformReport")
        .contentsAsUtf8String()
        .contains("public static final FleetStage SERVING");
    assertThat(classOutput(compilation, PACKAGE, "ReasoningPlatformReport.class")).isPresent();
  }

  @Test
  void docsOptionWritesDocAndJsonUnderPackagePath(@TempDir Path docs) throws IOException {
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DESIGN.file());

    assertThat(compilation).succeeded();
    Path directory = docs.resolve(PACKAGE.replace('.', '/'));
    assertThat(Files.readString(directory.resolve("ReasoningPlatform.md"), StandardCharsets.UTF_8))
        .isEqualTo(text(classOutput(compilation, PACKAGE, "ReasoningPlatform.md"), "doc"));
    assertThat(
            Files.readString(directory.resolve("ReasoningPlatform.json"), StandardCharsets.UTF_8))
        .isEqualTo(text(classOutput(compilation, PACKAGE, "ReasoningPlatform.json"), "JSON"));
  }
}
