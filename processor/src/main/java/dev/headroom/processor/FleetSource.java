package dev.headroom.processor;

import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.serving.BaselineChanges;
import dev.headroom.runtime.serving.EvalGate;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.HandEstimate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Fleet} as read from the source: the engine's input, where each annotation sits,
 * and what went wrong while reading it.
 *
 * @param type the fleet type
 * @param input the values read; when {@code readErrors} is not empty, only its name is reliable
 * @param locations where each annotation the fleet uses is written
 * @param readErrors errors found while reading (not a model, missing workload, ...)
 * @param baseline the {@code @Baseline}, if any
 * @param estimate the {@code @Estimate}, if any
 * @param gates the {@code @EvalGate}s on the fleet type or the nearest type enclosing it
 */
record FleetSource(
    TypeElement type,
    FleetInput input,
    Map<Anchor, Location> locations,
    List<Finding> readErrors,
    Optional<BaselineChanges> baseline,
    Optional<HandEstimate> estimate,
    List<EvalGate> gates) implements StageSource {}
