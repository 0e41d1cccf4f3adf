package dev.headroom.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Runs javac with the Headroom processor and reads what it printed and wrote. */
final class HeadroomCompiler {
  private HeadroomCompiler() {}

  /** Returns the result of compiling {@code files} with the processor and {@code options}. */
  static Compilation compile(List<String> options, JavaFileObject... files) {
    return Compiler.javac()
        .withProcessors(new HeadroomProcessor())
        .withOptions(options)
        .compile(files);
  }

  /** Returns the result of compiling {@code files} with the processor and no options. */
  static Compilation compile(JavaFileObject... files) {
    return compile(List.of(), files);
  }

  /** Asserts that the one error contains {@code message}, on the line holding {@code line}. */
  static void assertOnlyError(
      Compilation compilation, JavaFileObject file, String message, String line) {
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  /**
   * Asserts that the compilation succeeded with one warning, containing {@code message}, on the
   * line holding {@code line}.
   */
  static void assertOnlyWarning(
      Compilation compilation, JavaFileObject file, String message, String line) {
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining(message).inFile(file).onLineContaining(line);
    assertThat(compilation).hadWarningCount(1);
  }

  /** Returns how many of {@code diagnostics} contain {@code text} in their message. */
  static long count(List<Diagnostic<? extends JavaFileObject>> diagnostics, String text) {
    return diagnostics.stream()
        .filter(diagnostic -> diagnostic.getMessage(Locale.ROOT).contains(text))
        .count();
  }

  /** Returns the generated file {@code packageName/relativeName} in the class output, if any. */
  static Optional<JavaFileObject> classOutput(
      Compilation compilation, String packageName, String relativeName) {
    return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, packageName, relativeName);
  }

  /** Returns the text of a file the compilation must have generated. */
  static String text(Optional<JavaFileObject> file, String what) {
    assertWithMessage("generated %s", what).that(file.isPresent()).isTrue();
    try {
      return file.get().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
