package dev.headroom.runtime.report;

import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.Ladder;
import dev.headroom.runtime.units.Units;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Draws a serving fleet's two pictures as SVG 1.1, written beside the design's doc and linked
 * from it: the ladder (the GPUs each rung of the levers needs, against the budget) and one
 * GPU's memory (weights, KV cache room and reserved memory in one stacked bar).
 *
 * <p>The files are plain: rectangles, lines and text in a generic font family, no script, no
 * style sheet, no external reference. They are the same bytes for the same design on every
 * machine and JDK: coordinates are rounded half-even from the doubles' exact values, figures go
 * through {@link Units}, and nothing is read from the clock, the locale or a hash order. Every
 * text is escaped for XML, and characters XML 1.0 cannot hold become U+FFFD.
 */
public final class SvgCharts {
  /** The ladder's bars' tops range over this many pixels, from 0 GPUs to the axis's top. */
  static final int LADDER_PLOT_HEIGHT = 300;

  /** The y of the ladder's plot area's bottom, where 0 GPUs is. */
  static final int LADDER_PLOT_BOTTOM = 384;

  /** The width of the memory chart's bar at the scale's end. */
  static final int MEMORY_PLOT_WIDTH = 672;

  /** The x where the memory chart's bar starts, at 0 GB. */
  static final int MEMORY_LEFT = 24;

  private static final int LADDER_LEFT = 80;
  private static final int LADDER_SLOT = 150;
  private static final int LADDER_BAR = 96;
  private static final int LADDER_RIGHT_MARGIN = 150;
  private static final int LABEL_COLUMNS = 22;
  private static final int LABEL_LINES = 4;
  private static final int TITLE_COLUMNS = 72;

  private static final int MEMORY_WIDTH = 720;
  private static final int MEMORY_BAR_TOP = 104;
  private static final int MEMORY_BAR_HEIGHT = 44;

  private static final String INK = "#222222";
  private static final String MUTED = "#555555";
  private static final String GRID = "#dddddd";
  private static final String OVER = "#e15759";
  private static final String FITS = "#59a14f";
  private static final String WEIGHTS = "#4e79a7";
  private static final String KV_ROOM = "#59a14f";
  private static final String RESERVED = "#bab0ac";

  private final StringBuilder out = new StringBuilder();

  private SvgCharts() {}

  /**
   * One chart of a design.
   *
   * @param fileName the file's name, written beside the design's doc, e.g. {@code
   *     ReasoningPlatform-Serving-memory.svg}
   * @param svg the SVG document, ending with a newline
   */
  public record Chart(String fileName, String svg) {}

  /**
   * Returns every chart of {@code design}: for each serving fleet in declaration order, its
   * ladder when its plan has rungs, then its memory when it was sized.
   */
  public static List<Chart> render(DesignAnalysis design) {
    List<Chart> charts = new ArrayList<>();
    List<FleetAnalysis> fleets = design.fleets();
    List<String> stems = stems(design);
    for (int i = 0; i < fleets.size(); i++) {
      String stem = stems.get(i);
      ladder(fleets.get(i)).ifPresent(svg -> charts.add(new Chart(ladderFile(stem), svg)));
      memory(fleets.get(i)).ifPresent(svg -> charts.add(new Chart(memoryFile(stem), svg)));
    }
    return List.copyOf(charts);
  }

  /**
   * Returns, for each serving fleet of {@code design} in declaration order, the stem of its
   * charts' file names: {@code <Design>-<Stage>}, with {@code -2}, {@code -3}, ... after a stage
   * name an earlier fleet already has, compared ignoring case so that the files also differ on
   * file systems that ignore it. A Java name holds no hyphen, so no stem is another's.
   */
  public static List<String> stems(DesignAnalysis design) {
    List<String> stems = new ArrayList<>();
    Set<String> taken = new TreeSet<>();
    for (FleetAnalysis fleet : design.fleets()) {
      String base = design.simpleName() + "-" + fleet.name();
      String stem = base;
      for (int suffix = 2; !taken.add(stem.toLowerCase(Locale.ROOT)); suffix++) {
        stem = base + "-" + suffix;
      }
      stems.add(stem);
    }
    return List.copyOf(stems);
  }

  /** Returns the ladder chart's file name for a stem of {@link #stems}. */
  public static String ladderFile(String stem) {
    return stem + "-ladder.svg";
  }

  /** Returns the memory chart's file name for a stem of {@link #stems}. */
  public static String memoryFile(String stem) {
    return stem + "-memory.svg";
  }

