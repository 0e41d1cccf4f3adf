package dev.headroom.processor;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where in the source an annotation sits: the annotated element, the mirror as written on it,
 * and, for an annotation nested in another, the mirror of the nested annotation itself.
 *
 * @param element the annotated element
 * @param mirror the annotation as written on {@code element} (the outer one when nested)
 * @param members the mirror whose members a finding names (the nested one when nested), or
 *     empty when the annotation is not written at all and only defaults apply
 */
record Location(Element element, AnnotationMirror mirror, Optional<AnnotationMirror> members) {

  /** Returns the written value of {@code member}, when the source writes it. */
  Optional<AnnotationValue> value(String member) {
    return members.flatMap(nested -> Mirrors.explicit(nested, member));
  }
}
