package dev.headroom.runtime.report;

/** What every stage's inputs have: the name the design gives the stage. */
public interface StageInput {
  /** Returns the stage's name: the simple name of the type that declares it. */
  String name();
}
