package dev.headroom.processor;

import dev.headroom.runtime.platform.PlatformInput;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * The {@code @Platform} of a design as read from the source.
 *
 * @param type the design type
 * @param input the values read
 * @param locations where {@code @Platform} is written
 * @param readErrors errors found while reading
 */
record PlatformSource(
    TypeElement type,
    PlatformInput input,
    Map<Anchor, Location> locations,
    List<Finding> readErrors) implements StageSource {}
