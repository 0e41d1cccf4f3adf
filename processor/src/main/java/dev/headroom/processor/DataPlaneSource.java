package dev.headroom.processor;

import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.training.DataPlaneInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @DataPlane} as read from the source: the engine's input, the training type it
 * feeds, where its annotation sits, and what went wrong while reading it.
 *
 * @param type the type carrying {@code @DataPlane}
 * @param input the values read
 * @param training the {@code @Training} type it feeds; empty when it names none
 * @param locations where the annotation is written
 * @param readErrors errors found while reading (its training is not a {@code @Training}, ...)
 */
record DataPlaneSource(
    TypeElement type,
    DataPlaneInput input,
    Optional<TypeElement> training,
    Map<Anchor, Location> locations,
    List<Finding> readErrors) implements StageSource {}
