package dev.headroom.runtime.serving;

/**
 * The latency a fleet promises, as {@code @Slo} declares it.
 *
 * @param ttftMillis time to first token, in milliseconds
 * @param tpotMillis time per output token, in milliseconds
 */
public record LatencySlo(double ttftMillis, double tpotMillis) {}
