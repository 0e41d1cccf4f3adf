package dev.headroom.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.tools.JavaFileObject;

/**
 * A design written from a seeded {@link Random}: a few {@code @Model} types and any of a
 * {@code @Fleet}, a {@code @Training} with its {@code @DataPlane}, and an {@code @RlLoop}, each
 * attribute on its own line, its value plausible or, at the design's own rate, hostile (zero,
 * negative, NaN, infinite, huge, an enum constant that means nothing there, a class that is no
 * model). The same seed always writes the same source.
 */
final class RandomDesign {
  /** The package every fuzzed design lives in. */
  static final String PACKAGE = "com.fuzz";

  private static final List<String> HOSTILE_INTS = List.of("0", "-1", "Integer.MIN_VALUE",
      "Integer.MAX_VALUE", "100_001", "1_000_000_001", "-2147483648");

  /**
   * The hostile values of an actor pool's GPUs: without {@code Integer.MAX_VALUE}, which a
   * one-GPU replica accepts and which makes {@code RlSizing.balance} run for minutes (see
   * {@code EngineBugsTest.rlBalanceScanIsLinearInTheGpuCount} in the runtime).
   */
  private static final List<String> HOSTILE_POOL_GPUS = List.of("0", "-1", "Integer.MIN_VALUE");

  private static final List<String> HOSTILE_LONGS =
      List.of("0L", "-1L", "Long.MIN_VALUE", "Long.MAX_VALUE", "1_000_000_000_001L");

  private static final List<String> HOSTILE_DOUBLES = List.of("0", "-0.0", "-1", "0.0 / 0.0",
      "1.0 / 0.0", "-1.0 / 0.0", "Double.MAX_VALUE", "-Double.MAX_VALUE", "Double.MIN_VALUE",
      "1e300", "Double.NaN", "Long.MAX_VALUE");

  private static final List<String> GPUS = List.of("A100_40GB", "A100_80GB", "H100_SXM",
      "H100_PCIE", "H200", "H20", "B200", "GB200", "MI300X", "MI325X", "L40S", "L4");

  private static final List<String> PRECISIONS =
      List.of("INHERIT", "FP32", "BF16", "FP16", "FP8", "INT8", "INT4", "FP4");

  /** A class that is no {@code @Model}, or no class at all, for a member that names a model. */
  private static final List<String> NOT_MODELS =
      List.of("String", "void", "int", "int[]", "Runnable", "Deprecated");

  private final Random random;
  private final String simpleName;
  /** The chance that any one value is hostile: 0 for a plausible design, up to 0.3. */
  private final double hostility;
  private final List<String> lines = new ArrayList<>();
  private int models;

  private RandomDesign(long seed, String simpleName) {
    this.random = new Random(seed);
    this.simpleName = simpleName;
    this.hostility = pick(List.of(0.0, 0.0, 0.02, 0.05, 0.1, 0.3));
  }

  /** Returns the design {@code simpleName} that {@code seed} writes. */
  static RandomDesign of(long seed, String simpleName) {
    RandomDesign design = new RandomDesign(seed, simpleName);
    design.write();
    return design;
  }

  /** Returns the design type's qualified name. */
  String qualifiedName() {
    return PACKAGE + "." + simpleName;
  }

  /** Returns the design type's simple name. */
  String simpleName() {
    return simpleName;
  }

  /** Returns the source, line by line. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** Returns the source as a file javac can compile. */
  JavaFileObject file() {
    return JavaFileObjects.forSourceLines(qualifiedName(), lines);
  }

  private void write() {
    lines.add("package " + PACKAGE + ";");
    lines.add("");
    for (String annotation : List.of("DataPlane", "Fleet", "Gpu", "KvSizing", "Model",
        "Optimizer", "Parallelism", "Pool", "Precision", "Recompute", "RlAlgorithm", "RlLoop",
        "Slo", "Training", "Workload", "ZeroStage")) {
      lines.add("import dev.headroom.annotations." + annotation + ";");
    }
    lines.add("");
    boolean fleet = chance(0.7);
    boolean requirementsOnFleet = chance(0.15);
    if (fleet && !requirementsOnFleet) {
      requirements("");
    }
    lines.add("public final class " + simpleName + " {");
    models = 1 + random.nextInt(3);
    for (int index = 0; index < models; index++) {
      model(index);
    }
    if (fleet) {
      // Now and then the fleet sits a level deeper, in a group inside the design.
      boolean grouped = chance(0.15);
      if (grouped) {
        lines.add("  static final class Group {");
      }
      if (requirementsOnFleet) {
        requirements("  ");
      }
      fleet();
      if (grouped) {
        lines.add("  }");
      }
    }
    if (chance(0.5)) {
      training();
    }
    if (chance(0.5) || lines.stream().noneMatch(line -> line.contains("@Fleet("))) {
      loop();
    }
    lines.add("}");
  }

