package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;
import static dev.headroom.processor.HeadroomCompiler.text;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile names leave the generated Java compiling under lint and doclint, and the JSON strict. */
class HostileNamesTest {
  /**
   * Text that ends a comment, a string, a table cell, a code span, an element and a line, for
   * {@code @Model(name)}, {@code @Baseline(name)} and {@code @Estimate(source)}. What it does to
   * the Markdown is in {@link ProcessorBugsTest#hostileTextStaysInertInTheMarkdown}.
   */
  static final String HOSTILE = "*/ /** `tick` a | b <script>alert(1)</script> \"quoted\""
      + " 'single' back\\slash \\u0022 line\nbreak\r\nand \u2028 separator {@code x} @param";

  @Test
  void hostileTextLeavesGeneratedJavaCompilingUnderLintAndDoclint() {
    Compilation compilation = compile(List.of("-Xlint:all", "-Xdoclint:all/protected", "-Werror"),
        NamedDesign.plain().withText(HOSTILE).file());

    assertThat(compilation).succeededWithoutWarnings();
    String report = text(compilation.generatedSourceFile("com.acme.PlatformReport"), "report");
    assertThat(report).doesNotContain("<script>");
    assertThat(report).doesNotContain("`tick`");
    assertThat(count(compilation.diagnostics(), "[headroom.internal]")).isEqualTo(0);
  }

  @Test
  void hostileTextStaysInsideItsJsonString() {
    Compilation compilation = compile(NamedDesign.plain().withText(HOSTILE).file());

    assertThat(compilation).succeeded();
    Map<?, ?> report = (Map<?, ?>) StrictJson.parse(
        text(classOutput(compilation, "com.acme", "Platform.json"), "JSON"));
    Map<?, ?> stage = (Map<?, ?>) ((List<?>) report.get("stages")).get(0);
    Map<?, ?> baseline = (Map<?, ?>) ((List<?>) stage.get("walk")).get(0);
    // The walk's first step names the baseline: the text comes back exactly as written.
    assertThat((String) baseline.get("change")).startsWith("baseline: " + HOSTILE + " (");
  }

  @Test
  void typeNamesWithDollarsAndUnicodeLettersCompileAndReport() {
    NamedDesign design = NamedDesign.plain()
        .withTypes("org.exämple.plans", "Plan$Ünïcødé", "Sérving$1", "Модель");

    Compilation compilation = compile(List.of("-Xlint:all", "-Xdoclint:all/protected", "-Werror"),
        design.file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("org.exämple.plans.Plan$ÜnïcødéReport"))
        .isPresent();
    Map<?, ?> report = (Map<?, ?>) StrictJson.parse(
        text(classOutput(compilation, "org.exämple.plans", "Plan$Ünïcødé.json"), "JSON"));
    assertThat(report.get("design")).isEqualTo("org.exämple.plans.Plan$Ünïcødé");
    Map<?, ?> stage = (Map<?, ?>) ((List<?>) report.get("stages")).get(0);
    assertThat(stage.get("name")).isEqualTo("Sérving$1");
    MarkdownTables.assertWhole("doc", text(
        classOutput(compilation, "org.exämple.plans", "Plan$Ünïcødé.md"), "doc"));
  }

  /**
   * {@code -Aheadroom.docs=DIR} writes a design's doc, JSON and charts under DIR/its/package,
   * only.
   */
  @Test
  void docsOptionWritesOnlyUnderItsPackageInsideTheDirectory(@TempDir Path root)
      throws IOException {
    Path docs = root.resolve("docs");
    NamedDesign design = NamedDesign.plain().withTypes("org.example.deep.plans", "Platform",
        "Serving", "Llama70B");

    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs), design.file());

    assertThat(compilation).succeeded();
    try (Stream<Path> written = Files.walk(root)) {
      assertThat(written.filter(Files::isRegularFile).map(root::relativize).map(Path::toString))
          .containsExactly("docs/org/example/deep/plans/Platform.md",
              "docs/org/example/deep/plans/Platform.json",
              "docs/org/example/deep/plans/Platform-Serving-memory.svg");
    }
  }
}
