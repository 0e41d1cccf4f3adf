package dev.headroom.processor;

import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic.Kind;

/**
 * Prints findings on the annotation member at fault, so javac and the IDE point at that value;
 * a finding that two fleets share (a bad {@code @Model} both use) is printed once.
 */
final class FindingPrinter {
  private final Messager messager;
  private final Set<String> printed = new HashSet<>();

  FindingPrinter(Messager messager) {
    this.messager = messager;
  }

  /**
   * Prints {@code finding} at the location its subject names among {@code locations}, or on the
   * stage's own annotation {@code own} when its subject was not read.
   */
  void print(Finding finding, Map<Anchor, Location> locations, Anchor own) {
    Subject subject = finding.subject();
    Location location = locations.getOrDefault(subject.anchor(), locations.get(own));
    Optional<AnnotationValue> value = subject.member().isEmpty()
        ? Optional.empty()
        : location.value(subject.member());
    if (value.isEmpty() && location.members().isPresent()
        && location.members().get() != location.mirror()) {
      value = Mirrors.holder(location.mirror(), location.members().get());
    }
    String key = finding.formatted() + '@' + location.element() + '#' + subject.member();
    if (!printed.add(key)) {
      return;
    }
    String message = finding.formatted();
    Optional<AnnotationValue> preset = location.value("preset");
    if (value.isEmpty() && !subject.member().isEmpty() && preset.isPresent()
        && preset.get().getValue() instanceof VariableElement known) {
      // The value at fault is not written: it comes from the preset, so the message is on the
      // annotation and says where the value came from.
      message = message + " (" + subject.member() + " is the value of preset = "
          + known.getSimpleName() + "; write it to override it.)";
    }
    Kind kind = switch (finding.severity()) {
      case ERROR -> Kind.ERROR;
      case WARNING -> Kind.WARNING;
      case NOTE -> Kind.NOTE;
    };
    if (value.isPresent()) {
      messager.printMessage(
          kind, message, location.element(), location.mirror(), value.get());
    } else {
      messager.printMessage(kind, message, location.element(), location.mirror());
    }
  }
}
