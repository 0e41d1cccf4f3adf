package dev.headroom.processor;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Reads annotations through their mirrors, so no annotation class is ever loaded. */
final class Mirrors {
  private Mirrors() {}

  /** Returns the mirror of the annotation named {@code annotation} on {@code element}, if any. */
  static Optional<AnnotationMirror> find(Element element, Class<?> annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation.getCanonicalName())) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** Returns the value of {@code member}, the declared default when it is not written. */
  static AnnotationValue value(Elements elements, AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException("@" + mirror.getAnnotationType() + " has no " + member);
  }

  /**
   * Returns the value written in {@code outer}, at any depth, that holds the annotation {@code
   * nested}: {@code parallelism = @Parallelism(...)} in {@code @Fleet}, {@code learners =
   * @Pool(...)} in {@code @RlLoop}.
   */
  static Optional<AnnotationValue> holder(AnnotationMirror outer, AnnotationMirror nested) {
    for (AnnotationValue value : outer.getElementValues().values()) {
      if (value.getValue() == nested) {
        return Optional.of(value);
      }
      if (value.getValue() instanceof AnnotationMirror inner) {
        Optional<AnnotationValue> deeper = holder(inner, nested);
        if (deeper.isPresent()) {
          return deeper;
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the value of {@code member} only when the source writes it. */
  static Optional<AnnotationValue> explicit(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }
}
