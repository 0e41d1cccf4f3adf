package dev.headroom.processor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor under the Eclipse compiler (ECJ), which Eclipse and VS Code's Java extension
 * run: the same findings on the same lines, and the same files, as under javac. ECJ runs on
 * real directories here, since it reads generated sources back from disk.
 */
class EclipseCompilerTest {
  @TempDir Path work;

  /** What one ECJ run returned and printed. */
  private record Run(boolean succeeded, List<Diagnostic<? extends JavaFileObject>> diagnostics) {}

  private Run compileWithEcj(DesignSource design) throws IOException {
    Path sources = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path generated = Files.createDirectories(work.resolve("generated"));
    Path file = sources.resolve("com/acme/Platform.java");
    Files.createDirectories(file.getParent());
    Files.write(file, design.lines(), UTF_8);

    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        ecj.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
      files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(generated.toFile()));
      files.setLocation(StandardLocation.CLASS_PATH, Arrays.stream(
              System.getProperty("java.class.path").split(File.pathSeparator))
          .map(File::new)
          .toList());
      JavaCompiler.CompilationTask task = ecj.getTask(null, files, diagnostics,
          List.of("--release", "17"), null, files.getJavaFileObjects(file.toFile()));
      task.setProcessors(List.of(new HeadroomProcessor()));
      return new Run(task.call(), diagnostics.getDiagnostics());
    }
  }

  private static List<Diagnostic<? extends JavaFileObject>> headroom(
      Run run, Diagnostic.Kind kind) {
    return run.diagnostics().stream()
        .filter(diagnostic -> diagnostic.getKind() == kind)
        .filter(diagnostic -> diagnostic.getMessage(Locale.ROOT).contains("[headroom."))
        .toList();
  }

  @Test
  void passingDesignWritesItsReportDocAndJson() throws IOException {
    Run run = compileWithEcj(DesignSource.platform("Platform"));

    assertTrue(run.succeeded(), run.diagnostics()::toString);
    assertEquals(List.of(), headroom(run, Diagnostic.Kind.ERROR));
    assertTrue(Files.isRegularFile(work.resolve("generated/com/acme/PlatformReport.java")));
    assertTrue(Files.isRegularFile(work.resolve("classes/com/acme/PlatformReport.class")));
    // The revised capstone: 576 of 1,024 GPUs, as under javac (CapstoneDesignTest).
    String doc = Files.readString(work.resolve("classes/com/acme/Platform.md"));
    assertTrue(doc.contains("Serving needs 576 of 1,024 GPUs"), doc);
    String json = Files.readString(work.resolve("classes/com/acme/Platform.json"));
    assertTrue(json.contains("\"gpusNeeded\": 576,"), json);
  }

  @Test
  void brokenBudgetIsOneErrorOnTheGpusLine() throws IOException {
    // 512 GPUs against the 576 the revised capstone needs.
    DesignSource design = DesignSource.platform("Platform").replace("gpus = 1024", "gpus = 512");

    Run run = compileWithEcj(design);

    assertFalse(run.succeeded());
    List<Diagnostic<? extends JavaFileObject>> errors = headroom(run, Diagnostic.Kind.ERROR);
    assertEquals(1, errors.size(), errors::toString);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    assertTrue(error.getMessage(Locale.ROOT).startsWith("[headroom.gpu-budget]"),
        error::toString);
    assertEquals(design.lineNumberOf("gpus = 512"), error.getLineNumber());
    // The doc and JSON are written even when the design fails.
    assertTrue(Files.isRegularFile(work.resolve("classes/com/acme/Platform.md")));
    assertTrue(Files.isRegularFile(work.resolve("classes/com/acme/Platform.json")));
  }
}
