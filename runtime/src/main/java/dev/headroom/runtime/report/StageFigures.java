package dev.headroom.runtime.report;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every stage's figures have: each figure under its report name. Implemented by records,
 * whose components are the figures, in the order the JSON report and the typed report list them.
 */
public interface StageFigures {
  /**
   * Returns every figure by its report name, which is its record component's name, in
   * declaration order: the keys of the JSON report and the constructor order of the typed
   * report. Numbers are {@code Long} for counts and bytes, {@code Double} otherwise; a figure
   * that names something is text.
   */
  default Map<String, ?> byName() {
    Map<String, Object> named = new LinkedHashMap<>();
    for (RecordComponent component : getClass().getRecordComponents()) {
      try {
        named.put(component.getName(), component.getAccessor().invoke(this));
      } catch (ReflectiveOperationException unreachable) {
        // A record's public accessor of a public record never fails to be called.
        throw new IllegalStateException(unreachable);
      }
    }
    return Collections.unmodifiableMap(named);
  }

  /**
   * Throws when a numeric figure is NaN or infinite, which only inputs beyond any real system
   * produce; the stage reports it as an overflow.
   *
   * @param stage the stage's name, for the message
   */
  default void requireFinite(String stage) {
    boolean finite = byName().values().stream()
        .filter(Number.class::isInstance)
        .allMatch(value -> Double.isFinite(((Number) value).doubleValue()));
    if (!finite) {
      throw new ArithmeticException("a figure of " + stage + " is not finite");
    }
  }
}
