package dev.headroom.runtime.platform;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.StageKind;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.units.Units;
import java.util.List;
import java.util.Optional;

/**
 * Everything Headroom concluded about a whole platform: what each stage takes of the cluster,
 * whether they fit, and what the cluster costs.
 *
 * @param input the {@code @Platform} values as declared
 * @param takes what each stage takes, in declaration order
 * @param verdict pass, warn or fail
 * @param binding {@code cluster}, or {@code input} when the platform's inputs are invalid
 * @param figures the computed figures; empty when the inputs are invalid
 * @param findings errors, warnings and notes, in the order they were found
 */
public record PlatformAnalysis(
    PlatformInput input,
    List<StageTake> takes,
    Verdict verdict,
    Constraint binding,
    Optional<PlatformFigures> figures,
    List<Finding> findings)
    implements StageAnalysis {

  @Override
  public StageKind kind() {
    return StageKind.PLATFORM;
  }

  @Override
  public String summary() {
    return figures
        .map(f -> "takes " + Units.count(f.gpusUsed()) + " of " + Units.count(f.clusterGpus())
            + " " + input.gpu().name() + " GPUs (" + usageMargin() + "), "
            + Units.dollars(f.dollarsPerMonth()) + " a month, bound by " + binding.id())
        .orElse("was not sized: " + StageAnalysis.errorCount(findings));
  }

  @Override
  public String usage() {
    return figures.map(f -> Units.count(f.gpusUsed()) + " / " + Units.count(f.clusterGpus())
        + " GPUs").orElse("not sized");
  }

  @Override
  public String margin() {
    return figures.isEmpty() ? "n/a" : usageMargin();
  }

  private String usageMargin() {
    PlatformFigures f = figures.orElseThrow();
    return Units.margin(f.gpusUsed(), f.clusterGpus());
  }
}
