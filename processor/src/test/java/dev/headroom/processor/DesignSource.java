package dev.headroom.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * The source of a test design, the revised capstone by default, with every annotation member on
 * its own line so that a test can change one value and assert the line a finding lands on.
 *
 * <p>Instances are immutable: each edit returns a new source.
 */
final class DesignSource {
  /** The package every test design lives in, unless moved to the default package. */
  static final String PACKAGE = "com.acme";

  private final String packageName;
  private final String simpleName;
  private final List<String> lines;

  private DesignSource(String packageName, String simpleName, List<String> lines) {
    this.packageName = packageName;
    this.simpleName = simpleName;
    this.lines = List.copyOf(lines);
  }

  /**
   * Returns the revised capstone as one file: the workload (500 req/s, 1,000 prompt and 2,500
   * output tokens) and SLO (1,000 ms TTFT, 50 ms TPOT) on the design type, the Llama 3 70B shape
   * as the nested model {@code Llama70B}, and the nested fleet {@code Serving}: 1,024 H100 SXM,
   * FP8 weights and KV cache, tensor = 4, gated on a reasoning regression suite.
   */
  static DesignSource platform(String simpleName) {
    List<String> lines =
        header("EvalGate", "Fleet", "Gpu", "Model", "Parallelism", "Precision", "Slo",
            "Workload");
    lines.addAll(List.of(
        "/** A test design: the capstone reasoning platform, revised. */",
        "@EvalGate(suite = \"reasoning regression suite\", metric = \"pass@1\","
            + " threshold = 0.99)",
        "@Workload(",
        "    requestsPerSecond = 500,",
        "    promptTokens = 1000,",
        "    outputTokens = 2500)",
        "@Slo(",
        "    ttftMillis = 1000,",
        "    tpotMillis = 50)",
        "public final class " + simpleName + " {",
        "  private " + simpleName + "() {}",
        ""));
    lines.addAll(modelLines("  ", "static final class Llama70B"));
    lines.add("");
    lines.addAll(fleetLines("Serving", "Llama70B"));
    lines.add("}");
    return new DesignSource(PACKAGE, simpleName, lines);
  }

  /**
   * Returns the capstone's training stage as one design: the Llama 3 70B shape as the nested
   * model {@code Llama70B}, and the nested {@code PolicyTraining}, carrying {@code @Training}
   * (4,096 H100 SXM, tensor 8 × data 512 with ZeRO-3, 4,194,304-token batches of 8,192-token
   * sequences, a 2.0 s target step, selective recompute, 1e12 tokens) and {@code @DataPlane}
   * (10 GB/s storage reads, deterministic resume, 6,335 h node MTBF, 100 GB/s checkpoint
   * writes), as in the capstone sample.
   */
  static DesignSource training(String simpleName) {
    List<String> lines = header("DataPlane", "Gpu", "Model", "Parallelism", "Precision",
        "Recompute", "Training", "ZeroStage");
    lines.addAll(List.of(
        "/** A test design: the capstone's continued training of its 70B policy. */",
        "public final class " + simpleName + " {",
        "  private " + simpleName + "() {}",
        ""));
    lines.addAll(modelLines("  ", "static final class Llama70B"));
    lines.addAll(List.of(
        "",
        "  /** The 70B policy's training job and the data plane that feeds it. */",
        "  @Training(",
        "      model = Llama70B.class,",
        "      gpu = Gpu.H100_SXM,",
        "      gpus = 4096,",
        "      parallelism = @Parallelism(",
        "          tensor = 8,",
        "          data = 512,",
        "          zero = ZeroStage.THREE),",
        "      globalBatchTokens = 4_194_304,",
        "      sequenceLength = 8192,",
        "      targetStepSeconds = 2.0,",
        "      recompute = Recompute.SELECTIVE,",
        "      trainingTokens = 1e12)"));
    lines.addAll(dataPlaneLines("@DataPlane(", ""));
    lines.addAll(List.of("  static final class PolicyTraining {}", "}"));
    return new DesignSource(PACKAGE, simpleName, lines);
  }

