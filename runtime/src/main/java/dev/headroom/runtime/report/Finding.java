package dev.headroom.runtime.report;

/**
 * One diagnostic about a design: what is wrong with the numbers, the rule, and the fix.
 *
 * @param diagnostic the catalogue entry, which fixes the id and severity
 * @param message the full text with the numbers substituted, without the id prefix
 * @param subject the annotation and member at fault
 */
public record Finding(Diagnostic diagnostic, String message, Subject subject) {

  /** Returns the stable id, e.g. {@code headroom.kv-capacity}. */
  public String id() {
    return diagnostic.id();
  }

  /** Returns the severity fixed by the catalogue. */
  public Severity severity() {
    return diagnostic.severity();
  }

  /** Returns the text as the compiler prints it: {@code [id] message}. */
  public String formatted() {
    return "[" + id() + "] " + message;
  }
}
