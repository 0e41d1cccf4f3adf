package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.text;

import com.google.testing.compile.Compilation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Every sized fleet gets a memory chart, and a fleet over budget a ladder chart, written beside
 * the doc (in the class output and under {@code -Aheadroom.docs}) and linked from it.
 *
 * <p>compile-testing withholds generated files from a failed compilation, so the test of the
 * failing design reads the copies that {@code -Aheadroom.docs} writes.
 */
class ChartFilesTest {
  @TempDir Path docs;

  /** The naive capstone: FP16 weights and KV, 4,000-token outputs; 3,624 of 1,024 GPUs. */
  private static JavaFileObject naive() {
    return DesignSource.platform("NaivePlatform")
        .replace("outputTokens = 2500", "outputTokens = 4000")
        .replace("weights = Precision.FP8", "weights = Precision.FP16")
        .replace("kvCache = Precision.FP8", "kvCache = Precision.FP16")
        .file();
  }

  @Test
  void failingDesignWritesBothChartsAndTheDocLinksThem() throws IOException {
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs), naive());

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[headroom.gpu-budget]");
    Path dir = docs.resolve("com/acme");
    try (Stream<Path> written = Files.list(dir)) {
      assertThat(written.map(file -> file.getFileName().toString()).sorted().toList())
          .containsExactly("NaivePlatform-Serving-ladder.svg", "NaivePlatform-Serving-memory.svg",
              "NaivePlatform.json", "NaivePlatform.md")
          .inOrder();
    }
    String doc = Files.readString(dir.resolve("NaivePlatform.md"), StandardCharsets.UTF_8);
    assertThat(doc).contains("![Serving: GPUs needed at each rung against the budget of 1,024"
        + " GPUs](NaivePlatform-Serving-ladder.svg)\n");
    assertThat(doc).contains("![Serving: one GPU's memory, split into weights, KV cache room and"
        + " reserved](NaivePlatform-Serving-memory.svg)\n");

    String ladder = Files.readString(dir.resolve("NaivePlatform-Serving-ladder.svg"),
        StandardCharsets.UTF_8);
    Document parsed = parse(ladder);
    assertThat(parsed.getDocumentElement().getLocalName()).isEqualTo("svg");
    // The declared fleet's bar: 3,624 GPUs on an axis to 4,000 over 300 px = 271.8 px; the
    // budget line: 384 − 1,024 × 300 / 4,000 = 307.2.
    assertThat(ladder).contains("id=\"bar-0\" x=\"107\" y=\"112.2\" width=\"96\""
        + " height=\"271.8\"");
    assertThat(ladder).contains("id=\"budget\" x1=\"80\" y1=\"307.2\" x2=\"830\" y2=\"307.2\"");
    String memory = Files.readString(dir.resolve("NaivePlatform-Serving-memory.svg"),
        StandardCharsets.UTF_8);
    parse(memory);
    assertThat(memory).contains("weights per GPU: 35.00 GB (40.9% of the memory)");
  }

  @Test
  void passingDesignWritesAMemoryChartBesideItsDocAndNoLadder() {
    Compilation compilation = compile(DesignSource.platform("Platform").file());

    assertThat(compilation).succeeded();
    String memory = text(classOutput(compilation, "com.acme", "Platform-Serving-memory.svg"),
        "memory chart");
    parse(memory);
    assertThat(memory).contains("KV cache room: 63.02 GB (73.7% of the memory)");
    assertThat(classOutput(compilation, "com.acme", "Platform-Serving-ladder.svg")).isEmpty();
    String doc = text(classOutput(compilation, "com.acme", "Platform.md"), "doc");
    assertThat(doc).contains("](Platform-Serving-memory.svg)");
    assertThat(doc).doesNotContain("-ladder.svg");
  }

  @Test
  void thinMarginWithoutRungsWritesNoLadder() {
    // 576 of 600 GPUs, 4.0% spare: the plan is made, but the fleet fits, so it has no rungs.
    Compilation compilation =
        compile(DesignSource.platform("Platform").replace("gpus = 1024", "gpus = 600").file());

    assertThat(compilation).succeeded();
    assertThat(classOutput(compilation, "com.acme", "Platform-Serving-memory.svg")).isPresent();
    assertThat(classOutput(compilation, "com.acme", "Platform-Serving-ladder.svg")).isEmpty();
  }

  @Test
  void invalidFleetGetsNoChart() throws IOException {
    Compilation compilation = compile(List.of("-Aheadroom.docs=" + docs),
        DesignSource.platform("Broken").replace("gpus = 1024", "gpus = 0").file());

    assertThat(compilation).failed();
    try (Stream<Path> written = Files.list(docs.resolve("com/acme"))) {
      assertThat(written.map(file -> file.getFileName().toString()).sorted().toList())
          .containsExactly("Broken.json", "Broken.md").inOrder();
    }
  }

  @Test
  void chartsAreTheSameBytesOnEveryCompilation() {
    Compilation first = compile(DesignSource.platform("Platform").file());
    Compilation second = compile(DesignSource.platform("Platform").file());

    assertThat(text(classOutput(second, "com.acme", "Platform-Serving-memory.svg"), "second"))
        .isEqualTo(text(classOutput(first, "com.acme", "Platform-Serving-memory.svg"), "first"));
  }

  /** Parses {@code svg} as XML with no DTD and no external entity allowed. */
  private static Document parse(String svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setExpandEntityReferences(false);
      Document document = factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      assertThat(document.getDocumentElement().getNamespaceURI())
          .isEqualTo("http://www.w3.org/2000/svg");
      return document;
    } catch (ParserConfigurationException | SAXException | IOException invalid) {
      throw new AssertionError("not well-formed XML: " + invalid.getMessage() + "\n" + svg,
          invalid);
    }
  }
}
