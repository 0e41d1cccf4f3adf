package dev.headroom.runtime.rl;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.StageKind;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.units.Units;
import java.util.List;
import java.util.Optional;

/**
 * Everything Headroom concluded about one RL loop: what the report class, the doc and the JSON
 * are written from.
 *
 * @param input the inputs as declared
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the sized figures; empty when the inputs are invalid or no actor replica holds
 *     a rollout
 * @param findings errors, warnings and notes, in the order they were found
 */
public record RlAnalysis(
    RlInput input,
    Verdict verdict,
    Constraint binding,
    Optional<RlFigures> figures,
    List<Finding> findings)
    implements StageAnalysis {

  @Override
  public StageKind kind() {
    return StageKind.RL;
  }

  @Override
  public String summary() {
    if (figures.isEmpty()) {
      return binding == Constraint.ACTOR_MEMORY
          ? "was not sized: " + binding.rule()
          : "was not sized: " + StageAnalysis.errorCount(findings);
    }
    RlFigures f = figures.get();
    String waiting = RlFigures.ROLLOUT.equals(f.bound())
        ? "learners idle " + Units.percent(f.learnerIdleFraction())
        : "actors idle " + Units.percent(f.actorIdleFraction());
    return "steps in " + Units.fixed(f.stepSeconds(), 1) + " s (rollout "
        + Units.fixed(f.rolloutSeconds(), 1) + " s, training " + Units.fixed(f.trainSeconds(), 1)
        + " s, broadcast " + Units.fixed(f.weightSyncSeconds(), 1) + " s), " + waiting
        + ", bound by " + binding.id();
  }

  @Override
  public String usage() {
    return Units.count(input.actors().gpus()) + " actor + " + Units.count(input.learners().gpus())
        + " learner GPUs";
  }

  @Override
  public String margin() {
    return figures
        .map(f -> RlFigures.ROLLOUT.equals(f.bound())
            ? "learners idle " + Units.percent(f.learnerIdleFraction())
            : "actors idle " + Units.percent(f.actorIdleFraction()))
        .orElse("n/a");
  }
}