  /** Writes {@code @Workload} and {@code @Slo}, each sometimes left out. */
  private void requirements(String indent) {
    if (chance(0.95)) {
      List<String> workload = new ArrayList<>(List.of(
          member("requestsPerSecond", decimal("1", "50", "500", "5000")),
          member("promptTokens", count("128", "1000", "8192")),
          member("outputTokens", count("64", "2500", "16000"))));
      if (chance(0.2)) {
        workload.add(member("callsPerTask", count("1", "12")));
      }
      if (chance(0.1)) {
        workload.add(member("offline", "true"));
      }
      annotation(indent, "@Workload(", workload);
    }
    if (chance(0.95)) {
      List<String> slo = new ArrayList<>(List.of(
          member("ttftMillis", decimal("200", "1000", "5000")),
          member("tpotMillis", decimal("20", "50", "150"))));
      if (chance(0.2)) {
        slo.add(member("taskSeconds", decimal("0", "60", "600")));
      }
      annotation(indent, "@Slo(", slo);
    }
  }

  private void model(int index) {
    // A small, a mid-sized and a large model; each dimension then may turn hostile.
    int size = random.nextInt(3);
    List<String> members = new ArrayList<>();
    members.add(member("name", "\"model " + index + "\""));
    members.add(member("parameters", decimal(List.of("0", "8e9", "70e9").get(size), "0")));
    members.add(member("layers", count(List.of("4", "32", "80").get(size))));
    members.add(member("hiddenSize", count(List.of("512", "4096", "8192").get(size))));
    members.add(member("attentionHeads", count(List.of("8", "32", "64").get(size))));
    members.add(member("kvHeads", count("8", List.of("1", "8", "8").get(size))));
    members.add(member("headDim", count("0", List.of("64", "128", "128").get(size))));
    members.add(member("intermediateSize", count(List.of("2048", "14336", "28672").get(size))));
    members.add(member("vocabSize", count("32000", "128256")));
    members.add(member("tiedEmbeddings", pick(List.of("true", "false"))));
    members.add(member("dtype", enumValue("Precision", PRECISIONS, "BF16")));
    annotation("  ", "@Model(", optional(members, "name", "parameters", "headDim",
        "tiedEmbeddings", "dtype"));
    lines.add("  static final class M" + index + " {}");
  }

  private void fleet() {
    List<String> members = new ArrayList<>();
    members.add(member("model", modelClass(false)));
    members.add(member("gpu", enumValue("Gpu", GPUS, pick(GPUS))));
    members.add(member("gpus", count("64", "1024", "4096", "2147483647")));
    List<String> split =
        parallelism(pick(List.of(1, 2, 4, 8)), pick(List.of(1, 1, 2)), 1, null);
    boolean onType = chance(0.2);
    if (!onType || chance(0.1)) {
      members.add(nested("parallelism", "@Parallelism(", split));
    }
    members.add(member("weights", enumValue("Precision", PRECISIONS, "INHERIT", "FP8")));
    members.add(member("kvCache", enumValue("Precision", PRECISIONS, "INHERIT", "FP8")));
    members.add(member("reservedGbPerGpu", decimal("5.0", "2", "0")));
    members.add(member("kvSizing", enumValue("KvSizing", List.of("PEAK", "AVERAGE"), "PEAK")));
    members.add(member("prefillEfficiency", decimal("0.40", "0.9")));
    if (onType) {
      annotation("  ", "@Parallelism(", split);
    }
    annotation("  ", "@Fleet(", optional(members, "parallelism", "weights", "kvCache",
        "reservedGbPerGpu", "kvSizing", "prefillEfficiency"));
    lines.add("  static final class Serving {}");
  }

  /**
   * Returns the members of a {@code @Parallelism} of the given degrees, with {@code zero}
   * unless it is null; a member at 1 is sometimes left at its default.
   */
  private List<String> parallelism(int tensor, int pipeline, int data, String zero) {
    List<String> members = new ArrayList<>();
    members.add(member("tensor", count(String.valueOf(tensor))));
    members.add(member("pipeline", count(String.valueOf(pipeline))));
    members.add(member("expert", count("1")));
    members.add(member("data", count(String.valueOf(data))));
    members.add(member("context", count("1")));
    if (zero != null) {
      members.add(member("zero", enumValue("ZeroStage",
          List.of("NONE", "ONE", "TWO", "THREE"), zero)));
    }
    List<String> atOne = new ArrayList<>(List.of("expert", "context", "zero"));
    if (pipeline == 1) {
      atOne.add("pipeline");
    }
    if (data == 1) {
      atOne.add("data");
    }
    return optional(members, atOne.toArray(String[]::new));
  }

