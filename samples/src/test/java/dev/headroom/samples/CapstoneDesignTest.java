package dev.headroom.samples;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.headroom.processor.HeadroomProcessor;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the capstone designs exactly as they are checked in, and holds their generated report
 * class, doc, JSON and chart to the golden copies under {@code src/test/resources/golden}. (The
 * copies the build writes to {@code docs} for review are checked by {@code .ci/run}, which fails
 * when they differ from the committed ones.)
 *
 * <p>After a deliberate change to the output, refresh the golden copies with {@code mvn -pl
 * samples verify -Dheadroom.golden.update=true} and review the diff.
 */
class CapstoneDesignTest {
  private static final String PACKAGE = "dev.headroom.samples.capstone";
  private static final Path SOURCES = Path.of("src/main/java/dev/headroom/samples/capstone");
  private static final Path NAIVE = Path.of("src/naive/java/dev/headroom/samples/capstone");
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  /** The serving fleet's one chart: it fits with room to spare, so it has no ladder. */
  private static final String MEMORY_CHART = "ReasoningPlatform-Serving-memory.svg";

  /**
   * The naive design's error names the fewest levers that fit; its doc (written even though the
   * build fails) has the whole ladder, kept as a golden copy.
   */
  @Test
  void naiveDesignNamesTheSmallestFittingSetAndItsDocHasTheLadder(@TempDir Path docs)
      throws IOException {
    JavaFileObject naive = source(NAIVE.resolve("NaiveReasoningPlatform.java"));

    Compilation compilation = Compiler.javac()
        .withClasspath(classPathWithoutTheseSamples())
        .withProcessors(new HeadroomProcessor())
        .withOptions("--release", "17", "-Aheadroom.docs=" + docs)
        .compile(naive, source(SOURCES.resolve("Llama70B.java")));

    // INT4 weights (4.125 bits with their block scales): 70e9 × 4.125 / 8 / 4 = 9,023,437,500 B
    // per GPU; FP8 KV sized for the average request, 1,000 + 4,000 / 2 = 3,000 tokens × 40,960
    // B = 122,880,000 B per GPU; room 85,520,809,984 − 9,023,437,500 − 5e9 = 71,497,372,484 B
    // holds 581 (the TPOT bound, about 1,289, does not bind); ceil(100,500 / 581) = 173
    // replicas × 4 = 692 GPUs. No single lever fits (FP8 alone leaves 1,312).
    assertThat(compilation).hadErrorContaining("; or weights = INT4, kvCache = FP8 with"
        + " kvSizing = AVERAGE, which together need 692 GPUs (the doc has the whole ladder)");
    String doc = Files.readString(
        docs.resolve("dev/headroom/samples/capstone/NaiveReasoningPlatform.md"));
    assertTrue(doc.contains("| 1 | `weights = FP8, kvCache = FP8` | 307 | 1,312 | no |"
        + " eval gate |"), doc);
    assertGolden(GOLDEN.resolve("NaiveReasoningPlatform.md"), doc);
  }

  @Test
  void naiveDesignBreaksItsGpuBudgetOnTheGpusMember() throws IOException {
    JavaFileObject naive = source(NAIVE.resolve("NaiveReasoningPlatform.java"));

    Compilation compilation = compile(naive, source(SOURCES.resolve("Llama70B.java")));

    // CAPSTONE.md stage 1 on the 81,559 MiB an H100 reports: KV room per GPU
    // 85,520,809,984 - 35e9 weights - 5e9 reserved = 45,520,809,984 B; a request holds
    // 81,920 B x 5,000 tokens = 409,600,000 B per GPU, so 111 per replica;
    // ceil(100,500 / 111) = 906 replicas x 4 = 3,624 GPUs, 3,624 / 1,024 = 3.54x the budget.
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[headroom.gpu-budget]")
        .inFile(naive)
        .onLineContaining("gpus = 1024");
    assertThat(compilation).hadErrorContaining("needs 3,624 GPUs (906 replicas × 4 GPUs");
    assertThat(compilation).hadErrorContaining("but gpus = 1,024: 3.54× the budget");
  }

