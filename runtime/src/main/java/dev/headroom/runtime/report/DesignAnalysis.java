package dev.headroom.runtime.report;

import dev.headroom.runtime.serving.FleetAnalysis;
import java.util.List;
import java.util.Optional;

/**
 * Everything Headroom concluded about one design: its stages in declaration order.
 *
 * @param qualifiedName the design type's canonical name, e.g. {@code com.acme.ReasoningPlatform}
 * @param simpleName the design type's simple name
 * @param stages the fleets, training jobs and data planes, in declaration order
 */
public record DesignAnalysis(
    String qualifiedName, String simpleName, List<StageAnalysis> stages) {

  /** Returns FAIL when any stage fails, else PASS: a design passes or it does not. */
  public Verdict verdict() {
    return stages.stream().anyMatch(stage -> stage.verdict() == Verdict.FAIL)
        ? Verdict.FAIL
        : Verdict.PASS;
  }

  /**
   * Returns the stage whose binding constraint is the design's: the first failing stage when
   * the design fails; otherwise its outermost view, the platform, else the first fleet's
   * production, else the first stage. Empty for a design without stages.
   */
  public Optional<StageAnalysis> decidingStage() {
    Optional<StageAnalysis> failing =
        stages.stream().filter(stage -> stage.verdict() == Verdict.FAIL).findFirst();
    if (failing.isPresent()) {
      return failing;
    }
    for (StageKind outermost : List.of(StageKind.PLATFORM, StageKind.PRODUCTION)) {
      Optional<StageAnalysis> view =
          stages.stream().filter(stage -> stage.kind() == outermost).findFirst();
      if (view.isPresent()) {
        return view;
      }
    }
    return stages.stream().findFirst();
  }

  /** Returns the serving fleets among the stages, in declaration order. */
  public List<FleetAnalysis> fleets() {
    return stages(FleetAnalysis.class);
  }

  /** Returns the stages of one type, in declaration order. */
  public <T extends StageAnalysis> List<T> stages(Class<T> type) {
    return stages.stream().filter(type::isInstance).map(type::cast).toList();
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
    long warnings = stages.stream()
        .flatMap(stage -> stage.findings().stream())
        .filter(finding -> finding.severity() == Severity.WARNING)
        .count();
    if (verdict() == Verdict.PASS && warnings > 0) {
      line.append(" with ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    }
    for (StageAnalysis stage : stages) {
      line.append(". ").append(stage.name()).append(' ').append(stage.summary());
    }
    return line.append('.').toString();
  }
}
