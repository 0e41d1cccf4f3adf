package dev.headroom.runtime.serving;

import java.util.Optional;

/**
 * One step from a baseline fleet towards the revised one.
 *
 * @param change what this step changed, e.g. {@code weights FP16 → FP8}; the first step names
 *     the baseline
 * @param figures the fleet after this step; empty when the step cannot be sized
 */
public record WalkStep(String change, Optional<FleetFigures> figures) {}