  /** Returns whether {@code fleet} has a ladder chart: it was sized and its plan has rungs. */
  public static boolean hasLadder(FleetAnalysis fleet) {
    return fleet.figures().isPresent()
        && fleet.plan().filter(plan -> !plan.rungs().isEmpty()).isPresent();
  }

  /**
   * Returns the ladder chart of {@code fleet}, or empty when it has none (see {@link
   * #hasLadder}): one bar per rung, as declared first, each as high as the GPUs it needs, against
   * a dashed horizontal line at the budget, on an axis in GPUs.
   */
  public static Optional<String> ladder(FleetAnalysis fleet) {
    if (!hasLadder(fleet)) {
      return Optional.empty();
    }
    SvgCharts svg = new SvgCharts();
    svg.drawLadder(fleet.name(), fleet.figures().orElseThrow(), fleet.plan().orElseThrow());
    return Optional.of(svg.out.toString());
  }

  /**
   * Returns the memory chart of {@code fleet}, or empty when it was not sized: one stacked bar
   * of the memory the GPU reports, split into weights per GPU, KV cache room and reserved memory,
   * on a scale in GB (10^9 bytes).
   */
  public static Optional<String> memory(FleetAnalysis fleet) {
    if (fleet.figures().isEmpty()) {
      return Optional.empty();
    }
    SvgCharts svg = new SvgCharts();
    svg.drawMemory(fleet.input(), fleet.figures().get());
    return Optional.of(svg.out.toString());
  }

  /** A bar of the ladder: its change, as written and as label lines, and the GPUs it needs. */
  private record Bar(String rung, String change, List<String> label, boolean evalGate, long gpus,
      boolean fits) {}

  private void drawLadder(String stage, FleetFigures declared, Ladder.Plan plan) {
    List<Bar> bars = new ArrayList<>();
    bars.add(new Bar("0", "as declared", List.of("as declared"), false, declared.gpusNeeded(),
        fits(declared)));
    int index = 1;
    for (Ladder.Rung rung : plan.rungs()) {
      FleetFigures f = rung.figures();
      bars.add(new Bar(Integer.toString(index++), rung.change(), wrap(rung.change()),
          rung.changesQuality(), f.gpusNeeded(), fits(f)));
    }
    long budget = declared.gpusAvailable();
    long highest = budget;
    int labelLines = 1;
    for (Bar bar : bars) {
      highest = Math.max(highest, bar.gpus());
      labelLines = Math.max(labelLines, bar.label().size() + (bar.evalGate() ? 1 : 0));
    }
    long step = niceStep(highest, 5);
    long axisTop = Math.max(step, -Math.floorDiv(-highest, step) * step);
    double plotTop = LADDER_PLOT_BOTTOM - LADDER_PLOT_HEIGHT;
    double plotRight = LADDER_LEFT + (double) bars.size() * LADDER_SLOT;
    double width = plotRight + LADDER_RIGHT_MARGIN;
    double labelTop = LADDER_PLOT_BOTTOM + 40;
    double legendY = labelTop + 15.0 * labelLines + 22;
    double height = legendY + 18;

    String title = stage + ": GPUs needed at each rung of the ladder";
    StringBuilder desc = new StringBuilder("Budget: " + Units.count(budget) + " GPUs.");
    for (Bar bar : bars) {
      desc.append(" Rung ").append(bar.rung()).append(", ").append(bar.change()).append(": ")
          .append(Units.count(bar.gpus())).append(" GPUs, ")
          .append(bar.fits() ? "fits." : "over the budget.");
    }
    open(width, height, title, desc.toString());
    text(16, 28, "start", 16, true, INK, clip(title, TITLE_COLUMNS));
    text(16, 50, "start", 12, false, MUTED, "Each rung adds one lever to those before it;"
        + " the dashed line is the budget of " + Units.count(budget) + " GPUs.");
    text(LADDER_LEFT - 8, plotTop - 16, "end", 12, true, INK, "GPUs");
    for (long tick = 0; tick <= axisTop; tick += step) {
      double y = ladderY(tick, axisTop);
      if (tick > 0) {
        line(null, LADDER_LEFT, y, plotRight, y, GRID, 1, null);
      }
      text(LADDER_LEFT - 8, y + 4, "end", 12, false, MUTED, Units.count(tick));
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double center = LADDER_LEFT + (i + 0.5) * LADDER_SLOT;
      double top = ladderY(bar.gpus(), axisTop);
      rect("bar-" + i, center - LADDER_BAR / 2.0, top, LADDER_BAR, LADDER_PLOT_BOTTOM - top,
          bar.fits() ? FITS : OVER, null,
          "rung " + bar.rung() + ", " + bar.change() + ": " + Units.count(bar.gpus()) + " GPUs");
      text(center, top - 6, "middle", 12, true, INK, Units.count(bar.gpus()));
      text(center, LADDER_PLOT_BOTTOM + 18, "middle", 11, false, MUTED, "rung " + bar.rung());
      double y = labelTop;
      for (String part : bar.label()) {
        text(center, y, "middle", 12, false, INK, part);
        y += 15;
      }
      if (bar.evalGate()) {
        text(center, y, "middle", 11, false, MUTED, "eval gate");
      }
    }
    line("axis", LADDER_LEFT, LADDER_PLOT_BOTTOM, plotRight, LADDER_PLOT_BOTTOM, INK, 1, null);
    double budgetY = ladderY(budget, axisTop);
    line("budget", LADDER_LEFT, budgetY, plotRight, budgetY, INK, 2, "6 4");
    text(plotRight + 8, budgetY + 4, "start", 12, true, INK,
        "budget " + Units.count(budget));
    swatch(LADDER_LEFT, legendY, OVER, "over the budget");
    swatch(LADDER_LEFT + 150, legendY, FITS, "fits the budget");
    close();
  }