  /**
   * Returns the capstone's RL stage as one design: the Llama 3 70B shape as the nested model
   * {@code Llama70B}, and the capstone sample's {@code PolicyRl}, whose {@code @RlLoop} runs
   * GRPO with a verifier (no reward model, no critic), 256 prompts × 16 samples of
   * 1,000 prompt and 4,000 mean rollout tokens, the longest 8,192, one step of staleness; 448
   * actor H100 SXM at tensor 4; 320 learner H100 SXM at tensor 8 × data 40 with ZeRO-3; a 50
   * GB/s broadcast. Every member, nested ones included, sits on its own line.
   */
  static DesignSource rl(String simpleName) {
    List<String> lines = header("Gpu", "Model", "Parallelism", "Pool", "Precision", "Recompute",
        "RlAlgorithm", "RlLoop", "ZeroStage");
    lines.addAll(List.of(
        "/** A test design: the capstone's RL post-training of its 70B policy. */",
        "public final class " + simpleName + " {",
        "  private " + simpleName + "() {}",
        ""));
    lines.addAll(modelLines("  ", "static final class Llama70B"));
    lines.addAll(List.of(
        "",
        "  /** GRPO on verifiable rewards, actors one policy version behind the learners. */",
        "  @RlLoop(",
        "      policy = Llama70B.class,",
        "      promptsPerStep = 256,",
        "      samplesPerPrompt = 16,",
        "      promptTokens = 1000,",
        "      rolloutTokens = 4000,",
        "      maxRolloutTokens = 8192,",
        "      maxStaleness = 1,",
        "      actors = @Pool(",
        "          gpu = Gpu.H100_SXM, // actors",
        "          gpus = 448,",
        "          parallelism = @Parallelism( // actors",
        "              tensor = 4)),",
        "      learners = @Pool(",
        "          gpu = Gpu.H100_SXM, // learners",
        "          gpus = 320,",
        "          parallelism = @Parallelism( // learners",
        "              tensor = 8,",
        "              data = 40,",
        "              zero = ZeroStage.THREE)),",
        "      broadcastGbPerSecond = 50)",
        "  static final class PolicyRl {}",
        "}"));
    return new DesignSource(PACKAGE, simpleName, lines);
  }

  /** Returns a top-level {@code @Model} type with the Llama 3 70B shape, as the design nests. */
  static DesignSource model(String simpleName) {
    List<String> lines = header("Model", "Precision");
    lines.addAll(modelLines("", "public final class " + simpleName));
    return new DesignSource(PACKAGE, simpleName, lines);
  }

  /**
   * Returns a design whose model is Llama 3 405B's shape (Hugging Face config.json: 126 layers,
   * d = 16,384, 128 query and 8 KV heads, F = 53,248) with its published 405 billion parameters,
   * served in BF16 on one H100 per replica.
   */
  static DesignSource llama405bOnOneGpu(String simpleName) {
    return platform(simpleName)
        .replace("\"70B dense (Llama 3 70B shape)\"", "\"405B dense (Llama 3 405B shape)\"")
        .replace("parameters = 70e9", "parameters = 405e9")
        .replace("layers = 80", "layers = 126")
        .replace("hiddenSize = 8192", "hiddenSize = 16384")
        .replace("attentionHeads = 64", "attentionHeads = 128")
        .replace("intermediateSize = 28672", "intermediateSize = 53248")
        .replace("weights = Precision.FP8", "weights = Precision.BF16")
        .replace("kvCache = Precision.FP8", "kvCache = Precision.BF16")
        .replace("tensor = 4", "tensor = 1");
  }

  /** Returns the design type's qualified name, e.g. {@code com.acme.Platform}. */
  String qualifiedName() {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }

  /** Returns the design's package, empty for the default package. */
  String packageName() {
    return packageName;
  }

  /** Returns the design type's simple name. */
  String simpleName() {
    return simpleName;
  }

