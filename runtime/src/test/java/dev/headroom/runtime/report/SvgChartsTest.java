package dev.headroom.runtime.report;

import static dev.headroom.runtime.report.SvgXml.byId;
import static dev.headroom.runtime.report.SvgXml.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ladder and memory charts of the capstone's fleets (CAPSTONE.md, stage 1), rendered without
 * a compiler: well-formed plain SVG, bars as long as their figures, the budget line at the
 * budget, names escaped, and the same bytes every time.
 */
class SvgChartsTest {
  private static final ModelShape LLAMA_70B = new ModelShape(
      "70B", 70e9, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);
  private static final ModelShape LLAMA_405B = new ModelShape(
      "405B", 405e9, 126, 16384, 128, 8, 0, 53248, 128256, false, Precision.BF16);
  /** What an H100 SXM reports: 81,559 MiB. */
  private static final long H100_BYTES = 85_520_809_984L;
  private static final String HOSTILE =
      "<script>alert(1)</script> & \"double\" 'single' ]]> \u0000\u0007 \ud800 line\nbreak";

  /** The naive capstone fleet: FP16, 4,000-token outputs, tensor 4, 1,024 H100s. */
  private static FleetInput naive(String name, ModelShape model) {
    return new FleetInput(name, model, new Traffic(500, 1000, 4000), new LatencySlo(1000, 50),
        GpuCatalog.spec(Gpu.H100_SXM), 1024, new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP16,
        Precision.FP16, 5.0, KvSizing.PEAK, 0.40);
  }

  private static FleetAnalysis analyse(FleetInput input) {
    return FleetSizing.analyse(input, Optional.empty(), Optional.empty());
  }

  private static FleetAnalysis naive() {
    return analyse(naive("Serving", LLAMA_70B));
  }

  /** The revised capstone fleet: FP8 weights and KV, 2,500-token outputs; 576 of 1,024 GPUs. */
  private static FleetAnalysis revised() {
    return analyse(naive("Serving", LLAMA_70B)
        .withPrecisions(Precision.FP8, Precision.FP8)
        .withTraffic(new Traffic(500, 1000, 2500)));
  }

  @Test
  void ladderIsPlainSvgWithOneBarPerRungAndTheDeclaredFleetFirst() {
    FleetAnalysis fleet = naive();

    Document svg = SvgXml.parse(SvgCharts.ladder(fleet).orElseThrow());

    assertEquals("Serving: GPUs needed at each rung of the ladder", SvgXml.title(svg));
    int rungs = fleet.plan().orElseThrow().rungs().size();
    assertEquals(4, rungs);
    for (int bar = 0; bar <= rungs; bar++) {
      byId(svg, "bar-" + bar);
    }
    assertFalse(SvgCharts.ladder(fleet).orElseThrow().contains("id=\"bar-" + (rungs + 1)));
    assertTrue(svg.getDocumentElement().getTextContent().contains("as declared"));
    assertTrue(svg.getDocumentElement().getTextContent().contains("kvSizing = AVERAGE"));
  }

  @Test
  void ladderBarsAreAsHighAsTheGpusTheyNeed() {
    FleetAnalysis fleet = naive();
    Document svg = SvgXml.parse(SvgCharts.ladder(fleet).orElseThrow());

    // The axis runs to 4,000 GPUs (3,624 rounded up to a step of 1,000) over 300 px: the
    // declared fleet's 3,624 GPUs are 3,624 × 300 / 4,000 = 271.8 px, standing on y = 384.
    Element declared = byId(svg, "bar-0");
    assertEquals(271.8, number(declared, "height"), 1e-9);
    assertEquals(SvgCharts.LADDER_PLOT_BOTTOM - 271.8, number(declared, "y"), 1e-9);
    assertEquals(SvgCharts.LADDER_PLOT_BOTTOM, number(byId(svg, "axis"), "y1"), 1e-9);
    // Every rung's bar against the declared one: heights in the ratio of the GPUs, to the
    // 0.01 px the coordinates are written to.
    long declaredGpus = fleet.figures().orElseThrow().gpusNeeded();
    List<Long> gpus = fleet.plan().orElseThrow().rungs().stream()
        .map(rung -> rung.figures().gpusNeeded()).toList();
    assertEquals(List.of(1_312L, 1_152L, 1_088L, 656L), gpus);
    for (int i = 0; i < gpus.size(); i++) {
      double height = number(byId(svg, "bar-" + (i + 1)), "height");
      assertEquals(271.8 * gpus.get(i) / declaredGpus, height, 0.01, "bar " + (i + 1));
    }
    // The last rung, kvSizing = AVERAGE: 656 × 300 / 4,000 = 49.2 px, and it fits.
    assertEquals(49.2, number(byId(svg, "bar-4"), "height"), 1e-9);
    assertEquals("#59a14f", byId(svg, "bar-4").getAttribute("fill"));
    assertEquals("#e15759", declared.getAttribute("fill"));
  }

