package dev.headroom.runtime.training;

import static dev.headroom.runtime.report.Anchor.DATA_PLANE;

import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.units.Exact;
import dev.headroom.runtime.units.Units;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sizes a training job's data plane: the bandwidth its input pipeline needs, the node failures
 * it should expect, and the checkpoint interval that minimizes the work they cost.
 */
public final class DataPlaneSizing {
  /** Checkpoints and rework costing more than this share of the run deserve a warning. */
  public static final double COSTLY_FAILURES = 0.10;

  private static final double SECONDS_PER_HOUR = 3_600;

  private DataPlaneSizing() {}

  /**
   * Returns the checkpoint interval that minimizes the expected lost time, √(2 × δ × M), for a
   * checkpoint that takes δ seconds to write and a job whose mean time between failures is M
   * seconds (Young 1974, "A first order approximation to the optimum checkpoint interval";
   * Daly 2006 shows it is accurate while δ is small against M).
   */
  public static double checkpointIntervalSeconds(double writeSeconds, double mtbfSeconds) {
    return Math.sqrt(2 * writeSeconds * mtbfSeconds);
  }

  /**
   * Returns the share of run time lost to checkpointing every {@code intervalSeconds} and to
   * redoing, after each failure, half an interval of work on average: δ / τ + τ / (2 × M), to
   * first order (Young 1974). At τ = √(2δM) the two terms are equal.
   */
  public static double lostFraction(
      double writeSeconds, double intervalSeconds, double mtbfSeconds) {
    return writeSeconds / intervalSeconds + intervalSeconds / (2 * mtbfSeconds);
  }

  /** Returns the figures of a data plane whose inputs passed validation. */
  public static DataPlaneFigures figures(
      DataPlaneInput input, TrainingInput training, TrainingFigures trained) {
    double tokensPerSecond = trained.tokensPerSecond();
    double bytesPerSecond = tokensPerSecond * input.bytesPerToken();
    long nodes = Exact.ceilDiv(training.gpus(), GpuCatalog.GPUS_PER_NODE);
    long tokensPerRank = Exact.times(trained.sequencesPerRank(), training.sequenceLength());
    long prefetch = Exact.ceil(Exact.decimal(input.bytesPerToken())
        .multiply(BigDecimal.valueOf(Exact.times(tokensPerRank, input.prefetchBatches()))));
    double failuresPerDay = 24 * nodes / input.nodeMtbfHours();
    double runSeconds = training.trainingTokens() > 0
        ? training.trainingTokens() / tokensPerSecond
        : 0;
    double failuresPerRun = runSeconds / SECONDS_PER_HOUR * nodes / input.nodeMtbfHours();
    long checkpointBytes = trained.stateBytes();
    double writeSeconds = checkpointBytes / (input.checkpointWriteGbPerSecond() * 1e9);
    double jobMtbfSeconds = input.nodeMtbfHours() * SECONDS_PER_HOUR / nodes;
    double interval = checkpointIntervalSeconds(writeSeconds, jobMtbfSeconds);
    return new DataPlaneFigures(
        tokensPerSecond, bytesPerSecond, nodes, bytesPerSecond / nodes,
        input.storageReadGbPerSecond() * 1e9, tokensPerRank, prefetch, failuresPerDay, runSeconds,
        failuresPerRun, checkpointBytes, writeSeconds, interval,
        lostFraction(writeSeconds, interval, jobMtbfSeconds));
  }

