package dev.headroom.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.headroom.runtime.platform.PlatformAnalysis;
import dev.headroom.runtime.platform.PlatformFigures;
import dev.headroom.runtime.platform.PlatformStage;
import dev.headroom.runtime.production.ProductionAnalysis;
import dev.headroom.runtime.production.ProductionFigures;
import dev.headroom.runtime.production.ProductionStage;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.StageKind;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.rl.RlAnalysis;
import dev.headroom.runtime.rl.RlFigures;
import dev.headroom.runtime.rl.RlStage;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetStage;
import dev.headroom.runtime.serving.Traffic;
import dev.headroom.runtime.training.DataPlaneAnalysis;
import dev.headroom.runtime.training.DataPlaneFigures;
import dev.headroom.runtime.training.DataPlaneStage;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.training.TrainingFigures;
import dev.headroom.runtime.training.TrainingStage;
import dev.headroom.runtime.units.Units;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.io.IOException;
import java.io.Writer;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/**
 * Writes a design's typed report class: one {@code public static final} constant per stage,
 * holding the stage's figures as literals, so the user's own code and tests can read them. The
 * source is plain ASCII, so it compiles warning-free whatever encoding the build uses.
 */
final class ReportClassWriter {
  private ReportClassWriter() {}

  /**
   * Writes the report class of {@code design} through {@code filer}, every character outside
   * ASCII as a Unicode escape (identifiers included), so it compiles in any source encoding.
   */
  static ReportWriter write(DesignAnalysis design, TypeElement designType, Element... origins) {
    JavaFile file = javaFile(design, designType, origins);
    return filer -> {
      String name = file.packageName().isEmpty()
          ? file.typeSpec().name()
          : file.packageName() + "." + file.typeSpec().name();
      JavaFileObject source = filer.createSourceFile(name, origins);
      try (Writer writer = source.openWriter()) {
        writer.write(ascii(file.toString()));
      }
    };
  }

  /** Writes a report class once its content is known. */
  @FunctionalInterface
  interface ReportWriter {
    /** Writes the file through {@code filer}. */
    void writeTo(Filer filer) throws IOException;
  }

  /** Returns the report class of {@code design}, with a constant for each sized stage. */
  static JavaFile javaFile(DesignAnalysis design, TypeElement designType, Element... origins) {
    ClassName reportName = ClassName.get(design.packageName(), design.simpleName() + "Report");
    TypeSpec.Builder report = TypeSpec.classBuilder(reportName)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)

