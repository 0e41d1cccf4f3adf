package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.count;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Designs that meet what real builds hold: a model another processor generates in a later
 * round, and a broken class beside valid designs.
 */
class LaterRoundTest {
  /** Generates {@code com.acme.GeneratedModel}, the Llama 3 70B shape, in its first round. */
  static final class ModelGenerator extends AbstractProcessor {
    private boolean generated;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (generated) {
        return false;
      }
      generated = true;
      try (Writer out = processingEnv.getFiler()
          .createSourceFile("com.acme.GeneratedModel").openWriter()) {
        out.write(String.join("\n", DesignSource.model("GeneratedModel").lines()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }

  @Test
  void modelGeneratedInALaterRoundIsWaitedForAndSized() {
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("model = Llama70B.class", "model = GeneratedModel.class")
        .file();

    Compilation compilation = Compiler.javac()
        .withProcessors(new ModelGenerator(), new HeadroomProcessor())
        .compile(design);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.PlatformReport");
    // The revised capstone on the same 70B shape: 576 of 1,024 GPUs (CapstoneDesignTest).
    assertThat(compilation).hadNoteContaining(
        "[headroom.summary] Platform: pass. Serving needs 576 of 1,024 GPUs");
  }

  @Test
  void brokenClassBesideValidDesignsLeavesThemSized() {
    JavaFileObject broken = JavaFileObjects.forSourceLines("com.acme.Broken",
        "package com.acme;",
        "final class Broken {",
        "  int count = \"many\";",
        "}");
    JavaFileObject alpha = DesignSource.platform("Alpha").file();
    JavaFileObject beta = DesignSource.platform("Beta").file();

    Compilation compilation = HeadroomCompiler.compile(broken, alpha, beta);

    assertThat(compilation).hadErrorContaining("incompatible types").inFile(broken)
        .onLineContaining("int count");
    assertThat(count(compilation.errors(), "[headroom.")).isEqualTo(0);
    // compile-testing withholds the files of a failed compilation; the notes name them.
    assertThat(count(compilation.notes(), "[headroom.summary] Alpha: pass.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "Report: com.acme.AlphaReport.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "[headroom.summary] Beta: pass.")).isEqualTo(1);
    assertThat(count(compilation.notes(), "Report: com.acme.BetaReport.")).isEqualTo(1);
  }

  /**
   * A value of the wrong type in an annotation is an error javac reports before it runs any
   * processor, so that build gets javac's error alone: no Headroom message, no trace.
   */
  @Test
  void wrongTypedValueIsJavacsErrorAlone() {
    JavaFileObject broken = DesignSource.platform("Broken")
        .replace("gpus = 1024", "gpus = \"many\"")
        .file();
    JavaFileObject sound = DesignSource.platform("Sound").file();

    Compilation compilation = HeadroomCompiler.compile(broken, sound);

    assertThat(compilation).hadErrorContaining("incompatible types").inFile(broken)
        .onLineContaining("gpus = \"many\"");
    assertThat(compilation).hadErrorCount(1);
    assertThat(count(compilation.diagnostics(), "[headroom.")).isEqualTo(0);
  }
}