  @Test
  void budgetLineSitsAtTheBudget() {
    Document svg = SvgXml.parse(SvgCharts.ladder(naive()).orElseThrow());

    // 1,024 GPUs on the 4,000-GPU axis: 384 − 1,024 × 300 / 4,000 = 384 − 76.8 = 307.2.
    Element budget = byId(svg, "budget");
    assertEquals("line", budget.getLocalName());
    assertEquals(307.2, number(budget, "y1"), 1e-9);
    assertEquals(307.2, number(budget, "y2"), 1e-9);
    // Horizontal, across every bar: from the first bar's left to past the last one's right.
    assertTrue(number(budget, "x1") <= number(byId(svg, "bar-0"), "x"));
    Element last = byId(svg, "bar-4");
    assertTrue(number(budget, "x2") >= number(last, "x") + number(last, "width"));
    // Against a bar: the budget is 1,024 / 3,624 of the declared bar's height above the axis.
    double declared = number(byId(svg, "bar-0"), "height");
    assertEquals(declared * 1_024 / 3_624, SvgCharts.LADDER_PLOT_BOTTOM - 307.2, 0.01);
  }

  @Test
  void noLadderWithoutRungsButAMemoryChartForEverySizedFleet() {
    FleetAnalysis fleet = revised();

    assertEquals(576, fleet.figures().orElseThrow().gpusNeeded());
    assertTrue(SvgCharts.ladder(fleet).isEmpty());
    assertFalse(SvgCharts.hasLadder(fleet));
    SvgXml.parse(SvgCharts.memory(fleet).orElseThrow());
  }

  @Test
  void memoryBarSplitsTheReportedMemoryInProportion() {
    FleetAnalysis fleet = naive();
    Document svg = SvgXml.parse(SvgCharts.memory(fleet).orElseThrow());

    // FP16 weights: 140e9 B / tensor 4 = 35e9 B per GPU; reserved 5e9 B; KV room
    // 85,520,809,984 − 35e9 − 5e9 = 45,520,809,984 B. The bar is the memory, 672 px long:
    // weights 35e9 × 672 / 85,520,809,984 = 275.02 px.
    assertEquals(35_000_000_000L, fleet.figures().orElseThrow().weightBytesPerGpu());
    Element weights = byId(svg, "weights");
    Element kvRoom = byId(svg, "kv-room");
    Element reserved = byId(svg, "reserved");
    Element memory = byId(svg, "memory");
    assertEquals(275.02, number(weights, "width"), 1e-9);
    assertEquals(45_520_809_984.0 * SvgCharts.MEMORY_PLOT_WIDTH / H100_BYTES,
        number(kvRoom, "width"), 0.005);
    assertEquals(5e9 * SvgCharts.MEMORY_PLOT_WIDTH / H100_BYTES, number(reserved, "width"),
        0.005);
    assertEquals(SvgCharts.MEMORY_PLOT_WIDTH, number(memory, "width"), 1e-9);
    // Stacked: weights from the left, then KV room, then reserved, ending at the memory's end.
    assertEquals(SvgCharts.MEMORY_LEFT, number(weights, "x"), 1e-9);
    assertEquals(number(weights, "x") + number(weights, "width"), number(kvRoom, "x"), 0.01);
    assertEquals(number(kvRoom, "x") + number(kvRoom, "width"), number(reserved, "x"), 0.01);
    assertEquals(SvgCharts.MEMORY_LEFT + SvgCharts.MEMORY_PLOT_WIDTH,
        number(reserved, "x") + number(reserved, "width"), 0.02);
    String text = svg.getDocumentElement().getTextContent();
    assertTrue(text.contains("weights per GPU: 35.00 GB (40.9% of the memory)"), text);
    assertTrue(text.contains("KV cache room: 45.52 GB (53.2% of the memory)"), text);
    assertTrue(text.contains("reserved: 5.00 GB (5.8% of the memory)"), text);
    assertTrue(text.contains("memory 85.52 GB"), text);
  }

