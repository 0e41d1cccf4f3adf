package dev.headroom.runtime.serving;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The capstone's iteration done for the user (CAPSTONE.md, stage 1: when the naive design is
 * four times over budget, change the design around the binding constraint rather than buy
 * GPUs): the levers applied in turn until the fleet fits, the smallest set of them that fits,
 * and the break-even figures of the fleet as declared.
 */
public final class Ladder {
  private Ladder() {}

  /**
   * One lever: a named change to a fleet, or none when it does not apply.
   *
   * @param name what the lever changes, e.g. {@code weights = FP8, kvCache = FP8}
   * @param changesQuality whether it changes what the model answers, so an evaluation gate must
   *     pass before deploy (quantization, shorter outputs)
   * @param apply the change, or empty when it does not apply to this fleet
   */
  private record Move(
      String name, boolean changesQuality, Function<FleetInput, Optional<FleetInput>> apply) {}

  /**
   * One rung of the ladder: a lever applied on top of the rungs before it.
   *
   * @param change the lever, as attribute assignments
   * @param changesQuality whether it needs an evaluation gate before deploy
   * @param figures the fleet after this rung and every one before it
   */
  public record Rung(String change, boolean changesQuality, FleetFigures figures) {}

  /**
   * What the fleet as declared can carry within its budget.
   *
   * @param maxRequestsPerSecond the largest arrival rate the budget carries: the whole replicas
   *     the budget holds × requests per replica / W, rounded down to 0.01 requests per second
   * @param maxOutputTokens the largest mean output that fits the budget (by doubling, then
   *     bisection); 0 when none does
   * @param fewestGpus the fewest GPUs that meet the SLOs: the GPUs the fleet needs as declared
   */
  public record BreakEven(double maxRequestsPerSecond, int maxOutputTokens, long fewestGpus) {}

  /**
   * The fleet as declared on another GPU of the catalogue: a budget counts one kind of GPU, so
   * this is set beside the ladder rather than on it.
   *
   * @param gpu the catalogue entry
   * @param figures the fleet's figures on it, the same number of GPUs available
   */
  public record OtherGpu(GpuSpec gpu, FleetFigures figures) {}

  /**
   * The levers' verdict on a fleet.
   *
   * @param rungs the ladder: the levers in a fixed order, each kept when it lowers the GPUs
   *     needed, until the fleet fits; shorter outputs only once the others are spent
   * @param smallestSet the fewest levers that together fit the budget (ties: fewer that change
   *     quality, then fewer GPUs); empty when no set fits
   * @param smallestSetFigures the fleet with that set applied
   * @param breakEven the break-even figures of the fleet as declared
   * @param otherGpus the fleet as declared on each other GPU of the catalogue that holds a
   *     request, fewest GPUs needed first; empty when the fleet fits
   */
  public record Plan(
      List<Rung> rungs,
      List<String> smallestSet,
      Optional<FleetFigures> smallestSetFigures,
      BreakEven breakEven,
      List<OtherGpu> otherGpus) {}

  /** Returns the ladder, the smallest fitting set and the break-even figures of {@code input}. */
  public static Plan plan(FleetInput input) {
    List<Move> moves = moves();
    Candidate smallest = smallest(input, moves);
    boolean fits = fits(FleetSizing.figures(input));
    return new Plan(climb(input, moves), smallest.names(), smallest.figures(),
        breakEven(input), fits ? List.of() : otherGpus(input));
  }

  /** Returns whether a sized fleet holds requests and fits its budget. */
  static boolean fits(FleetFigures figures) {
    return figures.replicas() > 0 && figures.gpusNeeded() <= figures.gpusAvailable();
  }

