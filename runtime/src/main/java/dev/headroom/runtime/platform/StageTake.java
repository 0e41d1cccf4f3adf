package dev.headroom.runtime.platform;

import dev.headroom.annotations.Gpu;
import dev.headroom.runtime.report.StageKind;

/**
 * What one stage takes of the platform's cluster at once.
 *
 * @param stage the stage's name
 * @param kind what kind of stage it is
 * @param gpu the GPU it runs on
 * @param gpus the GPUs it holds, a count
 * @param basis how that count was reached, e.g. {@code peak + 2 spare + 15 deploy replicas}
 */
public record StageTake(String stage, StageKind kind, Gpu gpu, long gpus, String basis) {}
