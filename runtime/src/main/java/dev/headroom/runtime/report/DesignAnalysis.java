package dev.headroom.runtime.report;

import dev.headroom.runtime.serving.FleetAnalysis;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything Headroom concluded about one design: its stages in declaration order.
 *
 * @param qualifiedName the design type's canonical name, e.g. {@code com.acme.ReasoningPlatform}
 * @param simpleName the design type's simple name
 * @param stages the stages, in declaration order, the platform first
 * @param findings what is wrong with the design outside its stages: an annotation written
 *     where it has no meaning ({@code @Production} without {@code @Fleet}, {@code @Platform} on
 *     a nested type, an {@code @EvalGate} that gates no fleet)
 */
public record DesignAnalysis(
    String qualifiedName, String simpleName, List<StageAnalysis> stages, List<Finding> findings) {

  /** Returns the analysis of a design whose every finding belongs to one of its stages. */
  public DesignAnalysis(String qualifiedName, String simpleName, List<StageAnalysis> stages) {
    this(qualifiedName, simpleName, stages, List.of());
  }

  /**
   * Returns FAIL when any stage fails or the design itself has an error, else PASS: a design
   * passes or it does not.
   */
  public Verdict verdict() {
    boolean error = findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
    return error || stages.stream().anyMatch(stage -> stage.verdict() == Verdict.FAIL)
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

  /**
   * Returns the design's binding constraint: the deciding stage's, or {@code input} when the
   * design has no stage or fails only on an error outside its stages.
   */
  public Constraint binding() {
    Optional<StageAnalysis> deciding = decidingStage();
    boolean ownError = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    return deciding.filter(stage -> !ownError || stage.verdict() == Verdict.FAIL)
        .map(StageAnalysis::binding)
        .orElse(Constraint.INPUT);
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
    long warnings = Stream.concat(
            findings.stream(), stages.stream().flatMap(stage -> stage.findings().stream()))
        .filter(finding -> finding.severity() == Severity.WARNING)
        .count();
    if (verdict() == Verdict.PASS && warnings > 0) {
      line.append(" with ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    }
    for (StageAnalysis stage : stages) {
      line.append(". ").append(stage.name()).append(' ').append(stage.summary());
    }
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    if (errors > 0) {
      line.append(". The design has ").append(errors)
          .append(errors == 1 ? " error" : " errors").append(" outside its stages");
    }
    return line.append('.').toString();
  }
}
