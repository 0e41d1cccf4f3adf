package dev.headroom.runtime.platform;

import dev.headroom.annotations.Gpu;
import dev.headroom.runtime.report.StageKind;

/**
 * What one stage, or one pool of an RL loop, takes of the platform's cluster at once.
 *
 * @param stage the stage's name
 * @param kind what kind of stage it is
 * @param part {@code actors} or {@code learners} for an RL loop's pools; empty otherwise
 * @param gpu the GPU it runs on
 * @param gpus the GPUs it holds, a count; 0 when the stage was not sized
 * @param sized whether the stage was sized; one that was not counts 0, since its budget may be
 *     the very value at fault
 * @param basis how the count was reached, e.g. {@code 144 peak + 2 spare + 37 deploy replicas}
 */
public record StageTake(
    String stage, StageKind kind, String part, Gpu gpu, long gpus, boolean sized, String basis) {

  /** Returns the take as messages and the doc name it, e.g. {@code PolicyRl actors}. */
  public String who() {
    return part.isEmpty() ? stage : stage + " " + part;
  }
}
