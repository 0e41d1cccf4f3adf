package dev.headroom.processor;

import com.google.auto.service.AutoService;
import dev.headroom.annotations.DataPlane;
import dev.headroom.annotations.EvalGate;
import dev.headroom.annotations.EvalGates;
import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Platform;
import dev.headroom.annotations.Production;
import dev.headroom.annotations.RlLoop;
import dev.headroom.annotations.Training;
import dev.headroom.runtime.platform.PlatformAnalysis;
import dev.headroom.runtime.platform.PlatformSizing;
import dev.headroom.runtime.production.ProductionAnalysis;
import dev.headroom.runtime.production.ProductionSizing;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.JsonReport;
import dev.headroom.runtime.report.MarkdownReport;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.rl.RlAnalysis;
import dev.headroom.runtime.rl.RlSizing;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.SvgCharts;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.training.DataPlaneAnalysis;
import dev.headroom.runtime.training.DataPlaneSizing;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.training.TrainingSizing;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Generated;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Sizes every design in the compilation: for each top-level type holding stages ({@code
 * @Platform}, {@code @Fleet}, {@code @Production}, {@code @Training}, {@code @DataPlane},
 * {@code @RlLoop}), reads the annotations, runs
 * the runtime engine, prints the findings on the values at fault and one summary NOTE, and
 * writes {@code <Design>Report.java}, {@code <Design>.md} and {@code <Design>.json}, and beside
 * the doc each serving fleet's charts, {@code <Design>-<Stage>-memory.svg} and, when the fleet
 * has a ladder, {@code <Design>-<Stage>-ladder.svg}.
 *
 * <p>Options: {@code -Aheadroom.docs=DIR} also writes the doc, JSON and charts under DIR, by
 * package; {@code -Aheadroom.verbose=true} prints each stage's figures as NOTEs.
 */
@AutoService(Processor.class)
public final class HeadroomProcessor extends AbstractProcessor {
  /** The option naming a directory that receives a copy of every doc, JSON report and chart. */
  public static final String DOCS_OPTION = "headroom.docs";

  /** The option that prints each fleet's headline figures. */
  public static final String VERBOSE_OPTION = "headroom.verbose";

  private Elements elements;
  private Messager messager;
  /** The annotations that make a type a stage of its design, in the order a type is read. */
  private static final List<Class<? extends Annotation>> STAGES = List.of(Platform.class,
      Fleet.class, Production.class, Training.class, DataPlane.class, RlLoop.class);

