package dev.headroom.annotations;

/**
 * The accelerators Headroom knows. Each constant's memory, bandwidth, FLOP/s and link figures,
 * with their sources, live in the runtime's GPU catalogue.
 */
public enum Gpu {
  /** NVIDIA A100 SXM, 40 GB HBM2. */
  A100_40GB,
  /** NVIDIA A100 SXM, 80 GB HBM2e. */
  A100_80GB,
  /** NVIDIA H100 SXM5, 80 GB HBM3. */
  H100_SXM,
  /** NVIDIA H100 PCIe, 80 GB HBM2e. */
  H100_PCIE,
  /** NVIDIA H200 SXM, 141 GB HBM3e. */
  H200,
  /** NVIDIA H20, 96 GB HBM3. */
  H20,
  /** NVIDIA B200, HBM3e. */
  B200,
  /** One Blackwell GPU of an NVIDIA GB200 superchip. */
  GB200,
  /** AMD Instinct MI300X, 192 GB HBM3. */
  MI300X,
  /** AMD Instinct MI325X, 256 GB HBM3e. */
  MI325X,
  /** NVIDIA L40S, 48 GB GDDR6, PCIe only. */
  L40S,
  /** NVIDIA L4, 24 GB GDDR6, PCIe only. */
  L4
}
