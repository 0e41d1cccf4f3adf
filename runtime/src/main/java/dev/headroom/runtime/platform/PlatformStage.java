package dev.headroom.runtime.platform;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;

/**
 * A platform as the generated report class holds it: its figures, verdict and the constraint
 * that binds.
 *
 * @param name the design type's simple name
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the computed figures
 */
public record PlatformStage(
    String name, Verdict verdict, Constraint binding, PlatformFigures figures) {}
