package dev.headroom.runtime.serving;

/**
 * The traffic a fleet carries, as {@code @Workload} declares it.
 *
 * @param requestsPerSecond arrival rate λ at peak, in requests per second
 * @param promptTokens prompt tokens per request
 * @param outputTokens output tokens per request
 */
public record Traffic(double requestsPerSecond, int promptTokens, int outputTokens) {}
