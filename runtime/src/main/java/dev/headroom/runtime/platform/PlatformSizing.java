package dev.headroom.runtime.platform;

import static dev.headroom.runtime.report.Anchor.PLATFORM;
import static dev.headroom.runtime.validation.InputChecks.MAX_DOLLARS_PER_GPU_HOUR;

import dev.headroom.annotations.Gpu;
import dev.headroom.runtime.production.ProductionAnalysis;
import dev.headroom.runtime.production.ProductionFigures;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.StageKind;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.rl.RlAnalysis;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import dev.headroom.runtime.validation.InputChecks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Puts every stage of a design on one cluster: adds up what each stage takes at once, checks
 * the sum and the GPU type against the cluster, and prices the cluster by the month.
 */
public final class PlatformSizing {
  /** The most GPUs a cluster may have: ten times the largest built. */
  static final int MAX_GPUS = 10_000_000;


  /** The basis of a take that counts nothing because its stage was not sized. */
  static final String NOT_SIZED = "not sized: counted as 0";

  /** Hours in a month: 8,760 hours a year / 12. */
  static final double HOURS_PER_MONTH = 730;

  private PlatformSizing() {}

  /** Returns the analysis of the platform {@code input} holding {@code stages}. */
  public static PlatformAnalysis analyse(PlatformInput input, List<StageAnalysis> stages) {
    InputChecks checks = new InputChecks();
    checks.count(PLATFORM, "gpus", input.gpus(), MAX_GPUS, "the GPUs in the cluster");
    checks.rate(PLATFORM, "dollarsPerGpuHour", input.dollarsPerGpuHour(), MAX_DOLLARS_PER_GPU_HOUR,
        "the GPU-hour price you pay");
    List<StageTake> takes = takes(stages);
    if (checks.hasErrors()) {
      return new PlatformAnalysis(input, takes, Verdict.FAIL, Constraint.INPUT, Optional.empty(),
          checks.findings());
    }
    List<Finding> findings = new ArrayList<>(checks.findings());
    List<StageTake> elsewhere = takes.stream()
        .filter(take -> take.gpu() != input.gpu().gpu())
        .toList();
    if (!elsewhere.isEmpty()) {
      String stagesThere = elsewhere.stream().map(StageTake::who).distinct()
          .collect(Collectors.joining(" and "));
      String runs = elsewhere.stream().map(take -> take.who() + " runs on " + take.gpu())
          .distinct().collect(Collectors.joining(", "));
      findings.add(Diagnostic.PLATFORM_GPU.at(Subject.of(PLATFORM, "gpu"), runs,
          input.gpu().gpu(), stagesThere, input.gpu().gpu()));
    }
    long used = 0;
    for (StageTake take : takes) {
      used = Exact.plus(used, take.gpus());
    }
    if (used > input.gpus()) {
      StageTake largest = takes.stream().max(Comparator.comparingLong(StageTake::gpus))
          .orElseThrow();
      String sum = takes.stream()
          .map(take -> take.who() + " " + Units.count(take.gpus()))
          .collect(Collectors.joining(" + "));
      boolean partial = takes.stream().anyMatch(take -> !take.sized());
      String taken = takes.size() == 1
          ? takes.get(0).who() + " takes " + Units.count(used) + " GPUs"
          : sum + " = " + Units.count(used) + " GPUs";
      findings.add(Diagnostic.CLUSTER.at(Subject.of(PLATFORM, "gpus"),
          taken + (partial ? " (stages not sized count 0)" : "") + ", over the cluster's "
              + Units.count(input.gpus()),
          "gpus = " + Units.count(used) + ", or shrink the largest take, " + largest.who() + "'s "
              + Units.count(largest.gpus()) + " GPUs (" + largest.basis() + ")"));
    }
    double perHour = input.gpus() * input.dollarsPerGpuHour();
    PlatformFigures figures = new PlatformFigures(input.gpus(), used, input.gpus() - used,
        input.dollarsPerGpuHour(), perHour, perHour * HOURS_PER_MONTH,
        (input.gpus() - used) * input.dollarsPerGpuHour() * HOURS_PER_MONTH);
    return new PlatformAnalysis(input, takes, Verdict.of(findings), Constraint.CLUSTER,
        Optional.of(figures), List.copyOf(findings));
  }

