package dev.headroom.runtime.serving;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.StageKind;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.units.Units;
import java.util.List;
import java.util.Optional;

/**
 * Everything Headroom concluded about one serving fleet: what the report class, the doc and the
 * JSON are written from.
 *
 * @param input the inputs as declared
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the sized figures; empty when the inputs are invalid
 * @param nominalFigures the same arithmetic on the GPU's nominal memory, as hand arithmetic
 *     does it; empty when the inputs are invalid
 * @param findings errors, warnings and notes, in the order they were found
 * @param levers single changes and their effect, when the budget is broken or thin
 * @param walk the steps from a declared baseline to this fleet; empty without a baseline
 * @param estimateCheck a declared hand estimate beside the exact figures, if one was declared
 * @param plan the ladder and smallest fitting set (empty when the fleet fits) and the break-even
 *     figures; empty when the fleet was not sized
 * @param gates the evaluation gates a deploy of the fleet must pass, in the order written
 */
public record FleetAnalysis(
    FleetInput input,
    Verdict verdict,
    Constraint binding,
    Optional<FleetFigures> figures,
    Optional<FleetFigures> nominalFigures,
    List<Finding> findings,
    List<Lever> levers,
    List<WalkStep> walk,
    Optional<EstimateCheck> estimateCheck,
    Optional<Ladder.Plan> plan,
    List<EvalGate> gates)
    implements StageAnalysis {

  @Override
  public StageKind kind() {
    return StageKind.FLEET;
  }

  @Override
  public String summary() {
    if (figures.isEmpty()) {
      return "was not sized: " + StageAnalysis.errorCount(findings);
    }
    FleetFigures sized = figures.get();
    if (!sized.feasible()) {
      return "cannot hold a single request, bound by " + binding.id();
    }
    String gpus = Units.count(sized.gpusNeeded()) + " of "
        + Units.count(sized.gpusAvailable()) + " GPUs";
    String margin = FleetSizing.margin(sized);
    boolean broken = FleetSizing.bindingMargin(binding, input, sized) < 0;
    boolean slo = binding == Constraint.TTFT || binding == Constraint.TASK_LATENCY;
    if (slo && broken) {
      return "misses its " + binding.id() + " SLO; sized anyway, it needs " + gpus + " ("
          + margin + ")";
    }
    return "needs " + gpus + " (" + margin + "), bound by " + binding.id()
        + (hasOwnMargin() && !broken ? " (" + margin() + ")" : "");
  }

  /**
   * Returns whether the binding constraint has a margin of its own (ttft, prefill,
   * task-latency) rather than the GPU budget's.
   */
  private boolean hasOwnMargin() {
    return binding == Constraint.TTFT || binding == Constraint.PREFILL
        || binding == Constraint.TASK_LATENCY;
  }

  @Override
  public String usage() {
    return figures
        .map(f -> (f.feasible() ? Units.count(f.gpusNeeded()) : "infeasible") + " / "
            + Units.count(f.gpusAvailable()) + " GPUs")
        .orElse("not sized");
  }

  @Override
  public String margin() {
    return figures.filter(FleetFigures::feasible).map(sized -> {
      double margin = FleetSizing.bindingMargin(binding, input, sized);
      // A broken limit keeps the GPU budget's margin, as every failing fleet does.
      return hasOwnMargin() && margin >= 0
          ? Units.percent(margin) + switch (binding) {
            case TTFT -> " of the TTFT SLO spare";
            case PREFILL -> " of the prefill pool spare";
            default -> " of the task target spare";
          }
          : FleetSizing.margin(sized);
    }).orElse("n/a");
  }

  /** Returns the typed stage the report class holds, when the fleet was sized. */
  public Optional<FleetStage> stage() {
    return figures.map(sized -> new FleetStage(input.name(), verdict, binding, sized));
  }
}
