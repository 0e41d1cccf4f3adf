package dev.headroom.runtime.report;

/** What a stage of a design is, as the JSON report's {@code kind} names it. */
public enum StageKind {
  /** A serving fleet ({@code @Fleet}). */
  FLEET("fleet", "serving fleet"),
  /** A training job ({@code @Training}). */
  TRAINING("training", "training job"),
  /** The data plane of a training job ({@code @DataPlane}). */
  DATA_PLANE("dataplane", "data plane"),
  /** An RL post-training loop ({@code @RlLoop}). */
  RL("rl", "RL loop"),
  /** A serving fleet in production ({@code @Production}): peak, spares, deploys and cost. */
  PRODUCTION("production", "production"),
  /** The whole platform on its cluster ({@code @Platform}). */
  PLATFORM("platform", "platform");

  private final String id;
  private final String title;

  StageKind(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** Returns the stable id written as the JSON report's {@code kind}, e.g. {@code fleet}. */
  public String id() {
    return id;
  }

  /** Returns the kind in words, for headings, e.g. {@code serving fleet}. */
  public String title() {
    return title;
  }
}