  private void training() {
    int tensor = pick(List.of(1, 2, 4, 8));
    int pipeline = pick(List.of(1, 1, 2));
    int data = pick(List.of(1, 4, 16, 64));
    int sequence = pick(List.of(2048, 4096, 8192));
    String gpus = String.valueOf(tensor * pipeline * data);
    String batch = (long) data * sequence * pick(List.of(1, 2, 8, 32)) + "L";
    List<String> members = new ArrayList<>();
    members.add(member("model", modelClass(false)));
    members.add(member("gpu", enumValue("Gpu", GPUS, pick(GPUS))));
    members.add(member("gpus", count(gpus, gpus, gpus, "7")));
    members.add(nested("parallelism", "@Parallelism(", parallelism(tensor, pipeline, data,
        pick(List.of("NONE", "ONE", "THREE")))));
    members.add(member("globalBatchTokens", longCount(batch, batch, batch, "4_194_304L")));
    members.add(member("sequenceLength", count(String.valueOf(sequence), "1")));
    members.add(member("microBatchSequences", count("1", "2")));
    members.add(member("targetStepSeconds", decimal("2.0", "10", "0.5")));
    members.add(member("mfu", decimal("0.40", "0.55", "0.2")));
    members.add(member("optimizer", enumValue("Optimizer",
        List.of("ADAMW", "ADAMW_FP32_GRADIENTS", "ADAMW_FP32_GRADIENT_COPY"), "ADAMW")));
    members.add(member("recompute", enumValue("Recompute",
        List.of("NONE", "SELECTIVE", "FULL"), "SELECTIVE")));
    members.add(member("reservedGbPerGpu", decimal("5.0")));
    members.add(member("trainingTokens", decimal("0", "1e12", "1e16")));
    annotation("  ", "@Training(", optional(members, "microBatchSequences", "mfu", "optimizer",
        "recompute", "reservedGbPerGpu", "trainingTokens"));
    boolean apart = chance(0.3);
    if (!apart && chance(0.8)) {
      dataPlane(null);
    }
    lines.add("  static final class Job {}");
    if (apart) {
      dataPlane(chance(0.85) ? "Job" : pick(List.of("String", "void", "M0")));
      lines.add("  static final class Data {}");
    }
  }

  /** Writes a {@code @DataPlane}; {@code training} names its job, or null for the type's own. */
  private void dataPlane(String training) {
    List<String> members = new ArrayList<>();
    if (training != null) {
      members.add(member("training", training + ".class"));
    }
    members.add(member("bytesPerToken", decimal("4", "2")));
    members.add(member("storageReadGbPerSecond", decimal("10", "0.5", "1000")));
    members.add(member("prefetchBatches", count("2", "8")));
    members.add(member("deterministicResume", pick(List.of("true", "false"))));
    members.add(member("nodeMtbfHours", decimal("6335", "50000", "1")));
    members.add(member("checkpointWriteGbPerSecond", decimal("100", "5")));
    annotation("  ", "@DataPlane(", optional(members, "bytesPerToken", "prefetchBatches"));
  }

  private void loop() {
    int samples = pick(List.of(2, 8, 16));
    int rollout = pick(List.of(512, 2048, 4000));
    List<String> members = new ArrayList<>();
    members.add(member("policy", modelClass(false)));
    members.add(member("reference", modelClass(true)));
    members.add(member("reward", modelClass(true)));
    members.add(member("critic", modelClass(true)));
    members.add(member("algorithm", enumValue("RlAlgorithm", List.of("GRPO", "PPO"), "GRPO")));
    members.add(member("promptsPerStep", count("64", "256")));
    String group = String.valueOf(samples);
    members.add(member("samplesPerPrompt", count(group, group, group, group, "1")));
    members.add(member("promptTokens", count("512", "1000")));
    members.add(member("rolloutTokens", count(String.valueOf(rollout))));
    String longest = String.valueOf(rollout * 2);
    members.add(member("maxRolloutTokens", count(longest, longest, longest, longest, "100")));
    members.add(member("maxStaleness", count("0", "1")));
    members.add(nested("actors", "@Pool(", pool(true)));
    members.add(nested("learners", "@Pool(", pool(false)));
    members.add(member("learnerMfu", decimal("0.40", "0.3")));
    members.add(member("learnerRecompute", enumValue("Recompute",
        List.of("NONE", "SELECTIVE", "FULL"), "FULL")));
    members.add(member("broadcastGbPerSecond", decimal("50", "400")));
    members.add(member("broadcastEfficiency", decimal("0.5", "1")));
    annotation("  ", "@RlLoop(", optional(members, "reference", "reward", "critic",
        "algorithm", "maxStaleness", "learnerMfu", "learnerRecompute", "broadcastEfficiency"));
    lines.add("  static final class Loop {}");
  }

