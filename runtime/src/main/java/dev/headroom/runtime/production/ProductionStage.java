package dev.headroom.runtime.production;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;

/**
 * A fleet in production as the generated report class holds it: its figures, verdict and the
 * constraint that binds.
 *
 * @param name the fleet type's simple name
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the computed figures
 */
public record ProductionStage(
    String name, Verdict verdict, Constraint binding, ProductionFigures figures) {}
