package dev.headroom.runtime.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.JsonReport;
import dev.headroom.runtime.report.MarkdownReport;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.SvgCharts;
import dev.headroom.runtime.report.SvgXml;
import dev.headroom.runtime.report.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What every analysis and every rendering of one must satisfy, whatever the inputs. */
final class Sanity {
  /**
   * The one byte figure that may be negative: a fleet's KV room per GPU, memory − weights −
   * reserved, is below 0 when the weights do not fit (see {@link
   * EngineBugsTest#kvRoomIsANegativeByteCountWhenWeightsDoNotFit}).
   */
  static final Set<String> SIGNED_COUNTS = Set.of("kvRoomBytesPerGpu");

  /** Longer than any engine call takes: past it the call is taken to hang. */
  private static final long LIMIT_SECONDS = 20;

  private static final ExecutorService CALLS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "bounded-engine-call");
    thread.setDaemon(true);
    return thread;
  });

  private Sanity() {}

  /**
   * Returns what {@code work} returns, rethrowing what it throws; fails when it runs past the
   * limit, so a property that meets an endless loop fails instead of stalling the build.
   */
  static <T> T bounded(String what, Callable<T> work) {
    Future<T> future = CALLS.submit(work);
    try {
      return future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException timeout) {
      future.cancel(true);
      return fail(what + " did not return within " + LIMIT_SECONDS + " s");
    } catch (ExecutionException thrown) {
      if (thrown.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (thrown.getCause() instanceof Error error) {
        throw error;
      }
      throw new AssertionError(thrown.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError(interrupted);
    }
  }

  /**
   * Asserts what holds of every stage analysis: every finding has text, with no NaN or
   * infinity and no negative figure unless it echoes an input; with figures, each is finite,
   * each count or byte figure at least 0, and no overflow was found; without, the stage fails.
   */
  static void assertSane(StageAnalysis stage) {
    assertNotNull(stage);
    assertNotNull(stage.verdict());
    assertNotNull(stage.binding());
    Map<String, ?> figures = stage.figuresByName();
    for (Finding finding : stage.findings()) {
      assertFalse(finding.message().isBlank(), finding.id());
      // Only an input-range error echoes a value as declared, NaN or negative as it may be.
      if (finding.diagnostic() != Diagnostic.INPUT_RANGE) {
        assertFalse(finding.message().matches("(?s).*(NaN|Infinity).*"), finding.formatted());
      }
      // A negative count or byte figure in a message is a wrapped value, except the KV room
      // of a fleet whose weights leave none, which is signed (see SIGNED_COUNTS).
      if (finding.diagnostic() != Diagnostic.INPUT_RANGE
          && finding.diagnostic() != Diagnostic.KV_ROOM) {
        assertFalse(finding.message().matches("(?s).*(?<![\\w.])-[0-9].*"),
            "a negative figure: " + finding.formatted());
      }
    }
    boolean overflow = stage.findings().stream()
        .anyMatch(finding -> finding.diagnostic() == Diagnostic.OVERFLOW);
    if (figures.isEmpty()) {
      assertEquals(Verdict.FAIL, stage.verdict(), stage.findings().toString());
    } else {
      assertFigures(stage.name(), figures);
      assertFalse(overflow, "sized despite an overflow: " + stage.findings());
    }
    if (stage.verdict() == Verdict.FAIL && !figures.isEmpty()) {
      assertTrue(hasError(stage.findings()), "fails without an error: " + stage.findings());
    }
  }

  /** Asserts that a stage's figures are finite and its counts and bytes at least 0. */
  static void assertFigures(String stage, Map<String, ?> figures) {
    for (Map.Entry<String, ?> figure : figures.entrySet()) {
      Object value = figure.getValue();
      String where = stage + "." + figure.getKey() + " = " + value;
      if (value instanceof Double number) {
        assertTrue(Double.isFinite(number), where);
      } else if (value instanceof Long || value instanceof Integer) {
        long count = ((Number) value).longValue();
        assertTrue(count >= 0 || SIGNED_COUNTS.contains(figure.getKey()), where);
      } else {
        assertTrue(value instanceof String text && !text.isBlank(), where);
      }
    }
  }

  /** Returns whether any of {@code findings} is an error. */
  static boolean hasError(List<Finding> findings) {
    return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
  }

  /** Returns whether any of {@code findings} is {@code diagnostic}. */
  static boolean has(List<Finding> findings, Diagnostic diagnostic) {
    return findings.stream().anyMatch(finding -> finding.diagnostic() == diagnostic);
  }

  /**
   * Renders {@code stages} as one design's JSON, Markdown and charts, asserting that none
   * throws, that the JSON's brackets balance outside its strings, that every Markdown table row
   * has as many cells as its header, and that every chart is plain SVG that the doc links.
   */
  static void assertRenders(List<StageAnalysis> stages) {
    DesignAnalysis design = new DesignAnalysis("com.acme.Platform", "Platform", stages);
    String json = bounded("JsonReport.render", () -> JsonReport.render(design));
    String markdown = bounded("MarkdownReport.render", () -> MarkdownReport.render(design));
    if (stages.stream().noneMatch(stage -> has(stage.findings(), Diagnostic.INPUT_RANGE))) {
      assertFalse(markdown.matches("(?s).*(NaN|Infinity).*"), markdown);
    }
    assertBalanced(json);
    assertTables(markdown);
    List<SvgCharts.Chart> charts = bounded("SvgCharts.render", () -> SvgCharts.render(design));
    for (SvgCharts.Chart chart : charts) {
      SvgXml.parse(chart.svg());
      assertFalse(chart.svg().matches("(?s).*(NaN|Infinity).*"), chart.svg());
      assertTrue(markdown.contains("](" + chart.fileName() + ")"), chart.fileName());
    }
  }

  /** Asserts that the brackets of {@code json} balance outside its strings. */
  static void assertBalanced(String json) {
    StringBuilder open = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        } else {
          assertTrue(c >= 0x20, "raw control character in a JSON string at " + i);
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        open.append(c);
      } else if (c == '}' || c == ']') {
        assertTrue(open.length() > 0 && open.charAt(open.length() - 1) == (c == '}' ? '{' : '['),
            "unbalanced " + c + " at " + i);
        open.setLength(open.length() - 1);
      }
    }
    assertFalse(inString, "unterminated JSON string");
    assertEquals("", open.toString(), "unclosed JSON brackets");
  }

  /** Asserts that every row of every Markdown table has as many cells as the table's header. */
  static void assertTables(String markdown) {
    int cells = -1;
    for (String line : markdown.split("\n", -1)) {
      if (!line.startsWith("|")) {
        cells = -1;
      } else if (cells < 0) {
        cells = cells(line);
      } else {
        assertEquals(cells, cells(line), "a table row with other cells than its header: " + line);
      }
    }
  }

  /** Returns the cells of a Markdown table row: its unescaped pipes, less one. */
  static int cells(String row) {
    int pipes = 0;
    for (int i = 0; i < row.length(); i++) {
      if (row.charAt(i) == '\\') {
        i++;
      } else if (row.charAt(i) == '|') {
        pipes++;
      }
    }
    return pipes - 1;
  }
}
