package dev.headroom.runtime.serving;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;

/**
 * A sized serving fleet as the generated report class holds it: its figures, verdict and the
 * constraint that binds.
 *
 * @param name the fleet type's simple name
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the computed figures
 */
public record FleetStage(String name, Verdict verdict, Constraint binding, FleetFigures figures) {}