  /**
   * Returns the analysis of a platform whose annotation could not be read into a complete
   * input (its GPU is unknown to this version): only its name and the errors are meaningful.
   */
  public static PlatformAnalysis unread(PlatformInput input, List<Finding> errors) {
    return new PlatformAnalysis(input, List.of(), Verdict.FAIL, Constraint.INPUT,
        Optional.empty(), List.copyOf(errors));
  }

  /**
   * Returns what each stage takes, in declaration order: a fleet with production its total at
   * peak with spares and deploy headroom (the fleet's GPUs needed when production was not
   * sized), a fleet without it the GPUs it needs, a training job its GPUs, an RL loop its
   * actors and its learners. A stage that was not sized takes 0 and says so: its budget may be
   * the very value at fault.
   */
  static List<StageTake> takes(List<StageAnalysis> stages) {
    List<String> inProduction = stages.stream()
        .filter(stage -> stage.kind() == StageKind.PRODUCTION)
        .map(StageAnalysis::name)
        .toList();
    List<StageTake> takes = new ArrayList<>();
    for (StageAnalysis stage : stages) {
      if (stage instanceof FleetAnalysis fleet && !inProduction.contains(fleet.name())) {
        takes.add(fleetTake(fleet, StageKind.FLEET, "needed at peak, no spares declared"));
      } else if (stage instanceof ProductionAnalysis production) {
        Optional<ProductionFigures> sized = production.figures();
        takes.add(sized.isEmpty()
            ? fleetTake(production.fleet(), StageKind.PRODUCTION,
                "needed at peak; production not sized")
            : new StageTake(production.name(), StageKind.PRODUCTION, "",
                production.fleet().input().gpu().gpu(), sized.get().totalGpus(), true,
                basis(sized.get())));
      } else if (stage instanceof TrainingAnalysis job) {
        boolean sized = job.figures().isPresent();
        takes.add(declared(job.name(), StageKind.TRAINING, "", job.input().gpu().gpu(),
            job.input().gpus(), sized));
      } else if (stage instanceof RlAnalysis loop) {
        boolean sized = loop.figures().isPresent();
        takes.add(declared(loop.name(), StageKind.RL, "actors",
            loop.input().actors().gpu().gpu(), loop.input().actors().gpus(), sized));
        takes.add(declared(loop.name(), StageKind.RL, "learners",
            loop.input().learners().gpu().gpu(), loop.input().learners().gpus(), sized));
      }
    }
    return List.copyOf(takes);
  }

  private static StageTake fleetTake(FleetAnalysis fleet, StageKind kind, String basis) {
    Optional<FleetFigures> sized = fleet.figures().filter(FleetFigures::feasible);
    return new StageTake(fleet.name(), kind, "", fleet.input().gpu().gpu(),
        sized.map(FleetFigures::gpusNeeded).orElse(0L), sized.isPresent(),
        sized.isPresent() ? basis : NOT_SIZED);
  }

  /** Returns the take of a stage that holds the GPUs it declares, 0 when it was not sized. */
  private static StageTake declared(
      String stage, StageKind kind, String part, Gpu gpu, long gpus, boolean sized) {
    return new StageTake(
        stage, kind, part, gpu, sized ? gpus : 0, sized, sized ? "declared" : NOT_SIZED);
  }

  private static String basis(ProductionFigures f) {
    return Units.count(f.peakReplicas()) + " peak + " + Units.count(f.spareReplicas())
        + " spare + " + Units.count(f.headroomReplicas()) + " deploy replicas"
        + (f.prefillGpus() > 0 ? " + prefill pool" : "");
  }
}
