package dev.headroom.processor;

import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.training.TrainingInput;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Training} as read from the source: the engine's input, where each annotation sits,
 * and what went wrong while reading it.
 *
 * @param type the training type
 * @param input the values read; when {@code readErrors} is not empty, only its name is reliable
 * @param locations where each annotation the job uses is written
 * @param readErrors errors found while reading (not a model, parallelism given twice, ...)
 */
record TrainingSource(
    TypeElement type,
    TrainingInput input,
    Map<Anchor, Location> locations,
    List<Finding> readErrors) implements StageSource {}
