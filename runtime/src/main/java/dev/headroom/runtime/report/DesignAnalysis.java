package dev.headroom.runtime.report;

import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetFigures;
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
      line.append(". ").append(fleet.input().name()).append(' ');
      if (fleet.figures().isEmpty()) {
        long errors = fleet.findings().stream()
            .filter(finding -> finding.severity() == Severity.ERROR)
            .count();
        line.append("was not sized: ").append(errors).append(errors == 1 ? " input error" : " input errors");
        continue;
      }
      FleetFigures figures = fleet.figures().get();
      if (figures.replicas() == 0) {
        line.append("cannot hold a request, bound by ").append(fleet.binding().id());
        continue;
      }
      line.append("needs ").append(Units.count(figures.gpusNeeded())).append(" of ")
          .append(Units.count(figures.gpusAvailable())).append(" GPUs (");
      if (figures.gpusNeeded() > figures.gpusAvailable()) {
        double ratio = (double) figures.gpusNeeded() / figures.gpusAvailable();
        line.append(Units.fixed(ratio, 2)).append("× over budget");
      } else {
        line.append(Units.percent(figures.headroomFraction())).append(" spare");
      }
      line.append("), bound by ").append(fleet.binding().id());
    }
    return line.append('.').toString();
  }
}
