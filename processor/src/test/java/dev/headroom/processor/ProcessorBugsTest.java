package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;
import static dev.headroom.processor.HeadroomCompiler.text;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smallest designs that show each processor bug the robustness tests ran into (#7). */
class ProcessorBugsTest {

  /**
   * {@code @Model(name)}, {@code @Baseline(name)} and {@code @Estimate(source)} go into the
   * doc verbatim ({@code MarkdownReport}, {@code BaselineWalk}): the {@code <script>} element
   * stays live HTML, the {@code |} in the baseline's name adds a cell to the walk table's row,
   * the line break in it ends the table, and the one in the model's name cuts the Mermaid node
   * it is in (and the quote ends that node's label).
   */
  @Test
  void hostileTextStaysInertInTheMarkdown() {
    Compilation compilation = compile(NamedDesign.plain().withText(HostileNamesTest.HOSTILE)
        .file());

    String doc = text(classOutput(compilation, "com.acme", "Platform.md"), "doc");
    assertThat(doc).doesNotContain("<script>");
    MarkdownTables.assertWhole("doc", doc);
    assertThat(doc.lines().filter(line -> line.startsWith("break")).toList()).isEmpty();
  }

  /**
   * {@code ReportClassWriter} says the report is plain ASCII "so it compiles warning-free
   * whatever encoding the build uses", and escapes names in strings and Javadoc, but a stage's
   * constant ({@code SÉRVING}) and the class name ({@code ÜnïcødéReport}) go out raw. The
   * Filer writes them in the build's source encoding: under {@code -encoding US-ASCII} the
   * report reads {@code public static final FleetStage S?RVING} and does not compile.
   */
  @Test
  void generatedReportIsPlainAscii() {
    Compilation compilation = compile(NamedDesign.plain()
        .withTypes("com.acme", "Ünïcødé", "Sérving", "Llama70B").file());

    String report = text(compilation.generatedSourceFile("com.acme.ÜnïcødéReport"), "report");
    assertThat(report.chars().filter(c -> c >= 0x80).count()).isEqualTo(0);
  }

  /**
   * {@code DocWriter} writes the class-output doc and JSON through the Filer's {@code
   * openWriter()}, so in the build's source encoding, but the {@code -Aheadroom.docs} copy in
   * UTF-8. Under {@code -encoding US-ASCII} (or a platform default such as windows-1252 on
   * Java 17) every "×", "−" and "⌈" of the class-output doc becomes "?", and the JSON, which
   * RFC 8259 requires in UTF-8, is not. javac here writes to real directories, since
   * compile-testing keeps its files as text.
   */
  @Test
  void classOutputDocIsUtf8WhateverTheSourceEncoding(@TempDir Path root) throws IOException {
    Path classes = Files.createDirectories(root.resolve("classes"));
    Path sources = Files.createDirectories(root.resolve("generated"));
    Path docs = root.resolve("docs");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(
        null, Locale.ROOT, StandardCharsets.US_ASCII)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(sources));
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null,
          List.of("-encoding", "US-ASCII", "-proc:only", "-Aheadroom.docs=" + docs,
              "-classpath", System.getProperty("java.class.path")),
          null, List.of(NamedDesign.plain().file()));
      task.setProcessors(List.of(new HeadroomProcessor()));
      task.call();
    }

    String inClasses = Files.readString(classes.resolve("com/acme/Platform.md"));
    String inDocs = Files.readString(docs.resolve("com/acme/Platform.md"));
    assertThat(inDocs).contains("1,000 ms + 2,500 × 50 ms");
    assertThat(inClasses).isEqualTo(inDocs);
  }

  /**
   * A type already named {@code <Design>Report} (here a second design, {@code PlatformReport})
   * makes the Filer refuse the report class. The {@code FilerException} is caught as an
   * unexpected one: {@code [headroom.internal] ... please report it with this trace}, and the
   * doc and JSON, which should be written even when a design fails, are not.
   */
  @Test
  void reportClassNameTakenIsAClearError(@TempDir Path docs) {
    JavaFileObject taken = JavaFileObjects.forSourceLines("com.acme.PlatformReport",
        "package com.acme;", "", "/** Someone's own class. */", "final class PlatformReport {}");

    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        NamedDesign.plain().file(), taken);

    assertThat(count(compilation.errors(), "[headroom.internal]")).isEqualTo(0);
    assertThat(Files.isRegularFile(docs.resolve("com/acme/Platform.json"))).isTrue();
  }

  /**
   * {@code -Aheadroom.docs} naming an existing regular file (or a directory it may not write)
   * throws from {@code Files.createDirectories} in {@code DocWriter}: an IOException reported
   * as {@code [headroom.internal]} with a stack trace, on every design, after the class-output
   * doc is written but before the JSON and the summary.
   */
  @Test
  void unwritableDocsDirectoryIsAClearError(@TempDir Path root) throws IOException {
    Path file = Files.writeString(root.resolve("not-a-directory"), "");

    Compilation compilation =
        compile(List.of("-Aheadroom.docs=" + file), NamedDesign.plain().file());

    assertThat(count(compilation.errors(), "[headroom.internal]")).isEqualTo(0);
    assertThat(count(compilation.diagnostics(), "headroom.docs")).isAtLeast(1);
  }
}
