package dev.headroom.processor;

import dev.headroom.runtime.report.Anchor;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/** One stage of a design as read from the source, before the engine sizes it. */
sealed interface StageSource permits FleetSource, TrainingSource, DataPlaneSource, RlSource,
    ProductionSource, PlatformSource {
  /** Returns the type that declares the stage. */
  TypeElement type();

  /** Returns where each annotation the stage uses is written. */
  Map<Anchor, Location> locations();
}