  private static List<Move> moves() {
    List<Move> moves = new ArrayList<>();
    moves.add(new Move("weights = FP8, kvCache = FP8", true, fleet ->
        fleet.gpu().hasFp8() && (fleet.servedWeights().bitsPerElement() > 8
            || fleet.servedKvCache().bitsPerElement() > 8)
            ? Optional.of(fleet.withPrecisions(
                narrower(fleet.servedWeights(), Precision.FP8), narrower(
                    fleet.servedKvCache(), Precision.FP8)))
            : Optional.empty()));
    moves.add(new Move("weights = INT8, kvCache = INT8", true, fleet ->
        !fleet.gpu().hasFp8() && (fleet.servedWeights().bitsPerElement() > 8
            || fleet.servedKvCache().bitsPerElement() > 8)
            ? Optional.of(fleet.withPrecisions(
                narrower(fleet.servedWeights(), Precision.INT8), narrower(
                    fleet.servedKvCache(), Precision.INT8)))
            : Optional.empty()));
    moves.add(new Move("weights = INT4", true, fleet ->
        fleet.servedWeights().bitsPerElement() > 4
            ? Optional.of(fleet.withPrecisions(Precision.INT4, narrower(fleet.servedKvCache(),
                fleet.gpu().hasFp8() ? Precision.FP8 : Precision.INT8)))
            : Optional.empty()));
    moves.add(new Move("tensor parallelism within a node", false, Ladder::bestTensor));
    // Prefill/decode disaggregation is no rung: decode replicas are sized by KV room and the
    // TPOT step, so a prefill pool adds GPUs rather than saving them. The doc's prefill section
    // sizes the pool, and the TTFT fix offers it.
    moves.add(new Move("kvSizing = AVERAGE", false, fleet ->
        fleet.kvSizing() == KvSizing.PEAK
            ? Optional.of(fleet.withKvSizing(KvSizing.AVERAGE))
            : Optional.empty()));
    return moves;
  }

  /** Returns the wider-than-needed precision replaced by {@code target}, the narrower kept. */
  private static Precision narrower(Precision current, Precision target) {
    return current.bitsPerElement() > target.bitsPerElement() ? target : current;
  }

