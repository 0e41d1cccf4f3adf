package dev.headroom.runtime.report;

/**
 * Where a finding points: an annotation and, when one value is at fault, that member's name.
 *
 * @param anchor the annotation
 * @param member the attribute at fault, or the empty string for the annotation as a whole
 * @param index which of a repeatable annotation's occurrences, in the order written; 0 for any
 *     other annotation
 */
public record Subject(Anchor anchor, String member, int index) {
  /** Returns a subject pointing at one attribute of an annotation. */
  public static Subject of(Anchor anchor, String member) {
    return new Subject(anchor, member, 0);
  }

  /** Returns a subject pointing at a whole annotation. */
  public static Subject whole(Anchor anchor) {
    return new Subject(anchor, "", 0);
  }

  /** Returns this subject on occurrence {@code occurrence} of a repeatable annotation. */
  public Subject at(int occurrence) {
    return new Subject(anchor, member, occurrence);
  }
}
