package dev.headroom.runtime.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a property over seeded random cases, deterministically: case i draws its input from a
 * {@link Random} seeded from the property's base seed and i, so the same cases run every time.
 * A failure names the case, its seed and its input; {@code -Dproperties.case=i} reruns that case
 * alone, and {@code -Dproperties.cases=N} runs N cases instead of the default, for a deeper run.
 */
final class SeededCases {
  /**
   * Longer than any case takes by far: past it the engine is taken to hang. Each case runs on
   * one worker thread per property, with {@link Future#get(long, TimeUnit)} as the preemptive
   * bound: {@code assertTimeoutPreemptively} starts a thread per call, and a fresh thread per
   * case made the properties four times slower.
   */
  static final Duration LIMIT = Duration.ofSeconds(5);

  private SeededCases() {}

  /** Draws a case's input from its random source; {@code index} is the case's number. */
  @FunctionalInterface
  interface Draw<T> {
    T draw(Random random, int index);
  }

  /** Checks one case, failing by an assertion; returns whether the engine sized it. */
  @FunctionalInterface
  interface Check<T> {
    boolean check(T input) throws Exception;
  }

  /**
   * Runs {@code check} on {@code cases} inputs drawn by {@code draw} (or as many as {@code
   * -Dproperties.cases} says), each within {@link #LIMIT}, then asserts that at least {@code
   * minSizedPercent}% of them were sized, so the generators keep reaching the arithmetic.
   */
  static <T> void check(
      long baseSeed, int cases, int minSizedPercent, Draw<T> draw, Check<T> check) {
    Integer only = Integer.getInteger("properties.case");
    int first = only == null ? 0 : only;
    int count = only == null ? Integer.getInteger("properties.cases", cases) : 1;
    int sized = 0;
    ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "seeded-case");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (int index = first; index < first + count; index++) {
        long seed = seed(baseSeed, index);
        T input = draw.draw(new Random(seed), index);
        Future<Boolean> result = worker.submit(() -> check.check(input));
        try {
          sized += result.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS) ? 1 : 0;
        } catch (TimeoutException timeout) {
          result.cancel(true);
          throw failure(index, seed, input, "took more than " + LIMIT.toSeconds() + " s", null);
        } catch (ExecutionException thrown) {
          Throwable cause = thrown.getCause();
          throw failure(index, seed, input,
              cause instanceof AssertionError ? cause.getMessage() : cause.toString(), cause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw failure(index, seed, input, "interrupted", interrupted);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    if (only == null && count >= 100) {
      int share = sized;
      assertTrue(share * 100L >= (long) minSizedPercent * count, () -> "only " + share + " of "
          + count + " cases were sized, fewer than " + minSizedPercent + "%");
    }
  }

  /** Returns the failure of case {@code index}, with what it takes to replay it. */
  private static AssertionError failure(
      int index, long seed, Object input, String what, Throwable cause) {
    return new AssertionError("case " + index + " (seed " + seed + "; rerun it alone with"
        + " -Dproperties.case=" + index + ") failed: " + what + "\ninput: " + describe(input),
        cause);
  }

  /** Returns the seed of case {@code index}: SplitMix64 of the two, so seeds are unrelated. */
  static long seed(long baseSeed, int index) {
    long z = baseSeed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Asserts that every count and byte figure of {@code figures} is at least 0, with no
   * exemption: {@code kvRoomBytesPerGpu}, which {@link Sanity#SIGNED_COUNTS} still allows to be
   * negative, now stops at 0 too.
   */
  static void assertNoNegativeCount(String where, Map<String, ?> figures) {
    for (Map.Entry<String, ?> figure : figures.entrySet()) {
      if (figure.getValue() instanceof Long || figure.getValue() instanceof Integer) {
        assertTrue(((Number) figure.getValue()).longValue() >= 0,
            () -> where + "." + figure.getKey() + " = " + figure.getValue());
      }
    }
  }

  /**
   * Returns {@code input} as its records print it, each GPU as its catalogue key rather than its
   * datasheet, and with control characters escaped.
   */
  static String describe(Object input) {
    return printable(String.valueOf(input)
        .replaceAll("GpuSpec\\[gpu=(\\w+), [^\\]]*\\]", "GpuCatalog.spec($1)"));
  }

  /** Returns {@code text} with its control characters and surrogates as backslash-u escapes. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