  /** Returns the fleet at the tensor degree within a node that needs the fewest GPUs. */
  private static Optional<FleetInput> bestTensor(FleetInput fleet) {
    FleetInput best = null;
    long bestGpus = Long.MAX_VALUE;
    int heads = fleet.model().attentionHeads();
    int kvHeads = fleet.model().kvHeads();
    for (int tensor = 1; tensor <= GpuCatalog.GPUS_PER_NODE; tensor++) {
      boolean splits = heads % tensor == 0 && (kvHeads % tensor == 0 || tensor % kvHeads == 0);
      if (!splits || tensor == fleet.split().tensor()) {
        continue;
      }
      FleetInput changed = fleet.withSplit(fleet.split().withTensor(tensor));
      long gpus = gpusOrMax(FleetSizing.figures(changed));
      if (gpus < bestGpus) {
        best = changed;
        bestGpus = gpus;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Returns the fleet as declared on every other catalogue GPU that holds a request. */
  private static List<OtherGpu> otherGpus(FleetInput input) {
    List<OtherGpu> others = new ArrayList<>();
    for (Gpu gpu : Gpu.values()) {
      if (gpu == input.gpu().gpu()) {
        continue;
      }
      GpuSpec spec = GpuCatalog.spec(gpu);
      try {
        FleetFigures figures = FleetSizing.figures(input.withGpu(spec));
        if (figures.replicas() > 0) {
          others.add(new OtherGpu(spec, figures));
        }
      } catch (ArithmeticException beyondAnyFleet) {
        // Not a fleet this GPU can carry: left out.
      }
    }
    others.sort(Comparator.comparingLong((OtherGpu other) -> other.figures().gpusNeeded())
        .thenComparing(other -> other.gpu().gpu()));
    return List.copyOf(others);
  }

  private static long gpusOrMax(FleetFigures figures) {
    return figures.replicas() > 0 ? figures.gpusNeeded() : Long.MAX_VALUE;
  }

  /** Names the change a move made, with the value it chose where it chose one. */
  private static String describe(Move move, FleetInput after) {
    if (move.name().startsWith("tensor")) {
      return "tensor = " + after.split().tensor();
    }
    if (move.name().startsWith("weights = INT4")) {
      return "weights = INT4, kvCache = " + after.servedKvCache();
    }
    return move.name();
  }

  /**
   * Returns the ladder: each lever in a fixed order (precision, tensor within a node, KV
   * sizing) applied on top of the ones before when it lowers the GPUs needed, until the fleet
   * fits; then, if it still does not, the longest output that fits.
   */
  private static List<Rung> climb(FleetInput input, List<Move> moves) {
    List<Rung> rungs = new ArrayList<>();
    FleetInput current = input;
    FleetFigures figures = FleetSizing.figures(current);
    for (Move move : moves) {
      if (fits(figures)) {
        break;
      }
      Optional<FleetInput> changed = move.apply().apply(current);
      if (changed.isEmpty()) {
        continue;
      }
      FleetFigures after = FleetSizing.figures(changed.get());
      if (gpusOrMax(after) < gpusOrMax(figures)) {
        rungs.add(new Rung(describe(move, changed.get()), move.changesQuality(), after));
        current = changed.get();
        figures = after;
      }
    }
    if (!fits(figures)) {
      int output = longestFittingOutput(current);
      if (output > 0) {
        rungs.add(new Rung("outputTokens = " + Units.count(output), true,
            FleetSizing.figures(withOutput(current, output))));
      }
    }
    return List.copyOf(rungs);
  }

  /** A set of levers and the fleet they leave. */
  private record Candidate(
      List<String> names, int qualityChanges, Optional<FleetFigures> figures) {}

  private static Candidate smallest(FleetInput input, List<Move> moves) {
    if (fits(FleetSizing.figures(input))) {
      return new Candidate(List.of(), 0, Optional.of(FleetSizing.figures(input)));
    }
    int size = moves.size();
    List<Candidate> fitting = new ArrayList<>();
    for (int mask = 1; mask < 1 << size; mask++) {
      FleetInput changed = input;
      List<String> names = new ArrayList<>();
      int quality = 0;
      boolean applies = true;
      for (int i = 0; i < size && applies; i++) {
        if ((mask & 1 << i) == 0) {
          continue;
        }
        Move move = moves.get(i);
        Optional<FleetInput> next = move.apply().apply(changed);
        if (next.isEmpty()) {
          applies = false;
        } else {
          names.add(describe(move, next.get()));
          quality += move.changesQuality() ? 1 : 0;
          changed = next.get();
        }
      }
      if (!applies) {
        continue;
      }
      FleetFigures figures = FleetSizing.figures(changed);
      if (fits(figures)) {
        fitting.add(new Candidate(List.copyOf(names), quality, Optional.of(figures)));
      }
    }
    return fitting.stream()
        .min(Comparator.comparingInt((Candidate c) -> c.names().size())
            .thenComparingInt(Candidate::qualityChanges)
            .thenComparingLong(c -> c.figures().orElseThrow().gpusNeeded()))
        .orElse(new Candidate(List.of(), 0, Optional.empty()));
  }

  /** Returns the break-even figures of {@code input} as declared. */
  static BreakEven breakEven(FleetInput input) {
    FleetFigures figures = FleetSizing.figures(input);
    return new BreakEven(
        sustainableRate(input, figures), longestFittingOutput(input), figures.gpusNeeded());
  }

  /**
   * Returns the arrival rate the budget carries: the whole decode replicas the GPUs left after
   * any prefill pool hold × requests per replica / W, rounded down to 0.01 requests per second;
   * 0 when no replica holds a request.
   */
  static double sustainableRate(FleetInput input, FleetFigures figures) {
    if (figures.replicas() == 0) {
      return 0;
    }
    long replicas = (input.gpus() - figures.prefillGpus()) / figures.gpusPerReplica();
    return Math.floor(
        (double) replicas * figures.requestsPerReplica() / figures.requestSeconds() * 100) / 100;
  }

  /** The longest output the search tries, in tokens: the longest any input may declare. */
  private static final int MAX_OUTPUT = 100_000_000;

  /**
   * Returns the largest mean output that fits the budget, by bisection; above the declared
   * output when that fits, found by doubling first; 0 when none fits.
   */
  static int longestFittingOutput(FleetInput input) {
    int low = 0;
    int high = input.traffic().outputTokens();
    while (high < MAX_OUTPUT && fitsWithOutput(input, high)) {
      low = high;
      high = (int) Math.min(MAX_OUTPUT, 2L * high);
    }
    if (high == MAX_OUTPUT && fitsWithOutput(input, high)) {
      return high;
    }
    while (low < high) {
      int middle = low + (high - low + 1) / 2;
      if (fitsWithOutput(input, middle)) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  /** Returns whether the fleet fits with {@code output} tokens; a count beyond a long does not. */
  private static boolean fitsWithOutput(FleetInput input, int output) {
    try {
      return fits(FleetSizing.figures(withOutput(input, output)));
    } catch (ArithmeticException beyondAnyFleet) {
      return false;
    }
  }

  private static FleetInput withOutput(FleetInput input, int outputTokens) {
    Traffic traffic = input.traffic();
    return input.withTraffic(
        traffic.with(traffic.requestsPerSecond(), traffic.promptTokens(), outputTokens));
  }
}