  @Test
  void weightsLargerThanTheGpuRunPastItsMemory() {
    // Llama 3 405B in BF16 on one H100: 810e9 B of weights + 5e9 B reserved = 815e9 B, 9.5× the
    // 85.52 GB it has. The scale runs to 815 GB; the memory ends at 85.52 / 815 × 672 px.
    FleetAnalysis fleet = analyse(new FleetInput("Serving", LLAMA_405B,
        new Traffic(1, 100, 100), new LatencySlo(1_000, 50), GpuCatalog.spec(Gpu.H100_SXM), 8,
        ReplicaSplit.single(), Precision.INHERIT, Precision.INHERIT, 5.0, KvSizing.PEAK,
        0.40));
    Document svg = SvgXml.parse(SvgCharts.memory(fleet).orElseThrow());

    assertEquals(810e9 * SvgCharts.MEMORY_PLOT_WIDTH / 815e9,
        number(byId(svg, "weights"), "width"), 0.005);
    assertEquals(0, number(byId(svg, "kv-room"), "width"), 1e-9);
    double memoryEnd = SvgCharts.MEMORY_LEFT + H100_BYTES * SvgCharts.MEMORY_PLOT_WIDTH / 815e9;
    assertEquals(memoryEnd, number(byId(svg, "memory-end"), "x1"), 0.005);
    String text = svg.getDocumentElement().getTextContent();
    assertTrue(text.contains("exceed the memory by 729.48 GB"), text);
  }

