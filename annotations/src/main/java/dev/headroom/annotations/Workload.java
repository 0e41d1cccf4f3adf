package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The traffic a serving fleet must carry. Put it on the {@link Fleet} type or on a type that
 * encloses it (the design), where every fleet inside shares it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Workload {
  /** Arrival rate λ at peak, in requests per second. Required. */
  double requestsPerSecond();

  /** Prompt (input) tokens per request, on average. Required. */
  int promptTokens();

  /** Output (generated) tokens per request, on average, reasoning tokens included. Required. */
  int outputTokens();
}
