package dev.headroom.runtime.serving;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Verdict;
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
    Optional<EstimateCheck> estimateCheck) {

  /** Returns the typed stage the report class holds, when the fleet was sized. */
  public Optional<FleetStage> stage() {
    return figures.map(sized -> new FleetStage(input.name(), verdict, binding, sized));
  }
}
