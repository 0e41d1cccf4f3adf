package dev.headroom.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaFileObject;

/**
 * The revised capstone fleet with every name a test chooses: the package, the design, stage
 * and model types, and the free text of {@code @Model(name)}, {@code @Baseline(name)} and
 * {@code @Estimate(source)}, written as Java string literals.
 *
 * @param packageName the design's package, empty for the default package
 * @param design the design type's simple name
 * @param stage the fleet type's simple name
 * @param model the model type's simple name
 * @param modelName the text of {@code @Model(name)}
 * @param baselineName the text of {@code @Baseline(name)}
 * @param estimateSource the text of the baseline's {@code @Estimate(source)}
 */
record NamedDesign(String packageName, String design, String stage, String model,
    String modelName, String baselineName, String estimateSource) {

  /** Returns the design with plain names throughout, in package {@code com.acme}. */
  static NamedDesign plain() {
    return new NamedDesign("com.acme", "Platform", "Serving", "Llama70B", "70B", "naive",
        "CAPSTONE.md");
  }

  /** Returns this design with all three texts set to {@code text}. */
  NamedDesign withText(String text) {
    return new NamedDesign(packageName, design, stage, model, text, text, text);
  }

  /** Returns this design with other type names. */
  NamedDesign withTypes(String newPackage, String newDesign, String newStage, String newModel) {
    return new NamedDesign(newPackage, newDesign, newStage, newModel, modelName, baselineName,
        estimateSource);
  }

  /** Returns the design type's qualified name. */
  String qualifiedName() {
    return packageName.isEmpty() ? design : packageName + "." + design;
  }

  /** Returns the source as a file javac can compile. */
  JavaFileObject file() {
    return JavaFileObjects.forSourceLines(qualifiedName(), lines());
  }

  /** Returns the source, line by line. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    if (!packageName.isEmpty()) {
      lines.addAll(List.of("package " + packageName + ";", ""));
    }
    for (String annotation : List.of("Baseline", "Estimate", "EvalGate", "Fleet", "Gpu",
        "Model", "Parallelism", "Precision", "Slo", "Workload")) {
      lines.add("import dev.headroom.annotations." + annotation + ";");
    }
    lines.addAll(List.of(
        "",
        "/** A test design whose names a test chose. */",
        "@Workload(requestsPerSecond = 500, promptTokens = 1000, outputTokens = 2500)",
        "@Slo(ttftMillis = 1000, tpotMillis = 50)",
        "@EvalGate(suite = \"reasoning regression suite\", metric = \"pass@1\","
            + " threshold = 0.99)",
        "public final class " + design + " {",
        "  private " + design + "() {}",
        "",
        "  /** Llama 3 70B's shape. */",
        "  @Model(",
        "      name = " + literal(modelName) + ",",
        "      parameters = 70e9,",
        "      layers = 80,",
        "      hiddenSize = 8192,",
        "      attentionHeads = 64,",
        "      kvHeads = 8,",
        "      intermediateSize = 28672,",
        "      vocabSize = 128256)",
        "  static final class " + model + " {}",
        "",
        "  /** The revised capstone fleet, with its naive baseline and the estimate for it. */",
        "  @Fleet(",
        "      model = " + model + ".class,",
        "      gpu = Gpu.H100_SXM,",
        "      gpus = 1024,",
        "      parallelism = @Parallelism(tensor = 4),",
        "      weights = Precision.FP8,",
        "      kvCache = Precision.FP8)",
        "  @Baseline(",
        "      name = " + literal(baselineName) + ",",
        "      weights = Precision.FP16,",
        "      kvCache = Precision.FP16,",
        "      outputTokens = 4000,",
        "      estimate = @Estimate(",
        "          source = " + literal(estimateSource) + ",",
        "          requestsPerReplica = 100,",
        "          replicas = 1005,",
        "          gpusNeeded = 4000))",
        "  static final class " + stage + " {}",
        "}"));
    return lines;
  }

  /**
   * Returns {@code text} as a Java string literal. Line breaks are written {@code \n} and
   * {@code \r}, never as Unicode escapes, which javac would turn into real line breaks.
   */
  static String literal(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 || Character.isSurrogate(c)
            ? String.format(Locale.ROOT, "\\u%04x", (int) c)
            : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
