package dev.headroom.runtime.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import org.junit.jupiter.api.Test;

/** Checks the catalogue's driver-reported memory against the readings its sources print. */
class GpuCatalogTest {

  private static final long MIB = 1L << 20;

  @Test
  void h100PcieReportsTheNvidiaSmiTotal() {
    // nvidia-smi 'NVIDIA H100 PCIe ... 34743MiB / 81559MiB' (driver 535.129.03) in
    // https://github.com/triton-inference-server/tensorrtllm_backend/blob/
    // 171ed05830ff7e0a8057134f08802c7e3044b7b3/docs/baichuan.md
    // 81,559 × 2^20 = 85,520,809,984 bytes, the same as the H100 SXM.
    GpuSpec spec = GpuCatalog.spec(Gpu.H100_PCIE);
    assertEquals(85_520_809_984L, spec.reportedMemoryBytes());
    assertEquals(81_559L * MIB, spec.reportedMemoryBytes());
    assertEquals(GpuCatalog.spec(Gpu.H100_SXM).reportedMemoryBytes(), spec.reportedMemoryBytes());
    assertTrue(spec.reportedMemorySource().contains("81559MiB"));
  }

  @Test
  void gb200ReportsTheNvidiaSmiTotal() {
    // nvidia-smi 'NVIDIA GB200 ... 0MiB / 189471MiB' (driver 580.126.09) in
    // https://github.com/schmaustech/rhel4nv-demo/blob/
    // 4953bcb3290a6d8f6ffb294573d301b50cffaf77/README.md
    // 189,471 × 2^20 = 198,674,743,296 bytes against a nominal 186 GB.
    GpuSpec spec = GpuCatalog.spec(Gpu.GB200);
    assertEquals(198_674_743_296L, spec.reportedMemoryBytes());
    assertEquals(189_471L * MIB, spec.reportedMemoryBytes());
    assertEquals(186_000_000_000L, spec.nominalMemoryBytes());
    assertTrue(spec.reportedMemorySource().contains("189471MiB"));
  }

  @Test
  void mi325xReportsTheRocminfoPoolAndAmdSmiTotal() {
    // rocminfo 'Pool 1: GLOBAL; COARSE GRAINED 268419072 KB' on 8x MI325X in
    // https://github.com/ROCm/legacy-rocm-build/issues/6023; amd-smi '283/262128 MB' in
    // ROCm/rocm-install-on-linux docs/install/3rd-party/jax-install.rst (ROCm 7.0.1).
    // 268,419,072 × 2^10 = 262,128 × 2^20 = 274,861,129,728 bytes.
    GpuSpec spec = GpuCatalog.spec(Gpu.MI325X);
    assertEquals(274_861_129_728L, spec.reportedMemoryBytes());
    assertEquals(268_419_072L << 10, spec.reportedMemoryBytes());
    assertEquals(262_128L * MIB, spec.reportedMemoryBytes());
    assertTrue(spec.reportedMemorySource().contains("268419072 KB"));
  }

  @Test
  void everyEntryHasASourcedReportedFigure() {
    // Each GPU's reported bytes come from a device reading, not its label.
    for (Gpu gpu : Gpu.values()) {
      GpuSpec spec = GpuCatalog.spec(gpu);
      assertNotEquals(spec.nominalMemoryBytes(), spec.reportedMemoryBytes(), gpu.name());
      assertFalse(spec.reportedMemorySource().startsWith("not measured"), gpu.name());
      assertTrue(spec.reportedMemorySource().contains("https://"), gpu.name());
    }
  }
}