  private static double ladderY(long gpus, long axisTop) {
    return LADDER_PLOT_BOTTOM - (double) gpus * LADDER_PLOT_HEIGHT / axisTop;
  }

  private static boolean fits(FleetFigures figures) {
    return figures.replicas() > 0 && figures.gpusNeeded() <= figures.gpusAvailable();
  }

  private void drawMemory(FleetInput input, FleetFigures f) {
    long memory = f.memoryBytesPerGpu();
    long weights = Math.max(0, f.weightBytesPerGpu());
    long kvRoom = Math.max(0, f.kvRoomBytesPerGpu());
    long reserved = Math.max(0, f.reservedBytesPerGpu());
    double total = (double) weights + kvRoom + reserved;
    double scaleTop = Math.max(Math.max(1, memory), total);
    boolean over = total > memory;
    long overBy = over ? -f.roomBeforeKvBytes() : 0;

    String title = input.name() + ": one GPU's memory";
    String gpu = input.gpu().name();
    String model = input.model().name();
    String setup = "weights in " + input.servedWeights() + ", KV cache in "
        + input.servedKvCache() + ", " + input.split().replicaDegrees();
    String desc = model + ", " + setup + ", on " + gpu + ", which reports "
        + Units.gigabytes(memory) + ": weights per GPU " + Units.gigabytes(weights)
        + ", KV cache room " + Units.gigabytes(kvRoom) + ", reserved " + Units.gigabytes(reserved)
        + (over ? "; weights and reserved memory exceed the memory by " + Units.gigabytes(overBy)
            : "")
        + ".";
    double legendY = MEMORY_BAR_TOP + MEMORY_BAR_HEIGHT + 48;
    double height = legendY + 3 * 20 + (over ? 20 : 0) + 26;

    open(MEMORY_WIDTH, height, title, desc);
    text(16, 28, "start", 16, true, INK, clip(title, TITLE_COLUMNS));
    text(16, 50, "start", 12, false, MUTED, clip(model, 40) + ", " + setup);
    text(16, 66, "start", 12, false, MUTED,
        "on " + gpu + ", which reports " + Units.gigabytes(memory) + " to software");

    double x = MEMORY_LEFT;
    x = segment("weights", x, weights, scaleTop, WEIGHTS, "#ffffff", "weights per GPU");
    x = segment("kv-room", x, kvRoom, scaleTop, KV_ROOM, INK, "KV cache room");
    segment("reserved", x, reserved, scaleTop, RESERVED, INK, "reserved");
    double memoryX = memoryX(memory, scaleTop);
    rect("memory", MEMORY_LEFT, MEMORY_BAR_TOP, memoryX - MEMORY_LEFT, MEMORY_BAR_HEIGHT, "none",
        INK, "memory: " + Units.gigabytes(memory));
    if (over) {
      line("memory-end", memoryX, MEMORY_BAR_TOP - 4, memoryX,
          MEMORY_BAR_TOP + MEMORY_BAR_HEIGHT + 6, OVER, 2, "4 3");
    }
    boolean leftHalf = memoryX < MEMORY_LEFT + MEMORY_PLOT_WIDTH / 2.0;
    text(memoryX, MEMORY_BAR_TOP - 8, leftHalf ? "start" : "end", 12, true, INK,
        "memory " + Units.gigabytes(memory));

    double axisY = MEMORY_BAR_TOP + MEMORY_BAR_HEIGHT;
    double right = MEMORY_LEFT + MEMORY_PLOT_WIDTH;
    line("axis", MEMORY_LEFT, axisY, right, axisY, INK, 1, null);
    long gb = 1_000_000_000L;
    long step = niceStep((long) Math.floor(scaleTop / gb), 6);
    for (long tick = 0; tick * (double) gb <= scaleTop; tick += step) {
      double tickX = memoryX(tick * (double) gb, scaleTop);
      line(null, tickX, axisY, tickX, axisY + 5, INK, 1, null);
      text(tickX, axisY + 19, "middle", 11, false, MUTED, Units.count(tick) + " GB");
    }

    double y = legendY;
    swatch(MEMORY_LEFT, y, WEIGHTS, "weights per GPU: " + share(weights, memory));
    swatch(MEMORY_LEFT, y += 20, KV_ROOM, "KV cache room: " + share(kvRoom, memory));
    swatch(MEMORY_LEFT, y += 20, RESERVED, "reserved: " + share(reserved, memory)
        + ", for CUDA context, activations and buffers");
    if (over) {
      text(MEMORY_LEFT, y += 20, "start", 12, true, OVER, "The weights and reserved memory"
          + " exceed the memory by " + Units.gigabytes(overBy) + ": no room for the KV cache.");
    }
    text(MEMORY_LEFT, y + 26, "start", 11, false, MUTED,
        "GB = 10^9 bytes. KV cache room = memory − weights per GPU − reserved.");
    close();
  }

