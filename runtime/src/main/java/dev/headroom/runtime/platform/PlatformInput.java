package dev.headroom.runtime.platform;

import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.report.StageInput;

/**
 * The cluster a design's stages share: the raw values of its {@code @Platform}.
 *
 * @param name the design type's simple name
 * @param gpu the catalogue entry of the cluster's GPU
 * @param gpus GPUs in the cluster, a count
 * @param dollarsPerGpuHour what one GPU costs, in dollars per GPU-hour
 */
public record PlatformInput(String name, GpuSpec gpu, int gpus, double dollarsPerGpuHour)
    implements StageInput {}
