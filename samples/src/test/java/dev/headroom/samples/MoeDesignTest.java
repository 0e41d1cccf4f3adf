package dev.headroom.samples;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.samples.CapstoneDesignTest.assertGolden;
import static dev.headroom.samples.CapstoneDesignTest.compile;
import static dev.headroom.samples.CapstoneDesignTest.source;
import static dev.headroom.samples.CapstoneDesignTest.summaries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Path;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Compiles the mixture-of-experts sample (DeepSeek-V3 from its preset, served with expert
 * parallelism on H200s) as it is checked in, checks its figures by hand, and holds its
 * generated files to the golden copies.
 */
class MoeDesignTest {
  private static final String PACKAGE = "dev.headroom.samples.moe";
  private static final Path SOURCES = Path.of("src/main/java/dev/headroom/samples/moe");
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @Test
  void deepSeekFleetFitsItsH200BudgetWithExpertParallelism() throws IOException {
    Compilation compilation = compileSample();

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(1, summaries(compilation));
    // FP8 weights, expert 8 × tensor 1: 17,117,633,536 B dense + 81,738,596,352 B of 32
    // experts per layer = 98,856,229,888 B a GPU; room 150,754,820,096 − that − 5e9 =
    // 46,898,590,208 B over 70,272 B × 6,000 tokens = 421,632,000 B: 111 a GPU, 888 a replica
    // of 8; L = 50 × 202 s = 10,100, ⌈10,100 / 888⌉ = 12 replicas × 8 = 96 of 128.
    assertThat(compilation).hadNoteContaining("MoeReasoningService: pass. Serving needs 96 of"
        + " 128 GPUs (25.0% spare), bound by kv-capacity.");
  }

  @Test
  void docShowsTheTotalActiveSplitAndTheLatentSaving() throws IOException {
    String doc = content(compileSample(), "MoeReasoningService.md");

    // R-P2: 671,026,404,352 total, 37,552,282,624 active (5.6%).
    assertTrue(doc.contains("- active parameters = 37,552,282,624 of 671,026,404,352 (5.6%)"),
        doc);
    // R-K4's 70,272 B against R-K2's 516,096 B for Llama 3.1 405B: 7.34× less.
    assertTrue(doc.contains("= 70,272 B: latent attention caches one compressed latent"), doc);
    assertTrue(doc.contains("caches 516,096 B per token at the same precision, 7.34× this"
        + " model's 70,272 B"), doc);
  }

  @Test
  void generatedFilesMatchTheGoldenCopies() throws IOException {
    Compilation compilation = compileSample();

    assertGolden(GOLDEN.resolve("MoeReasoningServiceReport.java"), generated(compilation,
        StandardLocation.SOURCE_OUTPUT, "MoeReasoningServiceReport.java"));
    assertGolden(GOLDEN.resolve("MoeReasoningService.md"),
        content(compilation, "MoeReasoningService.md"));
    assertGolden(GOLDEN.resolve("MoeReasoningService.json"),
        content(compilation, "MoeReasoningService.json"));
  }

  private static Compilation compileSample() throws IOException {
    return compile(
        source(SOURCES.resolve("MoeReasoningService.java")),
        source(SOURCES.resolve("DeepSeekV3.java")));
  }

  private static String content(Compilation compilation, String name) throws IOException {
    return generated(compilation, StandardLocation.CLASS_OUTPUT, name);
  }

  private static String generated(
      Compilation compilation, StandardLocation location, String name) throws IOException {
    return compilation.generatedFile(location, PACKAGE.replace('.', '/') + "/" + name)
        .orElseThrow().getCharContent(true).toString();
  }
}
