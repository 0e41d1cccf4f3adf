package dev.headroom.bench;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.Ladder;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What evaluating the levers costs one compile (issue #6, "Speed"): the full lever search of
 * the capstone's naive fleet ({@link Ladder#plan}), and one plain evaluation of the same fleet
 * ({@link FleetSizing#figures}). Targets on a 2-core machine: under 20 ms for the search and
 * under 20 µs for one evaluation. Run by {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LadderBench {
  /** Llama 3 70B's shape, with the declared 70e9 parameters. */
  private static final ModelShape LLAMA_70B = new ModelShape(
      "70B", 70e9, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);

  /**
   * The naive capstone fleet, as in {@code LadderTest}: 500 req/s of 1,000 prompt and 4,000
   * output tokens, 1,000 ms TTFT and 50 ms TPOT, on 1,024 H100 SXM at tensor 4, FP16 weights
   * and KV cache, 5 GB reserved per GPU, PEAK KV sizing, prefill at 0.40 of peak.
   */
  private FleetInput naive;

  /** Builds the naive fleet once: the benchmarks time only the sizing. */
  @Setup
  public void setUp() {
    naive = new FleetInput("Serving", LLAMA_70B, new Traffic(500, 1000, 4000),
        new LatencySlo(1000, 50), GpuCatalog.spec(Gpu.H100_SXM), 1024,
        new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP16, Precision.FP16, 5.0, KvSizing.PEAK,
        0.40);
  }

  /** The full lever search: the ladder, the smallest fitting set and the break-even figures. */
  @Benchmark
  public Ladder.Plan ladderPlan() {
    return Ladder.plan(naive);
  }

  /** One plain evaluation of the fleet as declared. */
  @Benchmark
  public FleetFigures fleetFigures() {
    return FleetSizing.figures(naive);
  }
}
