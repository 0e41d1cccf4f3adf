package dev.headroom.runtime.training;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;

/**
 * A sized data plane as the generated report class holds it: its figures, verdict and the
 * constraint that binds.
 *
 * @param name the simple name of the type carrying {@code @DataPlane}
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the computed figures
 */
public record DataPlaneStage(
    String name, Verdict verdict, Constraint binding, DataPlaneFigures figures) {}
