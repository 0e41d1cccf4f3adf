package dev.headroom.runtime.serving;

/**
 * The traffic a fleet carries, as {@code @Workload} declares it.
 *
 * @param requestsPerSecond arrival rate λ at peak, in requests per second, every model call of
 *     an agent task counted; for an offline job, the average rate that meets its deadline
 * @param promptTokens prompt tokens per request
 * @param outputTokens output tokens per request
 * @param callsPerTask model calls per agent task, run one after another; 1 for plain requests
 * @param offline whether this is a batch job with no latency target
 */
public record Traffic(
    double requestsPerSecond,
    int promptTokens,
    int outputTokens,
    int callsPerTask,
    boolean offline) {

  /** Returns interactive traffic in which every request is a task of its own. */
  public Traffic(double requestsPerSecond, int promptTokens, int outputTokens) {
    this(requestsPerSecond, promptTokens, outputTokens, 1, false);
  }

  /** Returns this traffic at another rate and lengths, with the same calls and mode. */
  public Traffic with(double newRequestsPerSecond, int newPromptTokens, int newOutputTokens) {
    return new Traffic(
        newRequestsPerSecond, newPromptTokens, newOutputTokens, callsPerTask, offline);
  }
}