  /**
   * Returns the full analysis of a data plane feeding {@code training}: validation, figures,
   * the storage, resume and failure-cost checks, and the binding constraint.
   */
  public static DataPlaneAnalysis analyse(DataPlaneInput input, TrainingAnalysis training) {
    List<Finding> findings = new ArrayList<>(TrainingValidation.check(input));
    String trainingName = training.input().name();
    if (findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR)) {
      return new DataPlaneAnalysis(input, trainingName, Verdict.FAIL, Constraint.INPUT,
          Optional.empty(), List.copyOf(findings));
    }
    if (training.figures().isEmpty()) {
      return new DataPlaneAnalysis(input, trainingName, Verdict.FAIL, Constraint.INPUT,
          Optional.empty(), List.copyOf(findings));
    }
    try {
      DataPlaneFigures f = figures(input, training.input(), training.figures().get());
      f.requireFinite(input.name());
      Constraint binding = f.storageUtilization() >= f.lostFraction()
          ? Constraint.STORAGE_BANDWIDTH
          : Constraint.FAILURES;
      if (f.storageUtilization() > 1) {
        findings.add(Diagnostic.STORAGE_BANDWIDTH.at(
            Subject.of(DATA_PLANE, "storageReadGbPerSecond"), storageLine(input, f),
            "storage that sustains " + Units.rate(f.inputBytesPerSecond()) + " for this job"
                + ", or fewer bytes per token (pre-tokenized, packed token ids)"));
      }
      double expected = f.runSeconds() > 0 ? f.nodeFailuresPerRun() : f.nodeFailuresPerDay();
      if (!input.deterministicResume() && expected >= 1) {
        binding = Constraint.RESUME;
        findings.add(Diagnostic.RESUME.at(
            Subject.of(DATA_PLANE, "deterministicResume"), failuresLine(input, f)));
      } else if (!input.deterministicResume() && f.runSeconds() == 0) {
        findings.add(Diagnostic.RESUME_UNKNOWN.at(
            Subject.of(DATA_PLANE, "deterministicResume"), failuresLine(input, f)));
      }
      if (f.lostFraction() > COSTLY_FAILURES) {
        findings.add(Diagnostic.FAILURE_COST.at(Subject.of(DATA_PLANE,
            "checkpointWriteGbPerSecond"), failureCostLine(f), "faster checkpoint writes"
                + " (asynchronous or in-memory checkpoints), or nodes that fail less often"));
      }
      return new DataPlaneAnalysis(input, trainingName, Verdict.of(findings), binding,
          Optional.of(f), List.copyOf(findings));
    } catch (ArithmeticException overflow) {
      findings.add(Diagnostic.OVERFLOW.at(Subject.whole(DATA_PLANE), input.name()));
      return new DataPlaneAnalysis(input, trainingName, Verdict.FAIL, Constraint.INPUT,
          Optional.empty(), List.copyOf(findings));
    }
  }

  /**
   * Returns the analysis of a data plane whose annotation could not be read into a complete
   * input (it names no {@code @Training}): only its name and the errors are meaningful.
   */
  public static DataPlaneAnalysis unread(DataPlaneInput input, List<Finding> errors) {
    return new DataPlaneAnalysis(input, "(none)", Verdict.FAIL, Constraint.INPUT,
        Optional.empty(), List.copyOf(errors));
  }

  private static String storageLine(DataPlaneInput input, DataPlaneFigures f) {
    return Units.number(Math.round(f.tokensPerSecond())) + " tokens/s × "
        + Units.number(input.bytesPerToken()) + " bytes per token = "
        + Units.rate(f.inputBytesPerSecond()) + ", more than the "
        + Units.rate(f.storageBytesPerSecond()) + " storage reads";
  }

  private static String failuresLine(DataPlaneInput input, DataPlaneFigures f) {
    String line = Units.count(f.nodes()) + " nodes at a node MTBF of "
        + Units.number(input.nodeMtbfHours()) + " h expect " + Units.fixed(
            f.nodeFailuresPerDay(), 2) + " node failures a day";
    return f.runSeconds() > 0
        ? line + " and " + Units.fixed(f.nodeFailuresPerRun(), 1) + " over a run of "
            + Units.duration(f.runSeconds())
        : line;
  }

  private static String failureCostLine(DataPlaneFigures f) {
    return "a checkpoint of " + Units.decimalBytes(f.checkpointBytes()) + " takes "
        + Units.duration(f.checkpointWriteSeconds()) + " to write; even at the best interval ("
        + Units.duration(f.checkpointIntervalSeconds()) + ") checkpoints and rework cost "
        + Units.percent(f.lostFraction()) + " of the run, over "
        + Units.percent(COSTLY_FAILURES);
  }
}
