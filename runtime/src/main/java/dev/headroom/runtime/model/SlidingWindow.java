package dev.headroom.runtime.model;

/**
 * The sliding-window attention of a model whose layers do not all attend to the whole context;
 * both zero when every layer does.
 *
 * @param tokens tokens a windowed layer attends to ({@code sliding_window})
 * @param layers layers that use the window, a count (those {@code layer_types} marks
 *     {@code sliding_attention})
 */
public record SlidingWindow(int tokens, int layers) {
  /** Every layer attends to the whole context. */
  public static final SlidingWindow NONE = new SlidingWindow(0, 0);

  /** Returns whether some layers attend to a window only. */
  public boolean present() {
    return tokens > 0 && layers > 0;
  }
}
