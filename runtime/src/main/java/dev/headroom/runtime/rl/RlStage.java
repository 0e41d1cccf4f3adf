package dev.headroom.runtime.rl;

import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Verdict;

/**
 * A sized RL loop as the generated report class holds it: its figures, verdict and the
 * constraint that binds.
 *
 * @param name the loop type's simple name
 * @param verdict pass, warn or fail
 * @param binding the constraint that decides the outcome
 * @param figures the computed figures
 */
public record RlStage(String name, Verdict verdict, Constraint binding, RlFigures figures) {}
