package dev.headroom.processor;

import dev.headroom.runtime.production.ProductionInput;
import dev.headroom.runtime.report.Anchor;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Production} as read from the source, before the platform's price is known.
 *
 * @param type the fleet type it is on
 * @param input the values read; its price is 0 when it takes the platform's
 * @param locations where {@code @Production} and the fleet's {@code @Fleet} are written
 */
record ProductionSource(
    TypeElement type,
    ProductionInput input,
    Map<Anchor, Location> locations) implements StageSource {}
