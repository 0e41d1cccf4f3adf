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

  /**
   * Returns free text a user wrote (a model's name, a baseline's, an estimate's source) as
   * inert Markdown: one line, with the characters that would start HTML, a table cell, code,
   * emphasis or a heading escaped, and nothing at its start that opens a list, a quote or an
   * indented code block when it begins a line.
   */
  static String text(String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '\r', '\n' -> out.append(' ');
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\', '|', '`', '*', '_', '[', ']', '#' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    String text = out.toString().stripLeading();
    if (text.startsWith("-") || text.startsWith("+")) {
      return "\\" + text;
    }
    int digits = 0;
    while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
      digits++;
    }
    boolean ordered = digits > 0 && digits < text.length()
        && (text.charAt(digits) == '.' || text.charAt(digits) == ')');
    return ordered ? text.substring(0, digits) + "\\" + text.substring(digits) : text;
  }

  /**
   * Returns free text as the inside of a quoted Mermaid label: one line, with quotes and angle
   * brackets written as Mermaid's entity codes.
   */
  static String label(String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '\r', '\n' -> out.append(' ');
        case '"' -> out.append("#quot;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '#' -> out.append("#35;");
        case '`' -> out.append("#96;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  protected void line(String text) {
    out.append(text).append('\n');
  }

  protected void line() {
    out.append('\n');
  }
}