  /**
   * Draws one part of the memory bar from {@code x}, with its size in {@code ink} inside when it
   * has room; returns where the next part starts.
   */
  private double segment(String id, double x, long bytes, double scaleTop, String fill,
      String ink, String name) {
    double width = (double) bytes * MEMORY_PLOT_WIDTH / scaleTop;
    rect(id, x, MEMORY_BAR_TOP, width, MEMORY_BAR_HEIGHT, fill, null,
        name + ": " + Units.gigabytes(bytes));
    String label = Units.gigabytes(bytes);
    if (width >= 12 + 8 * columns(label)) {
      text(x + width / 2, MEMORY_BAR_TOP + MEMORY_BAR_HEIGHT / 2.0 + 4, "middle", 12, true, ink,
          label);
    }
    return x + width;
  }

  private static double memoryX(double bytes, double scaleTop) {
    return MEMORY_LEFT + bytes * MEMORY_PLOT_WIDTH / scaleTop;
  }

  /** Returns e.g. {@code 17.50 GB (20.5% of the memory)}. */
  private static String share(long bytes, long memory) {
    return Units.gigabytes(bytes)
        + (memory > 0 ? " (" + Units.percent((double) bytes / memory) + " of the memory)" : "");
  }

  /**
   * Returns the smallest step of 1, 2 or 5 times a power of ten that divides {@code 0..top}
   * into at most {@code intervals} intervals; 1 for a top of 0.
   */
  static long niceStep(long top, int intervals) {
    for (long power = 1; power <= Long.MAX_VALUE / 10; power *= 10) {
      for (long factor : new long[] {1, 2, 5}) {
        long step = factor * power;
        if (-Math.floorDiv(-top, step) <= intervals) {
          return step;
        }
      }
    }
    return Long.MAX_VALUE / 10;
  }

  /**
   * Returns a lever's change as the lines of a label: broken after each comma, then between
   * words to lines of at most {@value #LABEL_COLUMNS} characters where it can, at most {@value
   * #LABEL_LINES} lines, the last cut short with an ellipsis when more would follow.
   */
  static List<String> wrap(String change) {
    List<String> lines = new ArrayList<>();
    for (String part : oneLine(change).split("(?<=,) ")) {
      StringBuilder current = new StringBuilder();
      for (String word : part.split(" ")) {
        if (word.isEmpty()) {
          continue;
        }
        if (current.length() > 0
            && columns(current) + 1 + columns(word) > LABEL_COLUMNS) {
          lines.add(current.toString());
          current.setLength(0);
        }
        current.append(current.length() > 0 ? " " : "").append(word);
      }
      if (current.length() > 0) {
        lines.add(current.toString());
      }
    }
    if (lines.size() > LABEL_LINES) {
      List<String> cut = new ArrayList<>(lines.subList(0, LABEL_LINES));
      cut.set(LABEL_LINES - 1, clip(cut.get(LABEL_LINES - 1), LABEL_COLUMNS - 1) + "…");
      return List.copyOf(cut);
    }
    return lines.isEmpty() ? List.of("") : List.copyOf(lines);
  }

