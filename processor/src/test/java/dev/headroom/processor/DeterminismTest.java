package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.text;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Checks that compiling the same designs twice generates identical reports, docs, JSON and
 * charts.
 */
class DeterminismTest {

  @Test
  void sameSourcesGiveIdenticalGeneratedFiles() {
    Compilation first = compile(DesignSource.platform("ReasoningPlatform").withBaseline().file());
    Compilation second = compile(DesignSource.platform("ReasoningPlatform").withBaseline().file());

    assertSameFiles(first, second, DesignSource.PACKAGE, "ReasoningPlatform");
  }

  @Test
  void sourceOrderDoesNotChangeGeneratedFiles() {
    Compilation forward = compile(
        DesignSource.platform("Alpha").file(), DesignSource.platform("Beta").file());
    Compilation backward = compile(
        DesignSource.platform("Beta").file(), DesignSource.platform("Alpha").file());

    assertSameFiles(forward, backward, DesignSource.PACKAGE, "Alpha");
    assertSameFiles(forward, backward, DesignSource.PACKAGE, "Beta");
  }

  private static void assertSameFiles(
      Compilation first, Compilation second, String packageName, String design) {
    for (String file : List.of(design + "Report.java", design + ".md", design + ".json",
        design + "-Serving-memory.svg")) {
      assertThat(text(generated(second, packageName, file), file))
          .isEqualTo(text(generated(first, packageName, file), file));
    }
  }

  private static Optional<JavaFileObject> generated(
      Compilation compilation, String packageName, String file) {
    return file.endsWith(".java")
        ? compilation.generatedSourceFile(packageName + "." + file.replace(".java", ""))
        : classOutput(compilation, packageName, file);
  }
}
