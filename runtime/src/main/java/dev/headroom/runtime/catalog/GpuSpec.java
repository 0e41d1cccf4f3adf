package dev.headroom.runtime.catalog;

import dev.headroom.annotations.Gpu;

/**
 * One accelerator's datasheet figures, each as the vendor quotes it, with sources.
 *
 * @param gpu the catalogue key
 * @param name the vendor's product name
 * @param nominalMemoryBytes the memory the vendor advertises, in bytes (80 GB is 80 × 10^9)
 * @param reportedMemoryBytes the memory the driver reports to software, in bytes; the engine
 *     sizes against this figure
 * @param hbmBytesPerSecond memory bandwidth, in bytes per second
 * @param denseBf16FlopsPerSecond dense (not sparse) BF16 tensor throughput, in FLOP/s
 * @param denseFp8FlopsPerSecond dense FP8 tensor throughput, in FLOP/s; 0 when the GPU has no FP8
 * @param scaleUpBytesPerSecond the per-GPU scale-up link bandwidth the vendor quotes (NVLink,
 *     Infinity Fabric, or PCIe where there is neither), in bytes per second
 * @param datasheetSource where the memory, bandwidth, FLOP/s and link figures come from
 * @param reportedMemorySource where the reported memory figure comes from
 */
public record GpuSpec(
    Gpu gpu,
    String name,
    long nominalMemoryBytes,
    long reportedMemoryBytes,
    double hbmBytesPerSecond,
    double denseBf16FlopsPerSecond,
    double denseFp8FlopsPerSecond,
    double scaleUpBytesPerSecond,
    String datasheetSource,
    String reportedMemorySource) {

  /** Returns whether the GPU has FP8 tensor cores. */
  public boolean hasFp8() {
    return denseFp8FlopsPerSecond > 0;
  }

  /**
   * Returns this entry with its reported memory replaced by the nominal one: the basis of hand
   * arithmetic such as "an 80 GB GPU", used to compare with rounded estimates.
   */
  public GpuSpec atNominalMemory() {
    return new GpuSpec(
        gpu,
        name,
        nominalMemoryBytes,
        nominalMemoryBytes,
        hbmBytesPerSecond,
        denseBf16FlopsPerSecond,
        denseFp8FlopsPerSecond,
        scaleUpBytesPerSecond,
        datasheetSource,
        "nominal capacity, as hand arithmetic uses it");
  }
}
