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
 * Everything Headroom concluded about one training job: what the report class, the doc and the
 * JSON are written from.
 *
 * @param input the inputs as declared
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the sized figures; empty when the inputs or the layout are invalid
 * @param findings errors, warnings and notes, in the order they were found
 * @param levers single changes that would make the job fit memory or meet its step time, each
 *     with its effect; empty when nothing is broken
 */
public record TrainingAnalysis(
    TrainingInput input,
    Verdict verdict,
    Constraint binding,
    Optional<TrainingFigures> figures,
    List<Finding> findings,
    List<String> levers)
    implements StageAnalysis {

  @Override
  public StageKind kind() {
    return StageKind.TRAINING;
  }

  @Override
  public String summary() {
    if (figures.isEmpty()) {
      return "was not sized: " + StageAnalysis.errorCount(findings);
    }
    TrainingFigures f = figures.get();
    String step = Units.number(input.targetStepSeconds()) + " s steps at "
        + Units.percent(input.mfu()) + " MFU";
    if (!f.fitsMemory()) {
      return "does not fit in memory: " + Units.decimalBytes(f.memoryBytesPerGpu())
          + " per GPU against " + Units.decimalBytes(f.availableBytesPerGpu()) + " available";
    }
    return "needs " + Units.count(f.gpusNeeded()) + " of " + Units.count(f.gpusAvailable())
        + " GPUs for " + step + " (" + margin() + "), bound by " + binding.id();
  }

  @Override
  public String usage() {
    return figures
        .map(f -> Units.count(f.gpusNeeded()) + " / " + Units.count(f.gpusAvailable()) + " GPUs")
        .orElse("not sized");
  }

  @Override
  public String margin() {
    return figures
        .map(f -> binding == Constraint.TRAINING_MEMORY && f.fitsMemory()
            ? Units.percent(f.memoryHeadroomFraction()) + " of memory spare"
            : gpuMargin(f))
        .orElse("n/a");
  }

  /** Returns the GPUs a step needs against those declared, e.g. {@code 41.5% spare}. */
  static String gpuMargin(TrainingFigures f) {
    return f.gpusNeeded() > f.gpusAvailable()
        ? Units.fixed((double) f.gpusNeeded() / f.gpusAvailable(), 2) + "× the GPUs"
        : Units.percent(f.computeHeadroomFraction()) + " spare";
  }
}
