package dev.headroom.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The workload designs of issue #5, read from the JSON report the build wrote for each while it
 * compiled them: each passes, bound by the constraint its Javadoc names, on the GPUs worked out
 * by hand below.
 */
class WorkloadDesignsTest {
  private static final Path REPORTS = Path.of("target/classes/dev/headroom/samples/workloads");

  @ParameterizedTest(name = "{0} passes, bound by {1}")
  @CsvSource({
      "CodeAssistant, ttft",
      "ConsumerChatbot, cost",
      "RetrievalAugmented, prefill",
      "AgenticPlatform, task-latency",
      "LongContext, kv-capacity",
      "BatchInference, throughput",
  })
  void designPassesBoundByItsConstraint(String design, String binding) throws IOException {
    String json = Files.readString(REPORTS.resolve(design + ".json"));

    assertEquals("pass", first(json, "\"verdict\": \"([a-z]+)\""), design);
    assertEquals(binding, first(json, "\"binding\": \"([a-z-]+)\""), design);
  }

  /**
   * The GPUs each design needs, by hand. Reported memory: H100 85,520,809,984 B, H200
   * 150,754,820,096 B; 5e9 B reserved; KV per token per GPU = 2 × layers × KV heads per GPU ×
   * 128 × bytes.
   */
  @ParameterizedTest(name = "{0} needs {1} GPUs")
  @CsvSource({
      // Qwen2.5-Coder-32B FP8, tensor 4: room 85,520,809,984 − 32,763,417,600 / 4 − 5e9 =
      // 72,329,955,584 B over 32,768 B × 24,400 tokens = 90 per replica; W = 0.35 + 400 × 0.03
      // = 12.35 s, L = ⌈40 × 12.35⌉ = 494, ⌈494 / 90⌉ = 6 replicas: 24 + 120 pool = 144.
      "CodeAssistant, 144",
      // Llama 3.1 70B FP8, tensor 4: room 85,520,809,984 − 17,638,426,624 − 5e9 =
      // 62,882,383,360 B over 40,960 B × 8,300 = 184; L = 100 × (1.5 + 300 × 0.04) = 1,350,
      // ⌈1,350 / 184⌉ = 8 replicas: 32 + 168 pool = 200.
      "RetrievalAugmented, 200",
      // The same replica at 6,250 tokens holds ⌊62,882,383,360 / 256,000,000⌋ = 245, but an
      // 18 ms step allows ⌊(0.018 × 3.35e12 − 17,638,426,624) / 256e6⌋ = 166; L = 60 × (1 +
      // 250 × 0.018) = 330, 2 replicas: 8 + 88 pool = 96.
      "AgenticPlatform, 96",
      // Llama 3.1 8B BF16 on an H200, FP8 KV: room 150,754,820,096 − 16,060,522,496 − 5e9 =
      // 129,694,297,600 B over 65,536 B × 101,000 = 19; L = 4 × (8 + 1,000 × 0.04) = 192,
      // ⌈192 / 19⌉ = 11 replicas: 11 + 56 pool = 67.
      "LongContext, 67",
      // Llama 3.1 8B FP8 on an H100, offline: room 72,490,548,736 B over 65,536 B × 1,600 =
      // 691; step (8,030,261,248 + 691 × 104,857,600) / 3.35e12 = 24.026 ms, prefill 8.116 ms,
      // W = 0.008116 + 1,200 × 0.024026 = 28.839 s, L = ⌈232 × 28.839⌉ = 6,691, 10 replicas.
      "BatchInference, 10",
  })
  void designNeedsTheGpusWorkedByHand(String design, long gpus) throws IOException {
    String json = Files.readString(REPORTS.resolve(design + ".json"));

    assertEquals(gpus, Long.parseLong(first(json, "\"gpusNeeded\": ([0-9]+)")), design);
  }

  /** Issue #5: the six workload designs bind on six different constraints. */
  @Test
  void theSixDesignsBindOnSixDifferentConstraints() throws IOException {
    Set<String> bindings = new TreeSet<>();
    List<Path> reports;
    try (Stream<Path> files = Files.list(REPORTS)) {
      reports = files.filter(file -> file.toString().endsWith(".json")).toList();
    }
    for (Path report : reports) {
      bindings.add(first(Files.readString(report), "\"binding\": \"([a-z-]+)\""));
    }

    assertEquals(6, reports.size(), reports::toString);
    assertEquals(Set.of("cost", "kv-capacity", "prefill", "task-latency", "throughput", "ttft"),
        bindings);
  }

  private static String first(String json, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(json);
    if (!matcher.find()) {
      throw new AssertionError(regex + " not in " + json);
    }
    return matcher.group(1);
  }
}