  /** Returns the members of an actor or learner {@code @Pool}. */
  private List<String> pool(boolean actors) {
    int tensor = pick(List.of(1, 2, 4, 8));
    int pipeline = pick(List.of(1, 1, 2));
    int data = actors ? 1 : pick(List.of(1, 2, 8, 32));
    int gpus = tensor * pipeline * (actors ? pick(List.of(1, 4, 64, 112)) : data);
    List<String> members = new ArrayList<>();
    members.add(member("gpu", enumValue("Gpu", GPUS, "H100_SXM", pick(GPUS))));
    boolean hostileGpus = random.nextDouble() < hostility;
    members.add(member("gpus", hostileGpus
        ? pick(actors ? HOSTILE_POOL_GPUS : HOSTILE_INTS)
        : String.valueOf(gpus)));
    members.add(member("precision", enumValue("Precision", PRECISIONS, "INHERIT", "FP8")));
    members.add(nested("parallelism", "@Parallelism(", parallelism(tensor, pipeline, data,
        actors ? null : pick(List.of("NONE", "THREE")))));
    members.add(member("reservedGbPerGpu", decimal("5.0")));
    return optional(members, "precision", "reservedGbPerGpu");
  }

  /** Returns a model class: mostly one of the design's, else one that is none, or void. */
  private String modelClass(boolean optional) {
    if (optional && chance(0.6)) {
      return "void.class";
    }
    return random.nextDouble() < hostility
        ? pick(NOT_MODELS) + ".class"
        : "M" + random.nextInt(models) + ".class";
  }

  /** Writes an annotation, one member per line, each line but the last ending in a comma. */
  private void annotation(String indent, String opening, List<String> members) {
    lines.add(indent + opening);
    appendMembers(lines, indent + "    ", members);
    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + ")");
  }

  private static void appendMembers(List<String> out, String indent, List<String> members) {
    for (int i = 0; i < members.size(); i++) {
      String[] memberLines = members.get(i).split("\n");
      for (int j = 0; j < memberLines.length; j++) {
        boolean last = j == memberLines.length - 1;
        out.add(indent + memberLines[j] + (last && i < members.size() - 1 ? "," : ""));
      }
    }
  }

  /** Returns {@code name = @Annotation(} with its members on the following lines. */
  private static String nested(String name, String opening, List<String> members) {
    List<String> out = new ArrayList<>();
    out.add(name + " = " + opening);
    if (members.isEmpty()) {
      out.set(0, out.get(0) + ")");
      return out.get(0);
    }
    appendMembers(out, "    ", members);
    out.set(out.size() - 1, out.get(out.size() - 1) + ")");
    return String.join("\n", out);
  }

  private static String member(String name, String value) {
    return name + " = " + value;
  }

  /** Returns {@code members} less, now and then, the optional ones, left at their defaults. */
  private List<String> optional(List<String> members, String... optionalNames) {
    List<String> kept = new ArrayList<>();
    for (String member : members) {
      String name = member.substring(0, member.indexOf(' '));
      if (!List.of(optionalNames).contains(name) || chance(0.8)) {
        kept.add(member);
      }
    }
    return kept;
  }

  private String count(String... plausible) {
    return random.nextDouble() < hostility ? pick(HOSTILE_INTS) : pick(List.of(plausible));
  }

  private String longCount(String... plausible) {
    return random.nextDouble() < hostility ? pick(HOSTILE_LONGS) : pick(List.of(plausible));
  }

  private String decimal(String... plausible) {
    return random.nextDouble() < hostility ? pick(HOSTILE_DOUBLES) : pick(List.of(plausible));
  }

  /** Returns {@code Type.CONSTANT}: a plausible constant, or at the hostile rate any one. */
  private String enumValue(String type, List<String> constants, String... plausible) {
    return type + "." + (random.nextDouble() < hostility
        ? pick(constants)
        : pick(List.of(plausible)));
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
