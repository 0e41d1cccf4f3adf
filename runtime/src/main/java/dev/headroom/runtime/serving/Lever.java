package dev.headroom.runtime.serving;

/**
 * One change to a fleet and what the fleet needs after it.
 *
 * @param change the change, as attribute assignments, e.g. {@code weights = FP8, kvCache = FP8}
 * @param figures the fleet's figures with the change applied
 */
public record Lever(String change, FleetFigures figures) {
  /** Returns whether the change brings the GPUs needed within {@code gpusAvailable}. */
  public boolean closesGap() {
    return figures.replicas() > 0 && figures.gpusNeeded() <= figures.gpusAvailable();
  }
}
