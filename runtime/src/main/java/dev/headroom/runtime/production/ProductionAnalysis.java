package dev.headroom.runtime.production;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.StageKind;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.units.Units;
import java.util.List;
import java.util.Optional;

/**
 * Everything Headroom concluded about a fleet in production: what the report class, the doc and
 * the JSON are written from.
 *
 * @param input the {@code @Production} values as declared, the price resolved
 * @param fleet the serving fleet it runs, as sized at peak
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the computed figures; empty when the inputs or the fleet's are invalid
 * @param findings errors, warnings and notes, in the order they were found
 */
public record ProductionAnalysis(
    ProductionInput input,
    FleetAnalysis fleet,
    Verdict verdict,
    Constraint binding,
    Optional<ProductionFigures> figures,
    List<Finding> findings)
    implements StageAnalysis {

  @Override
  public StageKind kind() {
    return StageKind.PRODUCTION;
  }

  @Override
  public String summary() {
    if (figures.isEmpty()) {
      return "in production was not sized: " + (fleet.figures().isEmpty()
          ? "its fleet was not sized"
          : ProductionSizing.platformPriceValid(input)
              ? StageAnalysis.errorCount(findings)
              : "the platform's price is invalid");
    }
    ProductionFigures f = figures.get();
    return "in production holds " + Units.count(f.totalGpus()) + " of "
        + Units.count(f.gpusAvailable()) + " GPUs at peak with " + Units.count(f.spareReplicas())
        + (f.spareReplicas() == 1 ? " spare replica" : " spare replicas") + ", averages "
        + Units.count(Math.round(f.averageGpus())) + " GPUs autoscaled at "
        + Units.dollars(f.dollarsPerHour()) + "/h ("
        + Units.dollars(f.dollarsPerRequest()) + " per request), bound by "
        + binding.id();
  }

  @Override
  public String usage() {
    return figures.map(f -> Units.count(f.totalGpus()) + " / " + Units.count(f.gpusAvailable())
        + " GPUs").orElse("not sized");
  }

  @Override
  public String margin() {
    if (figures.isEmpty()) {
      return "n/a";
    }
    ProductionFigures f = figures.get();
    return binding == Constraint.COST
        ? Units.percent(ProductionSizing.costMargin(input, f)) + " under the cost guardrail"
        : Units.percent(f.headroomFraction()) + " spare";
  }
}