  @Test
  void hostileNamesStayEscaped() {
    FleetAnalysis fleet = analyse(naive(HOSTILE, new ModelShape(HOSTILE, 70e9, 80, 8192, 64, 8,
        0, 28672, 128256, false, Precision.BF16)));

    for (String chart : List.of(SvgCharts.ladder(fleet).orElseThrow(),
        SvgCharts.memory(fleet).orElseThrow())) {
      assertFalse(chart.contains("<script>"), chart);
      assertFalse(chart.contains("\"double\""), chart);
      assertFalse(chart.contains("'single'"), chart);
      assertFalse(chart.contains("]]>"), chart);
      assertFalse(chart.contains("& "), chart);
      assertTrue(chart.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;double&quot;"
          + " &apos;single&apos; ]]&gt;"), chart);
      Document svg = SvgXml.parse(chart);
      // The name comes back as written, on one line, with what XML cannot hold replaced.
      assertTrue(SvgXml.title(svg).startsWith("<script>alert(1)</script> & \"double\" 'single'"
          + " ]]> \ufffd\ufffd \ufffd line break: "), SvgXml.title(svg));
    }
  }

  @Test
  void xmlEscapesTheFiveCharactersAndDropsWhatXmlCannotHold() {
    assertEquals("&amp;&lt;&gt;&quot;&apos;", SvgCharts.xml("&<>\"'"));
    assertEquals("a b c", SvgCharts.xml("a\tb\nc"));
    assertEquals("\ufffd\ufffd\ufffd\ufffd", SvgCharts.xml("\u0000\u001f\ufffe\udc00"));
    assertEquals("\ud83d\ude80 é", SvgCharts.xml("\ud83d\ude80 é"));
  }

  @Test
  void renderingTwiceGivesTheSameBytesWhateverTheLocale() {
    Locale saved = Locale.getDefault();
    String ladder = SvgCharts.ladder(naive()).orElseThrow();
    String memory = SvgCharts.memory(naive()).orElseThrow();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals(ladder, SvgCharts.ladder(naive()).orElseThrow());
      assertEquals(memory, SvgCharts.memory(naive()).orElseThrow());
      Locale.setDefault(Locale.forLanguageTag("ar-EG"));
      assertEquals(ladder, SvgCharts.ladder(naive()).orElseThrow());
      assertEquals(memory, SvgCharts.memory(naive()).orElseThrow());
    } finally {
      Locale.setDefault(saved);
    }
    assertTrue(ladder.contains(">3,624<"), ladder);
  }

  @Test
  void changesWrapAfterCommasAndBetweenWordsToAtMostFourLines() {
    assertEquals(List.of("weights = INT4,", "kvCache = FP8"),
        SvgCharts.wrap("weights = INT4, kvCache = FP8"));
    assertEquals(List.of("outputTokens = 2,345"), SvgCharts.wrap("outputTokens = 2,345"));
    // 100 one-letter words: 11 to a line of 21 characters, so 10 lines, cut to 4.
    List<String> lines = SvgCharts.wrap("a ".repeat(100));
    assertEquals(4, lines.size());
    assertEquals("a ".repeat(10) + "a…", lines.get(3));
    assertEquals(List.of("line break"), SvgCharts.wrap("line\nbreak"));
  }

  @Test
  void axisStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    // 3,624 GPUs: 500 would take 8 steps, 1,000 takes 4. 1,312: 200 takes 7, 500 takes 3.
    assertEquals(1_000, SvgCharts.niceStep(3_624, 5));
    assertEquals(500, SvgCharts.niceStep(1_312, 5));
    assertEquals(20, SvgCharts.niceStep(85, 6));
    assertEquals(1, SvgCharts.niceStep(0, 5));
  }

  @Test
  void coordinatesAreExactDecimalsWithoutTrailingZeros() {
    assertEquals("271.8", SvgCharts.number(3_624 * 300.0 / 4_000));
    assertEquals("80", SvgCharts.number(80));
    assertEquals("0", SvgCharts.number(-0.0));
    assertEquals("0.13", SvgCharts.number(0.125000001));
    // 0.125 is exact in binary: half-even keeps the 2.
    assertEquals("0.12", SvgCharts.number(0.125));
  }

  @Test
  void repeatedStageNamesGetNumberedFileNamesIgnoringCase() {
    DesignAnalysis design = new DesignAnalysis("com.acme.Platform", "Platform", List.of(
        analyse(naive("Serving", LLAMA_70B)), analyse(naive("serving", LLAMA_70B)),
        analyse(naive("Serving", LLAMA_70B)), analyse(naive("Batch", LLAMA_70B))));

    assertEquals(List.of("Platform-Serving", "Platform-serving-2", "Platform-Serving-3",
        "Platform-Batch"), SvgCharts.stems(design));
    List<String> files = SvgCharts.render(design).stream().map(SvgCharts.Chart::fileName)
        .toList();
    assertEquals(List.of("Platform-Serving-ladder.svg", "Platform-Serving-memory.svg",
        "Platform-serving-2-ladder.svg", "Platform-serving-2-memory.svg",
        "Platform-Serving-3-ladder.svg", "Platform-Serving-3-memory.svg",
        "Platform-Batch-ladder.svg", "Platform-Batch-memory.svg"), files);
    String doc = MarkdownReport.render(design);
    for (String file : files) {
      assertTrue(doc.contains("](" + file + ")"), file);
    }
  }

  @Test
  void docLinksTheChartsFromTheFleetsSection() {
    DesignAnalysis design = new DesignAnalysis("com.acme.Platform", "Platform",
        List.of(naive()));

    String doc = MarkdownReport.render(design);

    String section = doc.substring(doc.indexOf("## Serving (serving fleet)"));
    assertTrue(section.contains("![Serving: one GPU's memory, split into weights, KV cache room"
        + " and reserved](Platform-Serving-memory.svg)\n"), section);
    assertTrue(section.contains("![Serving: GPUs needed at each rung against the budget of"
        + " 1,024 GPUs](Platform-Serving-ladder.svg)\n"), section);
    assertTrue(section.indexOf("-memory.svg") > section.indexOf("### Fit"));
    assertTrue(section.indexOf("-ladder.svg") > section.indexOf("### Ladder"));
    assertTrue(section.indexOf("-ladder.svg") < section.indexOf("### Break-even"));
  }

  @Test
  void docPercentEncodesWhatALinkCannotHoldAndEscapesTheAltText() {
    DesignAnalysis design = new DesignAnalysis("com.acme.Plan$Ü", "Plan$Ü",
        List.of(analyse(naive("Sérving_1", LLAMA_70B))));

    String doc = MarkdownReport.render(design);

    assertTrue(doc.contains("![Sérving\\_1: one GPU's memory, split into weights, KV cache room"
        + " and reserved](Plan$%C3%9C-S%C3%A9rving_1-memory.svg)"), doc);
    assertEquals("Plan$Ü-Sérving_1-memory.svg",
        SvgCharts.render(design).get(1).fileName());
  }
}
