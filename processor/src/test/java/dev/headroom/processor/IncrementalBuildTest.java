package dev.headroom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What build tools that compile incrementally need from the processor. */
class IncrementalBuildTest {
  /**
   * Gradle reads the category from the processor's jar: aggregating, because one design's files
   * come from several annotated types (see the processor's Javadoc).
   */
  @Test
  void declaresItselfAggregatingToGradle() throws IOException {
    try (InputStream in = HeadroomProcessor.class.getResourceAsStream(
        "/META-INF/gradle/incremental.annotation.processors")) {
      assertNotNull(in, "META-INF/gradle/incremental.annotation.processors is missing");
      assertEquals("dev.headroom.processor.HeadroomProcessor,aggregating\n",
          new String(in.readAllBytes(), UTF_8));
    }
  }

  /**
   * Two designs sharing a model declared in a third file compile in one pass, each writing its
   * files once: a second write would be javac's "Attempt to recreate a file" error.
   */
  @Test
  void writesEachFileOnceWhenDesignsShareAModelInAnotherFile() {
    JavaFileObject model = DesignSource.model("SharedModel").file();
    JavaFileObject alpha = DesignSource.platform("Alpha")
        .replace("model = Llama70B.class", "model = SharedModel.class")
        .file();
    JavaFileObject beta = DesignSource.platform("Beta")
        .replace("model = Llama70B.class", "model = SharedModel.class")
        .file();

    Compilation compilation = HeadroomCompiler.compile(model, alpha, beta);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.AlphaReport");
    assertThat(compilation).generatedSourceFile("com.acme.BetaReport");
  }
}
