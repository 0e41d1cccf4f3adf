package dev.headroom.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetStage;
import dev.headroom.runtime.units.Units;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes a design's typed report class: one {@code public static final} constant per stage,
 * holding the stage's figures as literals, so the user's own code and tests can read them. The
 * source is plain ASCII, so it compiles warning-free whatever encoding the build uses.
 */
final class ReportClassWriter {
  private ReportClassWriter() {}

  /** Returns the report class of {@code design}, whose stages all were sized. */
  static JavaFile write(DesignAnalysis design, List<FleetStage> stages, TypeElement designType) {
    ClassName reportName = ClassName.get(design.packageName(), design.simpleName() + "Report");
    TypeSpec.Builder report = TypeSpec.classBuilder(reportName)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addOriginatingElement(designType)
        .addAnnotation(AnnotationSpec.builder(Generated.class)
            .addMember("value", "$S", HeadroomProcessor.class.getCanonicalName())
            .build())
        .addJavadoc("Capacity report of {@link $T}, computed by Headroom while it compiled.\n",
            ClassName.get(designType))
        .addJavadoc("\n<p>$L\n", ascii(design.summary().replace("×", "x")))
        .addJavadoc("\n<p>Each constant is one stage. Every figure's formula and unit is on"
            + " {@link $T}.\n", FleetFigures.class)
        .addJavadoc(unsized(design))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    Set<String> names = new HashSet<>();
    for (FleetStage stage : stages) {
      report.addField(constant(stage, uniqueName(stage.name(), names)));
    }
    return JavaFile.builder(reportName.packageName(), report.build())
        .skipJavaLangImports(true)
        .build();
  }

  private static FieldSpec constant(FleetStage stage, String name) {
    FleetFigures f = stage.figures();
    CodeBlock.Builder figures = CodeBlock.builder().add("new $T(\n", FleetFigures.class)
        .indent().indent();
    Map<String, Number> named = f.byName();
    int index = 0;
    for (Map.Entry<String, Number> figure : named.entrySet()) {
      Number value = figure.getValue();
      String literal = value instanceof Long ? value + "L" : String.valueOf(value);
      figures.add("/* $L */ $L$L\n", figure.getKey(), literal,
          ++index < named.size() ? "," : "");
    }
    figures.unindent().unindent().add(")");
    CodeBlock initializer = CodeBlock.builder()
        .add("new $T(\n", FleetStage.class)
        .indent().indent()
        .add("\"$L\",\n", ascii(stage.name()))
        .add("$T.$L,\n", Verdict.class, stage.verdict().name())
        .add("$T.$L,\n", Constraint.class, stage.binding().name())
        .add(figures.build())
        .unindent().unindent()
        .add(")")
        .build();
    return FieldSpec.builder(FleetStage.class, name,
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Serving fleet {@code $L}: $L, bound by {@code $L}.\n", ascii(stage.name()),
            stage.verdict().jsonName(), stage.binding().id())
        .addJavadoc("\n<ul>\n")
        .addJavadoc("<li>L = lambda * W = $L requests in flight, W = $L s\n",
            Units.count(f.inFlightRequests()), Units.number(f.requestSeconds()))
        .addJavadoc("<li>requests per replica = min(KV-bound $L, TPOT-bound $L) = $L\n",
            Units.count(f.kvBoundRequestsPerReplica()),
            Units.count(f.tpotBoundRequestsPerReplica()), Units.count(f.requestsPerReplica()))
        .addJavadoc(f.feasible()
            ? CodeBlock.of("<li>replicas = ceil($L / $L) = $L; GPUs = $L x $L = $L of $L\n",
                Units.count(f.inFlightRequests()), Units.count(f.requestsPerReplica()),
                Units.count(f.replicas()), Units.count(f.replicas()), f.gpusPerReplica(),
                Units.count(f.gpusNeeded()), Units.count(f.gpusAvailable()))
            : CodeBlock.of("<li>infeasible: one replica cannot hold a single request, so"
                + " replicas and gpusNeeded are 0\n"))
        .addJavadoc("</ul>\n")
        .initializer(initializer)
        .build();
  }

  /** Returns a Javadoc paragraph naming the fleets left out because their inputs are invalid. */
  private static CodeBlock unsized(DesignAnalysis design) {
    List<String> names = design.fleets().stream()
        .filter(fleet -> fleet.figures().isEmpty())
        .map(fleet -> fleet.input().name())
        .toList();
    return names.isEmpty()
        ? CodeBlock.of("")
        : CodeBlock.of("\n<p>Not sized, so not here (invalid inputs; see the compiler's errors):"
            + " $L.\n", String.join(", ", names));
  }

  /**
   * Returns {@code text} with every non-ASCII character written as a Unicode escape, which javac
   * reads the same in any source encoding. Names here are Java identifiers, so no quote or
   * backslash needs escaping.
   */
  static String ascii(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(c < 0x80
        ? String.valueOf((char) c)
        : String.format(Locale.ROOT, "\\u%04x", c)));
    return out.toString();
  }

  /** Returns {@code Serving} as {@code SERVING}, {@code DecodeFleet} as {@code DECODE_FLEET}. */
  static String constantName(String simpleName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      boolean boundary = i > 0 && Character.isUpperCase(c)
          && (Character.isLowerCase(simpleName.charAt(i - 1))
              || (i + 1 < simpleName.length() && Character.isLowerCase(simpleName.charAt(i + 1))));
      if (boundary && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      out.append(c);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  private static String uniqueName(String simpleName, Set<String> taken) {
    String base = constantName(simpleName);
    String name = base;
    for (int suffix = 2; !taken.add(name); suffix++) {
      name = base + "_" + suffix;
    }
    return name;
  }
}
