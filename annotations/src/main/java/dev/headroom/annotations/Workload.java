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
  /**
   * Arrival rate λ at peak, in requests per second, every model call counted (an agent task of
   * {@link #callsPerTask()} calls brings that many requests). For an {@link #offline()} batch job:
   * the average rate that finishes the job by its deadline, requests in the job / seconds until
   * the deadline (10 million requests in 24 hours is 115.7 /s). Required.
   */
  double requestsPerSecond();

  /** Prompt (input) tokens per request, on average. Required. */
  int promptTokens();

  /** Output (generated) tokens per request, on average, reasoning tokens included. Required. */
  int outputTokens();

  /**
   * Model calls per agent task, a count: each call is one request, counted in {@link
   * #requestsPerSecond()}, and the calls of one task run one after another, each waiting for the
   * previous one's output. The task's latency is checked against {@link Slo#taskSeconds()}.
   * Default 1: every request is a task of its own.
   */
  int callsPerTask() default 1;

  /**
   * Whether this is an offline batch job with no latency target: no {@link Slo} may apply to
   * the fleet (on its type or an enclosing one), each replica decodes as many requests as its
   * KV cache holds, and a request lasts its achieved prefill plus its output tokens at the
   * decode step of that batch. Default false: interactive serving within an {@link Slo}.
   */
  boolean offline() default false;
}