  /** Returns this source with {@code text}, which must occur on exactly one line, replaced. */
  DesignSource replace(String text, String replacement) {
    List<String> edited = new ArrayList<>(lines);
    int index = lineContaining(text);
    edited.set(index, edited.get(index).replace(text, replacement));
    return new DesignSource(packageName, simpleName, edited);
  }

  /** Returns this source with {@code newLines} inserted before the line holding {@code text}. */
  DesignSource insertBefore(String text, String... newLines) {
    List<String> edited = new ArrayList<>(lines);
    edited.addAll(lineContaining(text), List.of(newLines));
    return new DesignSource(packageName, simpleName, edited);
  }

  /** Returns this source without the one line holding {@code text}. */
  DesignSource removeLine(String text) {
    List<String> edited = new ArrayList<>(lines);
    edited.remove(lineContaining(text));
    return new DesignSource(packageName, simpleName, edited);
  }

  /**
   * Returns this source without the annotation whose first line holds {@code start}: that line
   * through the first one that closes it with {@code )}.
   */
  DesignSource removeAnnotation(String start) {
    List<String> edited = new ArrayList<>(lines);
    int first = lineContaining(start);
    while (!edited.get(first).strip().endsWith(")")) {
      edited.remove(first);
    }
    edited.remove(first);
    return new DesignSource(packageName, simpleName, edited);
  }

  /** Returns this source with a second fleet {@code name} of {@code model}, declared last. */
  DesignSource withFleet(String name, String model) {
    List<String> edited = new ArrayList<>(lines.subList(0, lines.size() - 1));
    edited.add("");
    edited.addAll(fleetLines(name, model));
    edited.add("}");
    return new DesignSource(packageName, simpleName, edited);
  }

  /**
   * Returns this training source with its {@code @Parallelism} moved from the {@code @Training}
   * annotation onto the training type, same values, one member per line.
   */
  DesignSource parallelismOnTrainingType() {
    return removeLine("parallelism = @Parallelism(")
        .removeLine("tensor = 8,")
        .removeLine("data = 512,")
        .removeLine("zero = ZeroStage.THREE),")
        .insertBefore("@Training(",
            "  @Parallelism(",
            "      tensor = 8,",
            "      data = 512,",
            "      zero = ZeroStage.THREE)");
  }

  /**
   * Returns this source with a nested type {@code name}, declared last, carrying the capstone's
   * {@code @DataPlane} values and, unless {@code training} is empty, {@code training =
   * <training>.class}. Its first line reads {@code @DataPlane( // name}, so that it differs from
   * any other {@code @DataPlane} of the design.
   */
  DesignSource withDataPlane(String name, String training) {
    List<String> edited = new ArrayList<>(lines.subList(0, lines.size() - 1));
    edited.add("");
    edited.addAll(dataPlaneType(name, training));
    edited.add("}");
    return new DesignSource(packageName, simpleName, edited);
  }

  /**
   * Returns this source with the data plane of {@link #withDataPlane} declared before the line
   * holding {@code text} instead of last.
   */
  DesignSource withDataPlaneBefore(String text, String name, String training) {
    List<String> type = new ArrayList<>(dataPlaneType(name, training));
    type.add("");
    return insertBefore(text, type.toArray(String[]::new));
  }

  /**
   * Returns this source with the capstone's revision history on fleet {@code Serving}: a
   * {@code @Baseline} of FP16 weights and KV cache with 4,000-token outputs, and the capstone's
   * hand estimate for it, so the doc replays each change and sets the estimate beside it.
   */
  DesignSource withBaseline() {
    return insertBefore("static final class Serving",
        "  @Baseline(",
        "      name = \"the naive capstone design\",",
        "      weights = Precision.FP16,",
        "      kvCache = Precision.FP16,",
        "      outputTokens = 4000,",
        "      estimate = @Estimate(",
        "          source = \"CAPSTONE.md, stage 1\",",
        "          requestsPerReplica = 100,",
        "          replicas = 1005,",
        "          gpusNeeded = 4000))")
        .replace("import dev.headroom.annotations.Fleet;",
            "import dev.headroom.annotations.Baseline;\nimport dev.headroom.annotations.Estimate;"
                + "\nimport dev.headroom.annotations.Fleet;");
  }

