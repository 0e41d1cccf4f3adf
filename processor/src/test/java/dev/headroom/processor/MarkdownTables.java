package dev.headroom.processor;

import static com.google.common.truth.Truth.assertWithMessage;

/** Checks the tables of a generated doc: every row has as many cells as its header. */
final class MarkdownTables {
  private MarkdownTables() {}

  /** Asserts that every row of every table in {@code markdown} has its header's cells. */
  static void assertWhole(String what, String markdown) {
    int cells = -1;
    for (String line : markdown.split("\n", -1)) {
      if (!line.startsWith("|")) {
        cells = -1;
      } else if (cells < 0) {
        cells = cells(line);
      } else {
        assertWithMessage("%s: a table row with other cells than its header: %s", what, line)
            .that(cells(line)).isEqualTo(cells);
      }
    }
  }

  /** Returns the cells of a table row: its pipes not escaped with a backslash, less one. */
  static int cells(String row) {
    int pipes = 0;
    for (int i = 0; i < row.length(); i++) {
      if (row.charAt(i) == '\\') {
        i++;
      } else if (row.charAt(i) == '|') {
        pipes++;
      }
    }
    return pipes - 1;
  }
}