  private static int columns(CharSequence text) {
    return Character.codePointCount(text, 0, text.length());
  }

  /** Returns {@code text} on one line, cut to {@code limit} characters with an ellipsis. */
  static String clip(String text, int limit) {
    String line = oneLine(text);
    if (columns(line) <= limit) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, limit - 1)) + "…";
  }

  private static String oneLine(String text) {
    return text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
  }

  /**
   * Returns {@code raw} as XML character data that is also safe in a quoted attribute: {@code
   * &}, {@code <}, {@code >}, {@code "} and {@code '} as entities, tabs and line breaks as
   * spaces, and every character XML 1.0 cannot hold (other controls, unpaired surrogates,
   * U+FFFE and U+FFFF) as U+FFFD.
   */
  static String xml(String raw) {
    StringBuilder escaped = new StringBuilder(raw.length());
    raw.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        case '\t', '\n', '\r' -> escaped.append(' ');
        default -> {
          boolean allowed = (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
              || c >= 0x10000;
          escaped.appendCodePoint(allowed ? c : 0xFFFD);
        }
      }
    });
    return escaped.toString();
  }

  /**
   * Returns a coordinate: the double's exact value rounded half-even to two places, without
   * trailing zeros, e.g. {@code 271.8} or {@code 80}: the same on every JDK.
   */
  static String number(double value) {
    return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros()
        .toPlainString();
  }

  private void open(double width, double height, String title, String desc) {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
        .append(number(width)).append("\" height=\"").append(number(height))
        .append("\" viewBox=\"0 0 ").append(number(width)).append(' ').append(number(height))
        .append("\" font-family=\"sans-serif\">\n");
    out.append("  <title>").append(xml(title)).append("</title>\n");
    out.append("  <desc>").append(xml(desc)).append("</desc>\n");
    rect(null, 0, 0, width, height, "#ffffff", null, null);
  }

  private void close() {
    out.append("</svg>\n");
  }

  private void rect(String id, double x, double y, double width, double height, String fill,
      String stroke, String tooltip) {
    out.append("  <rect");
    if (id != null) {
      out.append(" id=\"").append(xml(id)).append('"');
    }
    out.append(" x=\"").append(number(x)).append("\" y=\"").append(number(y))
        .append("\" width=\"").append(number(width)).append("\" height=\"")
        .append(number(height)).append("\" fill=\"").append(fill).append('"');
    if (stroke != null) {
      out.append(" stroke=\"").append(stroke).append("\" stroke-width=\"1\"");
    }
    if (tooltip == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(xml(tooltip)).append("</title></rect>\n");
    }
  }

  private void line(String id, double x1, double y1, double x2, double y2, String stroke,
      int strokeWidth, String dashes) {
    out.append("  <line");
    if (id != null) {
      out.append(" id=\"").append(xml(id)).append('"');
    }
    out.append(" x1=\"").append(number(x1)).append("\" y1=\"").append(number(y1))
        .append("\" x2=\"").append(number(x2)).append("\" y2=\"").append(number(y2))
        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(strokeWidth)
        .append('"');
    if (dashes != null) {
      out.append(" stroke-dasharray=\"").append(dashes).append('"');
    }
    out.append("/>\n");
  }

  private void text(double x, double y, String anchor, int size, boolean bold, String fill,
      String content) {
    out.append("  <text x=\"").append(number(x)).append("\" y=\"").append(number(y))
        .append("\" font-size=\"").append(size).append('"');
    if (!"start".equals(anchor)) {
      out.append(" text-anchor=\"").append(anchor).append('"');
    }
    if (bold) {
      out.append(" font-weight=\"bold\"");
    }
    out.append(" fill=\"").append(fill).append("\">").append(xml(content)).append("</text>\n");
  }

  /** Draws a legend entry: a square of {@code fill} and its meaning, on the baseline {@code y}. */
  private void swatch(double x, double y, String fill, String meaning) {
    rect(null, x, y - 11, 12, 12, fill, null, null);
    text(x + 18, y, "start", 12, false, INK, meaning);
  }
}
