package dev.headroom.runtime.report;

/**
 * Where a finding points: an annotation and, when one value is at fault, that member's name.
 *
 * @param anchor the annotation
 * @param member the attribute at fault, or the empty string for the annotation as a whole
 */
public record Subject(Anchor anchor, String member) {
  /** Returns a subject pointing at one attribute of an annotation. */
  public static Subject of(Anchor anchor, String member) {
    return new Subject(anchor, member);
  }

  /** Returns a subject pointing at a whole annotation. */
  public static Subject whole(Anchor anchor) {
    return new Subject(anchor, "");
  }
}