        .addAnnotation(AnnotationSpec.builder(Generated.class)
            .addMember("value", "$S", HeadroomProcessor.class.getCanonicalName())
            .build())
        .addJavadoc("Capacity report of {@link $T}, computed by Headroom while it compiled.\n",
            ClassName.get(designType))
        .addJavadoc("\n$L\n", wrap("<p>" + ascii(design.summary().replace("×", "x"))))
        .addJavadoc(figureTypes(design))
        .addJavadoc(unsized(design))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    for (Element origin : origins) {
      report.addOriginatingElement(origin);
    }
    Set<String> names = new HashSet<>();
    for (StageAnalysis stage : design.stages()) {
      if (!stage.figuresByName().isEmpty()) {
        report.addField(constant(stage, uniqueName(constantName(stage), names)));
      }
    }
    return JavaFile.builder(reportName.packageName(), report.build())
        .skipJavaLangImports(true)
        .build();
  }

  /** The typed record a stage's constant is, and the record of its figures. */
  private record StageTypes(Class<?> stage, Class<?> figures) {
    static StageTypes of(StageAnalysis stage) {
      return switch (stage.kind()) {
        case FLEET -> new StageTypes(FleetStage.class, FleetFigures.class);
        case TRAINING -> new StageTypes(TrainingStage.class, TrainingFigures.class);
        case DATA_PLANE -> new StageTypes(DataPlaneStage.class, DataPlaneFigures.class);
        case RL -> new StageTypes(RlStage.class, RlFigures.class);
        case PRODUCTION -> new StageTypes(ProductionStage.class, ProductionFigures.class);
        case PLATFORM -> new StageTypes(PlatformStage.class, PlatformFigures.class);
      };
    }
  }

  /** Returns the paragraph pointing at the records whose Javadoc gives each figure's formula. */
  private static CodeBlock figureTypes(DesignAnalysis design) {
    List<StageKind> kinds = design.stages().stream()
        .filter(stage -> !stage.figuresByName().isEmpty())
        .map(StageAnalysis::kind)
        .distinct()
        .sorted()
        .toList();
    CodeBlock.Builder links = CodeBlock.builder();
    for (int i = 0; i < kinds.size(); i++) {
      // One link a line: six of them would not fit one.
      links.add(i == 0 ? "" : i == kinds.size() - 1 ? "\nand " : ",\n");
      links.add("{@link $T}", StageTypes.of(stageOfKind(design, kinds.get(i))).figures());
    }
    return CodeBlock.builder()
        .add("\n<p>Each constant is one stage. Every figure's formula and unit is in the Javadoc"
            + " of\n")
        .add(links.build())
        .add(".\n")
        .build();
  }

  private static StageAnalysis stageOfKind(DesignAnalysis design, StageKind kind) {
    return design.stages().stream().filter(stage -> stage.kind() == kind).findFirst()
        .orElseThrow();
  }

  private static FieldSpec constant(StageAnalysis stage, String name) {
    StageTypes types = StageTypes.of(stage);
    CodeBlock.Builder figures = CodeBlock.builder().add("new $T(\n", types.figures())
        .indent().indent();
    Map<String, ?> named = stage.figuresByName();
    int index = 0;
    for (Map.Entry<String, ?> figure : named.entrySet()) {
      Object value = figure.getValue();
      CodeBlock literal = value instanceof Long
          ? CodeBlock.of("$LL", value)
          : value instanceof Double number
              ? CodeBlock.of("$L", doubleLiteral(number))
              : value instanceof Number ? CodeBlock.of("$L", value) : CodeBlock.of("$S", value);
      figures.add("/* $L */ $L$L\n", figure.getKey(), literal,
          ++index < named.size() ? "," : "");
    }
    figures.unindent().unindent().add(")");
    CodeBlock initializer = CodeBlock.builder()
        .add("new $T(\n", types.stage())
        .indent().indent()
        .add("\"$L\",\n", ascii(stage.name()))
        .add("$T.$L,\n", Verdict.class, stage.verdict().name())
        .add("$T.$L,\n", Constraint.class, stage.binding().name())
        .add(figures.build())
        .unindent().unindent()
        .add(")")
        .build();
    return FieldSpec.builder(types.stage(), name,
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L {@code $L}: $L, bound by {@code $L}.\n",
            capitalized(stage.kind().title()), ascii(stage.name()), stage.verdict().jsonName(),
            stage.binding().id())
        .addJavadoc("\n<ul>\n")
        .addJavadoc(highlights(stage))
        .addJavadoc("</ul>\n")
        .initializer(initializer)
        .build();
  }

  /** Returns the stage's headline arithmetic as Javadoc list items, in ASCII. */
  private static CodeBlock highlights(StageAnalysis stage) {
    if (stage instanceof FleetAnalysis fleet) {
      return fleetHighlights(fleet);
    }
    if (stage instanceof TrainingAnalysis job) {
      TrainingFigures f = job.figures().orElseThrow();
      return CodeBlock.builder()
          .add("<li>state $L B in all, $L B per GPU\n",
              Units.count(f.stateBytes()), Units.count(f.stateBytesPerGpu()))
          .add("<li>activations $L B per GPU\n", Units.count(f.activationBytesPerGpu()))
          .add("<li>memory per GPU = $L B of $L B available\n",
              Units.count(f.memoryBytesPerGpu()), Units.count(f.availableBytesPerGpu()))
          .add("<li>step = $L FLOPs, $L s at the assumed MFU; $L of $L GPUs needed\n",
              Units.scientific(f.flopsPerStep()), Units.fixed(f.stepSeconds(), 3),
              Units.count(f.gpusNeeded()), Units.count(f.gpusAvailable()))
          .build();
    }
    if (stage instanceof RlAnalysis loop) {
      RlFigures f = loop.figures().orElseThrow();
      return CodeBlock.builder()
          .add("<li>rollout $L s, training $L s, broadcast $L s: $L s steps, bound by $L\n",
              Units.fixed(f.rolloutSeconds(), 1), Units.fixed(f.trainSeconds(), 1),
              Units.fixed(f.weightSyncSeconds(), 1), Units.fixed(f.stepSeconds(), 1),
              f.bound())
          .add("<li>learner memory $L B per GPU of $L B available\n",
              Units.count(f.learnerBytesPerGpu()), Units.count(f.learnerAvailableBytesPerGpu()))
          .add("<li>balanced split: $L actor and $L learner GPUs\n",
              Units.count(f.balancedActorGpus()), Units.count(f.balancedLearnerGpus()))
          .build();
    }
    if (stage instanceof ProductionAnalysis production) {
      ProductionFigures f = production.figures().orElseThrow();
      return CodeBlock.builder()
          .add("<li>GPUs = ($L peak + $L spare + $L deploy replicas) x $L = $L of $L\n",
              Units.count(f.peakReplicas()), Units.count(f.spareReplicas()),
              Units.count(f.headroomReplicas()), f.gpusPerReplica(), Units.count(f.totalGpus()),
              Units.count(f.gpusAvailable()))
          .add("<li>autoscaled average $L GPUs: $L a day, $L per request\n",
              Units.fixed(f.averageGpus(), 1), Units.dollars(f.dollarsPerDay()),
              Units.dollars(f.dollarsPerRequest()))
          .build();
    }
    if (stage instanceof PlatformAnalysis platform) {
      PlatformFigures f = platform.figures().orElseThrow();
      return CodeBlock.builder()
          .add("<li>stages take $L of $L GPUs\n", Units.count(f.gpusUsed()),
              Units.count(f.clusterGpus()))
          .add("<li>the cluster costs $L a month\n", Units.dollars(f.dollarsPerMonth()))
          .build();
    }
    DataPlaneFigures f = ((DataPlaneAnalysis) stage).figures().orElseThrow();
    return CodeBlock.builder()
        .add("<li>input $L B/s of $L B/s storage\n",
            Units.count(Math.round(f.inputBytesPerSecond())),
            Units.count(Math.round(f.storageBytesPerSecond())))
        .add("<li>checkpoint $L B every $L s, $L of the run lost to failures\n",
            Units.count(f.checkpointBytes()), Units.fixed(f.checkpointIntervalSeconds(), 0),
            Units.percent(f.lostFraction()))
        .build();
  }

  private static CodeBlock fleetHighlights(FleetAnalysis fleet) {
    FleetFigures f = fleet.figures().orElseThrow();
    Traffic traffic = fleet.input().traffic();
    return CodeBlock.builder()
        .add("<li>L = lambda * W = $L requests in flight, W = $L s\n",
            Units.count(f.inFlightRequests()), traffic.offline()
                ? Units.fixed(f.requestSeconds(), 3)
                : Units.number(f.requestSeconds()))
        .add(traffic.offline()
            ? CodeBlock.of("<li>requests per replica = KV-bound $L (offline: no TPOT SLO)\n",
                Units.count(f.requestsPerReplica()))
            : CodeBlock.of("<li>requests per replica = min(KV-bound $L, TPOT-bound $L) = $L\n",
                Units.count(f.kvBoundRequestsPerReplica()),
                Units.count(f.tpotBoundRequestsPerReplica()), Units.count(f.requestsPerReplica())))
        .add(traffic.callsPerTask() > 1 || fleet.input().slo().hasTaskTarget()
            ? CodeBlock.of("<li>task = $L calls x (prefill + output x decode step) = $L s\n",
                traffic.callsPerTask(), Units.fixed(f.taskSeconds(), 1))
            : CodeBlock.of(""))
        .add(f.feasible()
            ? CodeBlock.of("<li>replicas = ceil($L / $L) = $L; GPUs = $L x $L = $L of $L\n",
                Units.count(f.inFlightRequests()), Units.count(f.requestsPerReplica()),
                Units.count(f.replicas()), Units.count(f.replicas()), f.gpusPerReplica(),
                Units.count(f.gpusNeeded()), Units.count(f.gpusAvailable()))
            : CodeBlock.of("<li>infeasible: one replica cannot hold a single request, so"
                + " replicas and gpusNeeded are 0\n"))
        .build();
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** Returns a Javadoc paragraph naming the stages left out because they were not sized. */
  private static CodeBlock unsized(DesignAnalysis design) {
    List<String> names = design.stages().stream()
        .filter(stage -> stage.figuresByName().isEmpty())
        .map(StageAnalysis::name)
        .toList();
    return names.isEmpty()
        ? CodeBlock.of("")
        : CodeBlock.of("\n<p>Not sized, so not here (invalid inputs; see the compiler's errors):"
            + " $L.\n", String.join(", ", names));
  }

  /**
   * Returns the shortest decimal that reads back as exactly {@code value}, as a Java double
   * literal. {@code Double.toString} is not that on every JDK (Java 19 changed it), and the
   * report class must be the same bytes whichever JDK compiles the design.
   */
  static String doubleLiteral(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite figure: " + value);
    }
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal shortest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (shortest.doubleValue() == value) {
        return literal(shortest);
      }
    }
    return literal(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  private static String literal(BigDecimal decimal) {
    String text = decimal.stripTrailingZeros().toString();
    return text.contains(".") || text.contains("E") ? text : text + ".0";
  }

  /** Returns {@code text} broken at spaces into lines of at most 96 characters. */
  static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    int lineLength = 0;
    for (String word : text.split(" ")) {
      if (lineLength > 0 && lineLength + 1 + word.length() > 96) {
        out.append('\n');
        lineLength = 0;
      } else if (lineLength > 0) {
        out.append(' ');
        lineLength++;
      }
      out.append(word);
      lineLength += word.length();
    }
    return out.toString();
  }

  /**
   * Returns {@code text} with every non-ASCII character written as a Unicode escape, which javac
   * reads the same in any source encoding, in literals, comments and identifiers alike.
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

  /**
   * Returns the constant's base name: the stage name in upper snake case, with {@code
   * _DATA_PLANE} after a data plane's and {@code _PRODUCTION} after a production stage's, which
   * share the type of their training job and fleet.
   */
  private static String constantName(StageAnalysis stage) {
    String name = constantName(stage.name());
    String suffix = switch (stage.kind()) {
      case DATA_PLANE -> "_DATA_PLANE";
      case PRODUCTION -> "_PRODUCTION";
      default -> "";
    };
    return name.endsWith(suffix) ? name : name + suffix;
  }

  private static String uniqueName(String base, Set<String> taken) {
    String name = base;
    for (int suffix = 2; !taken.add(name); suffix++) {
      name = base + "_" + suffix;
    }
    return name;
  }
}