  private DesignReader reader;
  private FindingPrinter printer;
  private DocWriter docs;
  private boolean verbose;
  private final Set<String> finished = new HashSet<>();
  private final Set<String> waiting = new LinkedHashSet<>();

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    elements = environment.getElementUtils();
    messager = environment.getMessager();
    reader = new DesignReader(elements);
    printer = new FindingPrinter(messager);
    docs = new DocWriter(environment.getFiler(), docsDirectory(environment), messager);
    verbose = Boolean.parseBoolean(environment.getOptions().get(VERBOSE_OPTION));
  }

  /**
   * Claims every Headroom annotation, which means nothing to any other processor, and {@code
   * Generated}, so a build with {@code -Xlint:all -Werror} is not failed by the "no processor
   * claimed" warning about the report classes this processor writes.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Fleet.class.getPackageName() + ".*", Generated.class.getCanonicalName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(DOCS_OPTION, VERBOSE_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> designs = new LinkedHashSet<>();
    for (String name : List.copyOf(waiting)) {
      TypeElement design = elements.getTypeElement(name);
      if (design != null) {
        designs.add(design);
      }
    }
    waiting.clear();
    List<Class<? extends Annotation>> found = new ArrayList<>(STAGES);
    found.addAll(List.of(EvalGate.class, EvalGates.class));
    for (Class<? extends Annotation> annotation : found) {
      for (Element annotated : round.getElementsAnnotatedWith(annotation)) {
        designs.add(outermost(annotated));
      }
    }
    for (TypeElement design : designs) {
      if (!finished.contains(design.getQualifiedName().toString())) {
        processDesign(design, round.processingOver());
      }
    }
    return true;
  }

  /**
   * Reads, sizes, reports and writes one design; nothing thrown escapes. A design with a value
   * javac has not resolved waits for the next round; in the last round it is reported once.
   */
  private void processDesign(TypeElement design, boolean lastRound) {
    String name = design.getQualifiedName().toString();
    try {
      List<StageSource> sources = new ArrayList<>();
      List<Misplaced> misplaced = new ArrayList<>();
      for (TypeElement stageType : stageTypes(design)) {
        if (Mirrors.find(stageType, Platform.class).isPresent()) {
          if (stageType == design) {
            sources.add(reader.readPlatform(stageType));
          } else {
            misplaced.add(new Misplaced(stageType, Platform.class,
                Diagnostic.PLATFORM_PLACEMENT.at(Subject.whole(Anchor.DESIGN),
                    stageType.getSimpleName(), design.getSimpleName(), design.getSimpleName())));
          }
        }
        boolean fleet = Mirrors.find(stageType, Fleet.class).isPresent();
        if (fleet) {
          sources.add(reader.read(stageType));
        }
        if (Mirrors.find(stageType, Production.class).isPresent()) {
          if (fleet) {
            sources.add(reader.readProduction(stageType));
          } else {
            misplaced.add(new Misplaced(stageType, Production.class,
                Diagnostic.NOT_A_FLEET.at(Subject.whole(Anchor.DESIGN),
                    stageType.getSimpleName())));
          }
        }
        if (Mirrors.find(stageType, Training.class).isPresent()) {
          sources.add(reader.readTraining(stageType));
        }
        if (Mirrors.find(stageType, DataPlane.class).isPresent()) {
          sources.add(reader.readDataPlane(stageType));
        }
        if (Mirrors.find(stageType, RlLoop.class).isPresent()) {
          sources.add(reader.readRlLoop(stageType));
        }
      }
      misplaced.addAll(ungatedScopes(design));
      finished.add(name);
      for (Misplaced wrong : misplaced) {
        messager.printMessage(wrong.finding().severity() == Severity.ERROR ? Kind.ERROR
            : Kind.WARNING, wrong.finding().formatted(), wrong.type(),
            Mirrors.find(wrong.type(), wrong.annotation()).orElseThrow());
      }
      DesignAnalysis analysis = analyse(design, sources,
          misplaced.stream().map(Misplaced::finding).toList());
      write(design, analysis, origins(design, sources));
    } catch (DesignReader.Unresolved unresolved) {
      if (lastRound) {
        finished.add(name);
        reportUnresolved(unresolved);
      } else {
        waiting.add(name);
      }
    } catch (RuntimeException | IOException unexpected) {
      finished.add(name);
      StringWriter trace = new StringWriter();
      unexpected.printStackTrace(new PrintWriter(trace));
      Finding internal = Diagnostic.INTERNAL.at(Subject.whole(Anchor.DESIGN), trace.toString());
      messager.printMessage(Kind.ERROR, internal.formatted(), design);
    }
  }

  /** An annotation written where it has no meaning, and the finding about it. */
  private record Misplaced(
      TypeElement type, Class<? extends Annotation> annotation, Finding finding) {}

  /**
   * Returns a warning for each type in the design carrying {@code @EvalGate} that gates no
   * fleet: it is neither a {@code @Fleet} nor encloses one.
   */
  private static List<Misplaced> ungatedScopes(TypeElement design) {
    List<TypeElement> fleets = new ArrayList<>();
    List<TypeElement> gated = new ArrayList<>();
    walk(design, type -> {
      if (Mirrors.find(type, Fleet.class).isPresent()) {
        fleets.add(type);
      }
      if (Mirrors.find(type, EvalGate.class).isPresent()
          || Mirrors.find(type, EvalGates.class).isPresent()) {
        gated.add(type);
      }
    });
    List<Misplaced> unused = new ArrayList<>();
    for (TypeElement scope : gated) {
      boolean gates = fleets.stream().anyMatch(fleet -> encloses(scope, fleet));
      if (!gates) {
        Class<? extends Annotation> written = Mirrors.find(scope, EvalGate.class).isPresent()
            ? EvalGate.class : EvalGates.class;
        unused.add(new Misplaced(scope, written, Diagnostic.GATE_UNUSED.at(
            Subject.whole(Anchor.DESIGN), scope.getSimpleName())));
      }
    }
    return unused;
  }

  /** Returns whether {@code scope} is {@code type} or encloses it. */
  private static boolean encloses(TypeElement scope, Element type) {
    for (Element current = type; current != null; current = current.getEnclosingElement()) {
      if (current.equals(scope)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sizes every stage of a design in declaration order and prints each finding on the value at
   * fault. A data plane is sized after the training job it feeds, production after its fleet,
   * and the platform, which the doc and JSON list first, after every other stage.
   */
  private DesignAnalysis analyse(TypeElement design, List<StageSource> sources,
      List<Finding> misplaced) throws DesignReader.Unresolved {
    List<StageAnalysis> stages = new ArrayList<>();
    Map<TypeElement, TrainingAnalysis> jobs = new HashMap<>();
    Map<TypeElement, FleetAnalysis> fleets = new HashMap<>();
    Optional<PlatformSource> platform = sources.stream()
        .filter(PlatformSource.class::isInstance).map(PlatformSource.class::cast).findFirst();
    OptionalDouble platformPrice = platform
        .map(source -> OptionalDouble.of(source.input().dollarsPerGpuHour()))
        .orElse(OptionalDouble.empty());
    for (StageSource source : sources) {
      if (source instanceof FleetSource fleet) {
        FleetAnalysis analysis = fleet.readErrors().isEmpty()
            ? FleetSizing.analyse(fleet.input(), fleet.baseline(), fleet.estimate(),
                fleet.gates())
            : FleetSizing.unread(fleet.input(), fleet.readErrors());
        for (Finding finding : analysis.findings()) {
          Map<Anchor, Location> locations = new EnumMap<>(fleet.locations());
          if (finding.subject().anchor() == Anchor.EVAL_GATE) {
            locations.put(Anchor.EVAL_GATE,
                fleet.gateLocations().get(finding.subject().index()));
          }
          printer.print(finding, locations, Anchor.FLEET);
        }
        fleets.put(fleet.type(), analysis);
        stages.add(analysis);
      } else if (source instanceof ProductionSource production) {
        ProductionAnalysis analysis = ProductionSizing.analyse(
            production.input().pricedBy(platformPrice), fleets.get(production.type()));
        print(analysis, production.locations(), Anchor.PRODUCTION);
        stages.add(analysis);
      } else if (source instanceof TrainingSource training) {
        TrainingAnalysis analysis = sizeTraining(training);
        print(analysis, training.locations(), Anchor.TRAINING);
        jobs.put(training.type(), analysis);
        stages.add(analysis);
      } else if (source instanceof DataPlaneSource plane) {
        DataPlaneAnalysis analysis = sizeDataPlane(plane, jobs);
        print(analysis, plane.locations(), Anchor.DATA_PLANE);
        stages.add(analysis);
      } else if (source instanceof RlSource loop) {
        RlAnalysis analysis = loop.readErrors().isEmpty()
            ? RlSizing.analyse(loop.input())
            : RlSizing.unread(loop.input(), loop.readErrors());
        print(analysis, loop.locations(), Anchor.RL_LOOP);
        stages.add(analysis);
      }
    }
    if (platform.isPresent()) {
      PlatformSource source = platform.get();
      PlatformAnalysis analysis = source.readErrors().isEmpty()
          ? PlatformSizing.analyse(source.input(), stages)
          : PlatformSizing.unread(source.input(), source.readErrors());
      print(analysis, source.locations(), Anchor.PLATFORM);
      stages.add(0, analysis);
    }
    return new DesignAnalysis(design.getQualifiedName().toString(),
        design.getSimpleName().toString(), stages, misplaced);
  }

  private static TrainingAnalysis sizeTraining(TrainingSource training) {
    return training.readErrors().isEmpty()
        ? TrainingSizing.analyse(training.input())
        : TrainingSizing.unread(training.input(), training.readErrors());
  }

  /**
   * Sizes a data plane against its training job: the one sized in this design, or, when it
   * feeds a job declared elsewhere, that job sized again here without printing its findings,
   * which its own design reports.
   */
  private DataPlaneAnalysis sizeDataPlane(
      DataPlaneSource plane, Map<TypeElement, TrainingAnalysis> jobs)
      throws DesignReader.Unresolved {
    if (plane.training().isEmpty()) {
      return DataPlaneSizing.unread(plane.input(), plane.readErrors());
    }
    TypeElement trainingType = plane.training().get();
    TrainingAnalysis job = jobs.get(trainingType);
    if (job == null) {
      job = sizeTraining(reader.readTraining(trainingType));
    }
    return DataPlaneSizing.analyse(plane.input(), job);
  }

  private void print(StageAnalysis stage, Map<Anchor, Location> locations, Anchor own) {
    for (Finding finding : stage.findings()) {
      printer.print(finding, locations, own);
    }
  }

  /**
   * Writes the report class (when any stage was sized), the doc, the JSON and the fleets' SVG
   * charts, then prints the design's one summary NOTE.
   */
  private void write(TypeElement design, DesignAnalysis analysis, Element[] origins)
      throws IOException {
    String pkg = analysis.packageName();
    URI doc = docs.write(pkg, analysis.simpleName() + ".md", MarkdownReport.render(analysis),
        origins);
    docs.write(pkg, analysis.simpleName() + ".json", JsonReport.render(analysis), origins);
    for (SvgCharts.Chart chart : SvgCharts.render(analysis)) {
      docs.write(pkg, chart.fileName(), chart.svg(), origins);
    }

    String reportLine = "";
    boolean sized = analysis.stages().stream()
        .anyMatch(stage -> !stage.figuresByName().isEmpty());
    String reportName = analysis.qualifiedName() + "Report";
    if (sized && elements.getTypeElement(reportName) != null) {
      Finding taken = Diagnostic.REPORT_NAME.at(
          Subject.whole(Anchor.DESIGN), reportName, analysis.simpleName());
      messager.printMessage(Kind.ERROR, taken.formatted(), design);
    } else if (sized) {
      ReportClassWriter.write(analysis, design, origins).writeTo(processingEnv.getFiler());
      reportLine = " Report: " + reportName + ".";
    }

    Finding summary = Diagnostic.SUMMARY.at(Subject.whole(Anchor.DESIGN),
        analysis.summary() + reportLine + " Doc: " + displayPath(doc) + ".");
    messager.printMessage(Kind.NOTE, summary.formatted(), design);
    if (verbose) {
      for (StageAnalysis stage : analysis.stages()) {
        if (!stage.figuresByName().isEmpty()) {
          messager.printMessage(Kind.NOTE, "[headroom.figures] " + stage.name() + " ("
              + stage.kind().id() + "): " + stage.figuresByName(), design);
        }
      }
    }
  }

  private void reportUnresolved(DesignReader.Unresolved unresolved) {
    Finding finding = Diagnostic.UNRESOLVED.at(
        Subject.whole(Anchor.FLEET), unresolved.getMessage(), unresolved.getMessage());
    Location at = unresolved.location();
    messager.printMessage(
        Kind.ERROR, finding.formatted(), at.element(), at.mirror(), unresolved.value());
  }

  /**
   * Returns every type a design's files are derived from: the design, and each annotated type
   * its stages read (models and training jobs declared elsewhere included), in a stable order.
   * Build tools use them to know what to recompile when one of them changes.
   */
  private static Element[] origins(TypeElement design, List<StageSource> sources) {
    Set<Element> origins = new LinkedHashSet<>();
    origins.add(design);
    for (StageSource source : sources) {
      origins.add(source.type());
      source.locations().values().forEach(location -> origins.add(location.element()));
    }
    return origins.toArray(Element[]::new);
  }

  /** Returns the stage types of a design, the design itself first, in source order. */
  private static List<TypeElement> stageTypes(TypeElement design) {
    List<TypeElement> found = new ArrayList<>();
    collect(design, found);
    return found;
  }

  private static void collect(TypeElement type, List<TypeElement> found) {
    walk(type, each -> {
      if (STAGES.stream().anyMatch(stage -> Mirrors.find(each, stage).isPresent())) {
        found.add(each);
      }
    });
  }

  /** Visits {@code type} and every type nested in it, in source order. */
  private static void walk(TypeElement type, Consumer<TypeElement> visit) {
    visit.accept(type);
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof TypeElement nested) {
        walk(nested, visit);
      }
    }
  }

  private static TypeElement outermost(Element element) {
    Element current = element;
    TypeElement outermost = null;
    while (current != null) {
      if (current instanceof TypeElement type) {
        outermost = type;
      }
      current = current.getEnclosingElement();
    }
    return outermost;
  }

  /** Returns the {@code headroom.docs} directory, or null when none (or no valid path) is given. */
  private Path docsDirectory(ProcessingEnvironment environment) {
    String option = environment.getOptions().get(DOCS_OPTION);
    if (option == null || option.isBlank()) {
      return null;
    }
    try {
      return Path.of(option);
    } catch (InvalidPathException invalid) {
      Finding finding = Diagnostic.DOCS_DIRECTORY.at(Subject.whole(Anchor.DESIGN), option,
          "it is not a valid path (" + invalid.getReason() + ")");
      messager.printMessage(Kind.ERROR, finding.formatted());
      return null;
    }
  }

  /** Returns a file URI as a path relative to the working directory when it lies beneath it. */
  private static String displayPath(URI uri) {
    if (!"file".equals(uri.getScheme())) {
      return uri.toString();
    }
    Path file = Path.of(uri);
    Path here = Path.of("").toAbsolutePath();
    return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
  }
}
