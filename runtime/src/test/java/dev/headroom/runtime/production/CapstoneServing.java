package dev.headroom.runtime.production;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Precision;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.EvalGate;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import java.util.List;
import java.util.Optional;

/**
 * The capstone's revised serving fleet (CAPSTONE.md, stage 1) and its production declaration
 * (the capstone sample's): FP8 weights and KV, 2,500-token outputs, tensor 4 on H100s. Its
 * fleet figures are asserted in FleetSizingTest: 144 replicas × 4 GPUs holding 439 requests
 * each, W = 126 s, L = 63,000.
 */
public final class CapstoneServing {
  private CapstoneServing() {}

  /** The capstone's reasoning regression suite gate (CAPSTONE.md, stage 4). */
  public static final EvalGate GATE =
      new EvalGate("reasoning regression suite", "pass@1 relative to BF16", 0.99, false);

  /** Returns the revised fleet with a budget of {@code gpus} H100s. */
  public static FleetInput fleet(int gpus) {
    ModelShape model = new ModelShape("Llama-3-70B", 70e9, 80, 8192, 64, 8, 128, 28672, 128256,
        false, Precision.BF16);
    return new FleetInput("Serving", model, new Traffic(500, 1_000, 2_500),
        new LatencySlo(1_000, 50), GpuCatalog.spec(Gpu.H100_SXM), gpus,
        new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP8, Precision.FP8, 5.0, KvSizing.PEAK,
        0.40);
  }

  /** Returns the revised fleet sized with the capstone's gate. */
  public static FleetAnalysis sized(int gpus) {
    return FleetSizing.analyse(fleet(gpus), Optional.empty(), Optional.empty(), List.of(GATE));
  }

  /**
   * Returns the sample's production: peak 1.5× the mean, 2 spares, a quarter of the fleet per
   * deploy, $2 per GPU-hour, autoscaled to a quarter of peak, guardrails 2 s TTFT p99, 2%
   * refusals, $0.01 per request.
   */
  public static ProductionInput production() {
    return new ProductionInput("Serving", 1.5, 2, 0.25, 2.0, false, 0.25, 2_000, 0.02, 0.01);
  }
}
