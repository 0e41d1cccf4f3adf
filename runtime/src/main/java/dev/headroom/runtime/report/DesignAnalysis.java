package dev.headroom.runtime.report;

import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.units.Units;
import java.util.List;

/**
 * Everything Headroom concluded about one design: its stages in declaration order.
 *
 * @param qualifiedName the design type's canonical name, e.g. {@code com.acme.ReasoningPlatform}
 * @param simpleName the design type's simple name
 * @param fleets the serving fleets, in declaration order
 */
public record DesignAnalysis(String qualifiedName, String simpleName, List<FleetAnalysis> fleets) {

  /** Returns FAIL when any stage fails, else PASS: a design passes or it does not. */
  public Verdict verdict() {
    return fleets.stream().anyMatch(fleet -> fleet.verdict() == Verdict.FAIL)
        ? Verdict.FAIL
        : Verdict.PASS;
  }

  /** Returns the design's package, or the empty string for the unnamed package. */
  public String packageName() {
    int dot = qualifiedName.lastIndexOf('.');
    return dot < 0 ? "" : qualifiedName.substring(0, dot);
  }

  /**
   * Returns the one-line summary printed as the design's NOTE, e.g. {@code ReasoningPlatform:
   * pass. Serving needs 576 of 1,024 GPUs (43.8% spare), bound by kv-capacity.}
   */
  public String summary() {
    StringBuilder line = new StringBuilder(simpleName).append(": ").append(verdict().jsonName());
    for (FleetAnalysis fleet : fleets) {
      line.append(". ").append(fleet.input().name()).append(' ').append(fleetSummary(fleet));
    }
    return line.append('.').toString();
  }

  private static String fleetSummary(FleetAnalysis fleet) {
    if (fleet.figures().isEmpty()) {
      long errors = fleet.findings().stream()
          .filter(finding -> finding.severity() == Severity.ERROR)
          .count();
      return "was not sized: " + errors + (errors == 1 ? " input error" : " input errors");
    }
    FleetFigures figures = fleet.figures().get();
    if (!figures.feasible()) {
      return "cannot hold a single request, bound by " + fleet.binding().id();
    }
    String gpus = Units.count(figures.gpusNeeded()) + " of "
        + Units.count(figures.gpusAvailable()) + " GPUs";
    String margin = FleetSizing.margin(figures);
    if (fleet.binding() == Constraint.TTFT) {
      return "misses its " + fleet.binding().id() + " SLO; sized anyway, it needs " + gpus
          + " (" + margin + ")";
    }
    return "needs " + gpus + " (" + margin + "), bound by " + fleet.binding().id();
  }
}
