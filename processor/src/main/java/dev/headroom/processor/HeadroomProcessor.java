package dev.headroom.processor;

import com.google.auto.service.AutoService;
import dev.headroom.annotations.Fleet;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.JsonReport;
import dev.headroom.runtime.report.MarkdownReport;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.FleetStage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * Sizes every design in the compilation: for each top-level type holding {@code @Fleet} types,
 * reads the annotations, runs the runtime engine, prints the findings on the values at fault and
 * one summary NOTE, and writes {@code <Design>Report.java}, {@code <Design>.md} and {@code
 * <Design>.json}.
 *
 * <p>Options: {@code -Aheadroom.docs=DIR} also writes the doc and JSON under DIR, by package;
 * {@code -Aheadroom.verbose=true} prints each fleet's headline figures as NOTEs.
 */
@AutoService(Processor.class)
public final class HeadroomProcessor extends AbstractProcessor {
  /** The option naming a directory that receives a copy of every doc and JSON report. */
  public static final String DOCS_OPTION = "headroom.docs";

  /** The option that prints each fleet's headline figures. */
  public static final String VERBOSE_OPTION = "headroom.verbose";

  private Elements elements;
  private Messager messager;
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
    docs = new DocWriter(environment.getFiler(), docsDirectory(environment));
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
    List<TypeElement> designs = new ArrayList<>();
    for (String name : List.copyOf(waiting)) {
      TypeElement design = elements.getTypeElement(name);
      if (design != null) {
        designs.add(design);
      }
    }
    waiting.clear();
    for (Element fleet : round.getElementsAnnotatedWith(Fleet.class)) {
      TypeElement design = outermost(fleet);
      if (!designs.contains(design)) {
        designs.add(design);
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
      List<FleetSource> sources = new ArrayList<>();
      for (TypeElement fleetType : fleetTypes(design)) {
        sources.add(reader.read(fleetType));
      }
      finished.add(name);
      DesignAnalysis analysis = analyse(design, sources);
      write(design, analysis);
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

  /** Sizes every fleet of a design and prints each finding on the value at fault. */
  private DesignAnalysis analyse(TypeElement design, List<FleetSource> sources) {
    List<FleetAnalysis> fleets = new ArrayList<>();
    for (FleetSource source : sources) {
      FleetAnalysis analysis = source.readErrors().isEmpty()
          ? FleetSizing.analyse(source.input(), source.baseline(), source.estimate())
          : FleetSizing.unread(source.input(), source.readErrors());
      for (Finding finding : analysis.findings()) {
        printer.print(finding, source.locations());
      }
      fleets.add(analysis);
    }
    return new DesignAnalysis(
        design.getQualifiedName().toString(), design.getSimpleName().toString(), fleets);
  }

  /**
   * Writes the report class (when any stage was sized), the doc and the JSON, then prints the
   * design's one summary NOTE.
   */
  private void write(TypeElement design, DesignAnalysis analysis) throws IOException {
    List<FleetStage> stages = new ArrayList<>();
    analysis.fleets().forEach(fleet -> fleet.stage().ifPresent(stages::add));
    String reportLine = "";
    if (!stages.isEmpty()) {
      ReportClassWriter.write(analysis, stages, design).writeTo(processingEnv.getFiler());
      reportLine = " Report: " + analysis.qualifiedName() + "Report.";
    }
    String pkg = analysis.packageName();
    URI doc = docs.write(pkg, analysis.simpleName() + ".md", MarkdownReport.render(analysis),
        design);
    docs.write(pkg, analysis.simpleName() + ".json", JsonReport.render(analysis), design);

    Finding summary = Diagnostic.SUMMARY.at(Subject.whole(Anchor.DESIGN),
        analysis.summary() + reportLine + " Doc: " + displayPath(doc) + ".");
    messager.printMessage(Kind.NOTE, summary.formatted(), design);
    if (verbose) {
      for (FleetAnalysis fleet : analysis.fleets()) {
        fleet.figures().ifPresent(figures -> messager.printMessage(Kind.NOTE,
            "[headroom.figures] " + fleet.input().name() + ": " + figures, design));
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

  /** Returns the {@code @Fleet} types of a design, the design itself first, in source order. */
  private static List<TypeElement> fleetTypes(TypeElement design) {
    List<TypeElement> found = new ArrayList<>();
    collect(design, found);
    return found;
  }

  private static void collect(TypeElement type, List<TypeElement> found) {
    if (Mirrors.find(type, Fleet.class).isPresent()) {
      found.add(type);
    }
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof TypeElement nested) {
        collect(nested, found);
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
      messager.printMessage(Kind.ERROR, "[headroom.docs] -A" + DOCS_OPTION + "=" + option
          + " is not a valid path (" + invalid.getReason() + "); docs stay in the class output.");
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