  @Test
  void revisedDesignFitsWithoutWarningsUnderStrictLint() throws IOException {
    Compilation compilation = compile(
        source(SOURCES.resolve("ReasoningPlatform.java")),
        source(SOURCES.resolve("Llama70B.java")));

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(1, summaries(compilation));
    // FP8 weights and KV, 2,500-token outputs: KV room per GPU 85,520,809,984 - 17.5e9 - 5e9
    // = 63,020,809,984 B over 40,960 B x 3,500 tokens = 439 per replica; ceil(63,000 / 439)
    // = 144 replicas x 4 = 576 GPUs, plus the 128-GPU prefill pool: 704 of 1,024. The pool
    // needs 500,000 tokens/s / 5,654 per GPU = 92 of its 128 GPUs: 28.1% to spare, less than
    // the budget's 31.2%, so prefill binds.
    assertThat(compilation).hadNoteContaining(
        "Serving needs 704 of 1,024 GPUs (31.2% spare), bound by prefill (28.1% of the prefill"
            + " pool spare).");
  }

  /**
   * CAPSTONE.md stage 4 and the whole platform: serving at peak with 2 spare replicas, a
   * quarter of the fleet for a rolling deploy, beside training and RL on 6,144 H100s.
   */
  @Test
  void platformStageHoldsEveryStageAtPeakWithSparesAndPricesTheCluster() throws IOException {
    Compilation compilation = compileRevised();
    String json = content(compilation, StandardLocation.CLASS_OUTPUT, "ReasoningPlatform.json");

    // Production: (144 peak + 2 spare + ceil(146 x 0.25) = 37 deploy) x 4 + 128 prefill = 860.
    assertTrue(json.contains("\"totalGpus\": 860,"), json);
    // 860 + 4,096 training + 448 actors + 320 learners = 5,724 of 6,144; the cluster costs
    // 6,144 x $2 x 730 h = $8,970,240 a month.
    assertThat(compilation).hadNoteContaining("ReasoningPlatform: pass. ReasoningPlatform takes"
        + " 5,724 of 6,144 NVIDIA H100 SXM5 80GB GPUs (6.8% spare), $8,970,240 a month, bound by"
        + " cluster.");
    assertTrue(json.contains("\"gpusUsed\": 5724,"), json);
    // The day averages 2/3 x (576 + 128) + 39 x 4 = 625.33 GPUs: $30,016 over 28.8M requests.
    assertTrue(json.contains("\"averageGpus\": 625.333333333,"), json);
  }

  /** CAPSTONE.md stage 2: the 1,120 GB state, and what a 2 s step at 40% MFU costs in GPUs. */
  @Test
  void trainingStageShowsTheStateAndTheGpusATwoSecondStepCosts() throws IOException {
    Compilation compilation = compileRevised();
    String json = content(compilation, StandardLocation.CLASS_OUTPUT, "ReasoningPlatform.json");

    // 16 bytes per parameter × 70e9 = 1,120 GB (CAPSTONE.md, stage 2).
    assertTrue(json.contains("\"stateBytes\": 1120000000000,"), json);
    // 6 × 70e9 + 12 × 80 layers × 64 heads × 128 × 8,192 / 2 = 4.5221225472e11 FLOPs
    // per token; × 4,194,304 tokens = 1.8967e18 per step; / (2 s × 989.4e12 × 0.40)
    // = 2,396.3 → 2,397.
    // The capstone's "about 2,100" is 6 × 70e9 × 4e6 alone: 2,122.5.
    assertThat(compilation).hadNoteContaining(
        "PolicyTraining needs 2,397 of 4,096 GPUs for 2 s steps at 40.0% MFU");
  }