  /** Returns this source moved to the default package. */
  DesignSource inDefaultPackage() {
    return new DesignSource("", simpleName, lines).removeLine("package " + PACKAGE + ";");
  }

  /** Returns the source as a file javac can compile. */
  JavaFileObject file() {
    return JavaFileObjects.forSourceLines(qualifiedName(), lines);
  }

  /** Returns the source's lines, for a compiler that reads files from disk. */
  List<String> lines() {
    return lines;
  }

  /** Returns the 1-based number of the one line that contains {@code text}. */
  long lineNumberOf(String text) {
    return lineContaining(text) + 1;
  }

  private int lineContaining(String text) {
    int found = -1;
    for (int index = 0; index < lines.size(); index++) {
      if (lines.get(index).contains(text)) {
        if (found >= 0) {
          throw new IllegalArgumentException("more than one line holds " + text);
        }
        found = index;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("no line holds " + text);
    }
    return found;
  }

  /** Returns the package line and imports of {@code annotations}, then a blank line. */
  private static List<String> header(String... annotations) {
    List<String> lines = new ArrayList<>(List.of("package " + PACKAGE + ";", ""));
    for (String annotation : annotations) {
      lines.add("import dev.headroom.annotations." + annotation + ";");
    }
    lines.add("");
    return lines;
  }

  /**
   * Returns Llama 3 70B's shape (Hugging Face config.json) with the capstone's round 70 billion
   * parameters, annotating {@code declaration}.
   */
  private static List<String> modelLines(String indent, String declaration) {
    List<String> lines = new ArrayList<>();
    for (String line : List.of(
        "/** Llama 3 70B's shape with the capstone's round 70 billion parameters. */",
        "@Model(",
        "    name = \"70B dense (Llama 3 70B shape)\",",
        "    parameters = 70e9,",
        "    layers = 80,",
        "    hiddenSize = 8192,",
        "    attentionHeads = 64,",
        "    kvHeads = 8,",
        "    intermediateSize = 28672,",
        "    vocabSize = 128256,",
        "    dtype = Precision.BF16)",
        declaration + " {}")) {
      lines.add(indent + line);
    }
    return lines;
  }

  /**
   * Returns the capstone's {@code @DataPlane}, indented for a nested type, opening with {@code
   * first} and naming {@code training} unless it is empty.
   */
  private static List<String> dataPlaneLines(String first, String training) {
    List<String> lines = new ArrayList<>(List.of("  " + first));
    if (!training.isEmpty()) {
      lines.add("      training = " + training + ".class,");
    }
    lines.addAll(List.of(
        "      storageReadGbPerSecond = 10,",
        "      deterministicResume = true,",
        "      nodeMtbfHours = 6335,",
        "      checkpointWriteGbPerSecond = 100)"));
    return lines;
  }

  /** Returns a nested type {@code name} carrying only a data plane, as {@link #withDataPlane}. */
  private static List<String> dataPlaneType(String name, String training) {
    List<String> lines = new ArrayList<>();
    lines.add("  /** A data plane declared apart from the training type. */");
    lines.addAll(dataPlaneLines("@DataPlane( // " + name, training));
    lines.add("  static final class " + name + " {}");
    return lines;
  }

  /** Returns a nested fleet of the capstone's revised shape; its values differ by name only. */
  private static List<String> fleetLines(String name, String model) {
    return List.of(
        "  /** Replicas of the 70B model in FP8, four H100s each. */",
        "  @Fleet(",
        "      model = " + model + ".class,",
        "      gpu = Gpu.H100_SXM,",
        "      gpus = 1024,",
        "      parallelism = @Parallelism(tensor = 4),",
        "      weights = Precision.FP8,",
        "      kvCache = Precision.FP8,",
        "      reservedGbPerGpu = 5.0,",
        "      prefillEfficiency = 0.40)",
        "  static final class " + name + " {}");
  }
}
