package dev.headroom.runtime.training;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.StageKind;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.units.Units;
import java.util.List;
import java.util.Optional;

/**
 * Everything Headroom concluded about one data plane: what the report class, the doc and the
 * JSON are written from.
 *
 * @param input the inputs as declared
 * @param training the name of the training job it feeds
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the sized figures; empty when its inputs are invalid or its training job was
 *     not sized
 * @param findings errors, warnings and notes, in the order they were found
 */
public record DataPlaneAnalysis(
    DataPlaneInput input,
    String training,
    Verdict verdict,
    Constraint binding,
    Optional<DataPlaneFigures> figures,
    List<Finding> findings)
    implements StageAnalysis {

  @Override
  public StageKind kind() {
    return StageKind.DATA_PLANE;
  }

  @Override
  public String summary() {
    if (figures.isEmpty()) {
      return findings.isEmpty()
          ? "data plane was not sized: its training job " + training + " was not sized"
          : "data plane was not sized: " + StageAnalysis.errorCount(findings);
    }
    DataPlaneFigures f = figures.get();
    return "data plane streams " + Units.rate(f.inputBytesPerSecond()) + " of "
        + Units.rate(f.storageBytesPerSecond()) + " and checkpoints every "
        + Units.duration(f.checkpointIntervalSeconds()) + ", losing "
        + Units.percent(f.lostFraction()) + " of the run to failures, bound by " + binding.id();
  }

  @Override
  public String usage() {
    return figures
        .map(f -> Units.rate(f.inputBytesPerSecond()) + " / " + Units.rate(
            f.storageBytesPerSecond()))
        .orElse("not sized");
  }

  @Override
  public String margin() {
    return figures
        .map(f -> binding == Constraint.FAILURES
            ? Units.percent(f.lostFraction()) + " of the run lost"
            : f.storageUtilization() > 1
                ? Units.fixed(f.storageUtilization(), 2) + "× the storage bandwidth"
                : Units.percent(1 - f.storageUtilization()) + " of storage spare")
        .orElse("n/a");
  }
}