  /** CAPSTONE.md stage 3: a GRPO loop whose broadcast hides behind the slower side. */
  @Test
  void rlStageShowsWhichSideBindsAndWhatTheBroadcastCosts() throws IOException {
    Compilation compilation = compileRevised();

    // Rollout: the 8,192-token tail decodes alone, each step reading 35e9 B of BF16 weights per
    // GPU (140e9 / tensor 4) and 81,920 B × 9,192 tokens of KV, at 3.35e12 B/s (H100 SXM):
    // 8,192 × 10.67 ms = 87.4 s, longer than the bulk. Update: 20,480,000 tokens × (6 + 2) ×
    // 70e9 = 1.14688e19 FLOPs / (320 × 989.4e12 × 0.40) = 90.6 s, so training binds.
    // Broadcast: 140e9 B / (50e9 × 0.5) = 5.6 s, of which 5.6 − (90.6 − 87.4) = 2.4 s shows:
    // 93.0 s a step.
    assertThat(compilation).hadNoteContaining("PolicyRl steps in 93.0 s (rollout 87.4 s,"
        + " training 90.6 s, broadcast 5.6 s), actors idle 6.0%, bound by train.");
  }

  @Test
  void generatedFilesMatchTheGoldenCopies() throws IOException {
    Compilation compilation = compileRevised();

    assertGolden(GOLDEN.resolve("ReasoningPlatformReport.java"),
        content(compilation, StandardLocation.SOURCE_OUTPUT, "ReasoningPlatformReport.java"));
    assertGolden(GOLDEN.resolve("ReasoningPlatform.md"),
        content(compilation, StandardLocation.CLASS_OUTPUT, "ReasoningPlatform.md"));
    assertGolden(GOLDEN.resolve("ReasoningPlatform.json"),
        content(compilation, StandardLocation.CLASS_OUTPUT, "ReasoningPlatform.json"));
    assertGolden(GOLDEN.resolve(MEMORY_CHART),
        content(compilation, StandardLocation.CLASS_OUTPUT, MEMORY_CHART));
  }

  @Test
  void sameSourcesGiveByteIdenticalOutput() throws IOException {
    Compilation first = compileRevised();
    Compilation second = compileRevised();

    for (String file :
        new String[] {"ReasoningPlatform.md", "ReasoningPlatform.json", MEMORY_CHART}) {
      assertEquals(content(first, StandardLocation.CLASS_OUTPUT, file),
          content(second, StandardLocation.CLASS_OUTPUT, file), file);
    }
    assertEquals(
        content(first, StandardLocation.SOURCE_OUTPUT, "ReasoningPlatformReport.java"),
        content(second, StandardLocation.SOURCE_OUTPUT, "ReasoningPlatformReport.java"));
  }

  private static Compilation compileRevised() throws IOException {
    return compile(
        source(SOURCES.resolve("ReasoningPlatform.java")),
        source(SOURCES.resolve("Llama70B.java")));
  }

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac()
        .withClasspath(classPathWithoutTheseSamples())
        .withProcessors(new HeadroomProcessor())
        .withOptions("-Xlint:all", "-Werror", "--release", "17")
        .compile(sources);
  }

  /**
   * Returns the test class path minus this module's own classes, which already hold the report
   * classes the normal build generated; the compilations here generate them afresh.
   */
  private static List<File> classPathWithoutTheseSamples() {
    Path ownClasses = Path.of("target/classes").toAbsolutePath();
    List<File> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!Path.of(entry).toAbsolutePath().equals(ownClasses)) {
        entries.add(new File(entry));
      }
    }
    return entries;
  }

  static JavaFileObject source(Path file) throws MalformedURLException {
    return JavaFileObjects.forResource(file.toUri().toURL());
  }

  private static String content(Compilation compilation, StandardLocation location, String name)
      throws IOException {
    String relative = PACKAGE.replace('.', '/') + "/" + name;
    return compilation.generatedFile(location, relative).orElseThrow().getCharContent(true)
        .toString();
  }

  static long summaries(Compilation compilation) {
    return compilation.notes().stream()
        .map(note -> note.getMessage(java.util.Locale.ROOT))
        .filter(message -> message.startsWith("[headroom.summary]"))
        .count();
  }

  static void assertGolden(Path golden, String actual) throws IOException {
    if (Boolean.getBoolean("headroom.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    assertEquals(expected, actual, golden + " is stale: refresh it with"
        + " -Dheadroom.golden.update=true and review the diff");
  }
}
