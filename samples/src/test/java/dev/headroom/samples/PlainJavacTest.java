package dev.headroom.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's plain-javac lines exactly as written, from the repository's root, after the
 * build has packaged the processor: the way a user without Maven or Gradle would.
 */
class PlainJavacTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MARKER = "<!-- plain-javac -->";

  /** Returns the shell lines of the fenced block that follows the marker in the README. */
  static String readmeBlock() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), UTF_8);
    int marker = readme.indexOf(MARKER);
    assertTrue(marker >= 0, "README.md has no " + MARKER + " block");
    int start = readme.indexOf("```sh\n", marker) + "```sh\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  @Test
  void readmeJavacLinesCompileTheCapstoneWithItsReport() throws Exception {
    assertTrue(Files.isRegularFile(
            ROOT.resolve("processor/target/headroom-processor-0.1.0-SNAPSHOT.jar")),
        "run the whole build (mvn -B verify), which packages the processor first");
    Path out = ROOT.resolve("out");
    delete(out);
    try {
      Process javac = new ProcessBuilder("bash", "-euo", "pipefail", "-c", readmeBlock())
          .directory(ROOT.toFile())
          .redirectErrorStream(true)
          .start();
      String printed = new String(javac.getInputStream().readAllBytes(), UTF_8);
      assertTrue(javac.waitFor(120, TimeUnit.SECONDS), "javac did not finish: " + printed);

      assertEquals(0, javac.exitValue(), printed);
      assertTrue(printed.contains("[headroom.summary] ReasoningPlatform: pass."), printed);
      Path capstone = out.resolve("dev/headroom/samples/capstone");
      assertTrue(Files.isRegularFile(capstone.resolve("ReasoningPlatformReport.class")));
      assertTrue(Files.isRegularFile(capstone.resolve("ReasoningPlatform.md")));
      assertTrue(Files.isRegularFile(capstone.resolve("ReasoningPlatform.json")));
    } finally {
      delete(out);
    }
  }

  private static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
