package dev.headroom.runtime.report;

import java.util.List;

/** What every part of a design doc writes with: lines, blank lines and a list of findings. */
abstract class MarkdownSection {
  /** The doc being written, shared by the sections of one design. */
  protected final StringBuilder out;

  MarkdownSection(StringBuilder out) {
    this.out = out;
  }

  /** Writes each finding as a list item: severity, id, message. */
  protected void findings(List<Finding> findings) {
    for (Finding finding : findings) {
      line("- " + finding.severity().jsonName() + " `" + finding.id() + "`: "
          + finding.message());
    }
    line();
  }

  protected void line(String text) {
    out.append(text).append('\n');
  }

  protected void line() {
    out.append('\n');
  }
}
