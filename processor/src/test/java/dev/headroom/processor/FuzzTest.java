package dev.headroom.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.collect.Range;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hundreds of seeded random designs compile to positioned diagnostics and well-formed reports. */
class FuzzTest {
  /**
   * The seed of the first design; design {@code i} is written from {@code SEED + i}. To fuzz
   * further: {@code mvn test -pl processor -am -Dtest=FuzzTest
   * -DargLine="-Dfuzz.seed=7 -Dfuzz.compilations=1000"}.
   */
  private static final long SEED = Long.getLong("fuzz.seed", 20_260_704L);

  /** Compilations of {@link #DESIGNS_PER_COMPILATION} designs each: 400 designs by default. */
  private static final int COMPILATIONS = Integer.getInteger("fuzz.compilations", 40);
  private static final int DESIGNS_PER_COMPILATION = 10;

  /**
   * A finding that opens with the member it is about, {@code [id] member = value ...}, and is
   * only ever about a value the source writes, so it must sit on that value's line.
   */
  private static final Pattern ON_A_MEMBER = Pattern.compile("^\\[headroom\\.(input-range"
      + "|heads-divisible|not-a-model|mfu-assumption|parameters-mismatch|not-modelled)\\]"
      + " ([A-Za-z]+) = ");

  @TempDir Path docs;

  /**
   * Compiles the designs ten to a compilation: nothing escapes as an exception and nothing is
   * internal, every Headroom diagnostic sits on a line of its design's file, a finding about one
   * member ({@code [id] member = ...}, every input-range error among them) sits on the line that
   * writes that member, each design gets one summary, and its JSON is strict and its Markdown
   * tables whole.
   */
  @Test
  void randomDesignsCompileToPositionedDiagnosticsAndWellFormedReports() throws IOException {
    int sized = 0;
    for (int compilation = 0; compilation < COMPILATIONS; compilation++) {
      List<RandomDesign> designs = new ArrayList<>();
      for (int i = 0; i < DESIGNS_PER_COMPILATION; i++) {
        int index = compilation * DESIGNS_PER_COMPILATION + i;
        designs.add(RandomDesign.of(SEED + index, "Fuzz" + index));
      }
      Compilation result = compile(designs);
      checkDiagnostics(designs, result);
      for (RandomDesign design : designs) {
        sized += checkReports(design) ? 1 : 0;
      }
    }
    // The fuzz is no fuzz if nothing is ever sized: a share of the designs must be.
    assertWithMessage("designs with a sized stage").that(sized)
        .isAtLeast(COMPILATIONS * DESIGNS_PER_COMPILATION / 10);
  }

  private Compilation compile(List<RandomDesign> designs) {
    JavaFileObject[] files = designs.stream().map(RandomDesign::file)
        .toArray(JavaFileObject[]::new);
    try {
      return HeadroomCompiler.compile(List.of("-Aheadroom.docs=" + docs), files);
    } catch (RuntimeException thrown) {
      throw new AssertionError("compiling " + names(designs) + " threw", thrown);
    }
  }

  /**
   * Asserts that every Headroom diagnostic is in a design's file on a line of it, that none is
   * internal, that each input-range error names its member on the line where it is written, and
   * that each design gets one summary.
   */
  private static void checkDiagnostics(List<RandomDesign> designs, Compilation result) {
    Map<String, RandomDesign> byFile = new HashMap<>();
    for (RandomDesign design : designs) {
      byFile.put(design.file().toUri().getPath(), design);
    }
    for (Diagnostic<? extends JavaFileObject> diagnostic : result.diagnostics()) {
      String message = diagnostic.getMessage(Locale.ROOT);
      if (!message.startsWith("[headroom.")) {
        assertWithMessage("javac's own error in %s", names(designs))
            .that(diagnostic.getKind()).isNotEqualTo(Diagnostic.Kind.ERROR);
        continue;
      }
      assertWithMessage("an internal error").that(message).doesNotContain("[headroom.internal]");
      assertWithMessage("no source for %s", message).that(diagnostic.getSource()).isNotNull();
      RandomDesign design = byFile.get(diagnostic.getSource().toUri().getPath());
      assertWithMessage("in no design's file: %s", message).that(design).isNotNull();
      long line = diagnostic.getLineNumber();
      assertWithMessage("no line for %s in %s", message, design.simpleName())
          .that(line).isIn(Range.closed(1L, (long) design.lines().size()));
      if (message.startsWith("[headroom.input-range]")) {
        assertWithMessage("an input-range error that names no member").that(message)
            .containsMatch(ON_A_MEMBER);
      }
      Matcher member = ON_A_MEMBER.matcher(message);
      if (member.find()) {
        assertWithMessage("%s: %s on line %s", design.simpleName(), message, line)
            .that(design.lines().get((int) line - 1))
            .contains(member.group(2) + " = ");
      }
    }
    for (RandomDesign design : designs) {
      assertWithMessage("summaries of %s", design.simpleName())
          .that(HeadroomCompiler.count(result.notes(),
              "[headroom.summary] " + design.simpleName() + ": "))
          .isEqualTo(1);
    }
  }

  /**
   * Asserts that a design's JSON report (the copy under {@code -Aheadroom.docs}, which is
   * written even when the design fails) is strict JSON of schema {@code headroom/1}, with
   * numbers for figures, and that its doc's tables are whole; returns whether a stage was sized.
   */
  private boolean checkReports(RandomDesign design) throws IOException {
    Path directory = docs.resolve(RandomDesign.PACKAGE.replace('.', '/'));
    String json = Files.readString(
        directory.resolve(design.simpleName() + ".json"), StandardCharsets.UTF_8);
    String markdown = Files.readString(
        directory.resolve(design.simpleName() + ".md"), StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = StrictJson.parse(json);
    } catch (IllegalArgumentException invalid) {
      throw new AssertionError(design.simpleName() + ".json: " + invalid.getMessage(), invalid);
    }
    Map<?, ?> report = (Map<?, ?>) parsed;
    assertWithMessage("schema").that(report.get("schema")).isEqualTo("headroom/1");
    assertWithMessage("design").that(report.get("design")).isEqualTo(design.qualifiedName());
    boolean sized = false;
    for (Object stage : (List<?>) report.get("stages")) {
      Map<?, ?> figures = (Map<?, ?>) ((Map<?, ?>) stage).get("figures");
      sized |= !figures.isEmpty();
      for (Map.Entry<?, ?> figure : figures.entrySet()) {
        boolean text = figure.getKey().equals("bound");
        assertWithMessage("%s figure %s", design.simpleName(), figure.getKey())
            .that(figure.getValue()).isInstanceOf(text ? String.class : Number.class);
      }
    }
    MarkdownTables.assertWhole(design.simpleName() + ".md", markdown);
    return sized;
  }

  private static String names(List<RandomDesign> designs) {
    return designs.stream().map(RandomDesign::simpleName).toList().toString();
  }
}
