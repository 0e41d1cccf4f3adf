package dev.headroom.runtime.serving;

/**
 * The latency a fleet promises, as {@code @Slo} declares it.
 *
 * @param ttftMillis time to first token, in milliseconds
 * @param tpotMillis time per output token, in milliseconds
 * @param taskSeconds end-to-end target for one agent task of chained calls, in seconds; 0 for
 *     none
 */
public record LatencySlo(double ttftMillis, double tpotMillis, double taskSeconds) {
  /** The SLO an offline fleet carries: none at all, every target 0 and never checked. */
  public static final LatencySlo NONE = new LatencySlo(0, 0, 0);

  /** Returns an SLO with no task target. */
  public LatencySlo(double ttftMillis, double tpotMillis) {
    this(ttftMillis, tpotMillis, 0);
  }

  /** Returns whether a task target is declared. */
  public boolean hasTaskTarget() {
    return taskSeconds > 0;
  }
}
