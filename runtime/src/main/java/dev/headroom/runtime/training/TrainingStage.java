package dev.headroom.runtime.training;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;

/**
 * A sized training job as the generated report class holds it: its figures, verdict and the
 * constraint that binds.
 *
 * @param name the training type's simple name
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the computed figures
 */
public record TrainingStage(
    String name, Verdict verdict, Constraint binding, TrainingFigures figures) {}
