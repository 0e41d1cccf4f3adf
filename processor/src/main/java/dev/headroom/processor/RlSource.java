package dev.headroom.processor;

import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.rl.RlInput;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @RlLoop} as read from the source: the engine's input, where each annotation sits,
 * and what went wrong while reading it.
 *
 * @param type the loop type
 * @param input the values read; when {@code readErrors} is not empty, only its name is reliable
 * @param locations where each annotation the loop uses is written
 * @param readErrors errors found while reading (a member that names no {@code @Model}, ...)
 */
record RlSource(
    TypeElement type,
    RlInput input,
    Map<Anchor, Location> locations,
    List<Finding> readErrors) implements StageSource {}
