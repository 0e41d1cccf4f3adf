package dev.headroom.runtime.catalog;

import dev.headroom.annotations.Gpu;

/** Vendor datasheet figures and driver-reported memory for every accelerator Headroom knows. */
public final class GpuCatalog {
  /** The GPUs of a typical node (HGX, DGX, MI300X platforms), the reach of fast links. */
  public static final int GPUS_PER_NODE = 8;

  private static final long MIB = 1024L * 1024;

  private GpuCatalog() {}

  /** Returns the datasheet and reported-memory figures for the given GPU. */
  public static GpuSpec spec(Gpu gpu) {
    return switch (gpu) {
      case A100_40GB -> new GpuSpec(
          gpu,
          "NVIDIA A100 SXM4 40GB",
          40_000_000_000L,
          40_960L * MIB,
          1.555e12,
          // Datasheet: 312 TFLOP/s dense, 624 with sparsity.
          312e12,
          // Ampere has no FP8 tensor cores.
          0,
          // Third-generation NVLink.
          600e9,
          "NVIDIA A100 Tensor Core GPU datasheet (SXM 40GB column): "
              + "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/"
              + "nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf",
          "nvidia-smi 'NVIDIA A100-SXM4-40GB ... / 40960MiB' in "
              + "bottlerocket-os/bottlerocket-core-kit PR #834 "
              + "(https://github.com/bottlerocket-os/bottlerocket-core-kit/pull/834); "
              + "same total listed in modal-labs/modal-client PR #2797");
      case A100_80GB -> new GpuSpec(
          gpu,
          "NVIDIA A100 SXM4 80GB",
          80_000_000_000L,
          81_920L * MIB,
          2.039e12,
          // Datasheet: 312 TFLOP/s dense, 624 with sparsity.
          312e12,
          // Ampere has no FP8 tensor cores.
          0,
          // Third-generation NVLink.
          600e9,
          "NVIDIA A100 Tensor Core GPU datasheet (SXM 80GB column): "
              + "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/"
              + "nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf",
          "nvidia-smi total 'A100 80GB: 81920MiB' listed in modal-labs/modal-client PR #2797 "
              + "(https://github.com/modal-labs/modal-client/pull/2797)");
      case H100_SXM -> new GpuSpec(
          gpu,
          "NVIDIA H100 SXM5 80GB",
          80_000_000_000L,
          81_559L * MIB,
          3.35e12,
          // Datasheet quotes 1,979 TFLOP/s with sparsity; dense is half.
          989.4e12,
          // Datasheet quotes 3,958 TFLOP/s with sparsity; dense is half.
          1_978.9e12,
          // Fourth-generation NVLink.
          900e9,
          "NVIDIA H100 Tensor Core GPU datasheet (H100 SXM column): "
              + "https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet; "
              + "dense figures from the NVIDIA H100 Tensor Core GPU Architecture whitepaper",
          "nvidia-smi 'NVIDIA H100 80GB HBM3 ... / 81559MiB' in NVIDIA/nccl issue #1264 "
              + "(https://github.com/NVIDIA/nccl/issues/1264) and wilicc/gpu-burn issue #114");
      case H100_PCIE -> new GpuSpec(
          gpu,
          "NVIDIA H100 PCIe 80GB",
          80_000_000_000L,
          81_559L * MIB,
          2.0e12,
          // Datasheet quotes 1,513 TFLOP/s with sparsity; dense is half.
          756.5e12,
          // Datasheet quotes 3,026 TFLOP/s with sparsity; dense is half.
          1_513e12,
          // PCIe Gen5 x16, 128 GB/s. The optional NVLink bridge (600 GB/s) pairs only two cards.
          128e9,
          "NVIDIA H100 Tensor Core GPU datasheet (H100 PCIe column): "
              + "https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet",
          "nvidia-smi 'NVIDIA H100 PCIe ... 34743MiB / 81559MiB' (driver 535.129.03) in "
              + "triton-inference-server/tensorrtllm_backend docs/baichuan.md "
              + "(https://github.com/triton-inference-server/tensorrtllm_backend/blob/"
              + "171ed05830ff7e0a8057134f08802c7e3044b7b3/docs/baichuan.md); "
              + "the same 81559MiB total as the H100 SXM");
      case H200 -> new GpuSpec(
          gpu,
          "NVIDIA H200 SXM 141GB",
          141_000_000_000L,
          143_771L * MIB,
          4.8e12,
          // Datasheet quotes 1,979 TFLOP/s with sparsity; dense is half.
          989.4e12,
          // Datasheet quotes 3,958 TFLOP/s with sparsity; dense is half.
          1_978.9e12,
          // Fourth-generation NVLink.
          900e9,
          "NVIDIA H200 Tensor Core GPU datasheet (H200 SXM column): "
              + "https://www.nvidia.com/en-us/data-center/h200/",
          "nvidia-smi 'NVIDIA H200 ... / 143771MiB' in NVIDIA/TensorRT-LLM issue #9554 "
              + "(https://github.com/NVIDIA/TensorRT-LLM/issues/9554) "
              + "and sgl-project/sglang issue #3196");
      case H20 -> new GpuSpec(
          gpu,
          "NVIDIA H20 96GB",
          96_000_000_000L,
          97_871L * MIB,
          4.0e12,
          // Spec sheet quotes 148 TFLOP/s; dense, since a public GEMM run measures 142.
          148e12,
          296e12,
          // Fourth-generation NVLink.
          900e9,
          "NVIDIA H20 specification (96GB HBM3, 4.0TB/s, FP8 296, BF16 148 TFLOP/s, "
              + "NVLink 900GB/s) as published in NVIDIA partner spec sheets; NVIDIA hosts "
              + "no public datasheet (https://github.com/sunkx109/GPUs-Specs/issues/2)",
          "nvidia-smi 'NVIDIA H20 ... / 97871MiB' in NVIDIA/nvtrust issue #128 "
              + "(https://github.com/NVIDIA/nvtrust/issues/128)");
      case B200 -> new GpuSpec(
          gpu,
          "NVIDIA B200 SXM 180GB",
          180_000_000_000L,
          183_359L * MIB,
          // DGX B200: 64 TB/s over 8 GPUs. NVIDIA's HGX B200 page gives 7.7 TB/s per GPU.
          8.0e12,
          // HGX B200: 36 PFLOP/s over 8 GPUs with sparsity; dense is half.
          2.25e15,
          // DGX B200: 72 PFLOP/s over 8 GPUs with sparsity; dense is half.
          4.5e15,
          // Fifth-generation NVLink.
          1.8e12,
          "NVIDIA DGX B200 datasheet (per 8 GPUs: 1,440GB, 64TB/s, FP8 72 PFLOPS, "
              + "NVLink 14.4TB/s): "
              + "https://resources.nvidia.com/en-us-dgx-systems/dgx-b200-datasheet; "
              + "NVIDIA HGX B200 specifications: https://www.nvidia.com/en-us/data-center/hgx/",
          "nvidia-smi 'NVIDIA B200 ... / 183359MiB' in NVIDIA/TensorRT-LLM issue #10278 "
              + "(https://github.com/NVIDIA/TensorRT-LLM/issues/10278)");
      case GB200 -> new GpuSpec(
          gpu,
          "NVIDIA GB200 (one Blackwell GPU of GB200 NVL72) 186GB",
          // Rack: 13.4 TB HBM3e over 72 GPUs; the superchip column gives 372 GB for two GPUs.
          186_000_000_000L,
          189_471L * MIB,
          // Rack: 576 TB/s over 72 GPUs.
          8.0e12,
          // Rack: 360 PFLOP/s with sparsity over 72 GPUs; dense is half.
          2.5e15,
          // Rack: 720 PFLOP/s with sparsity over 72 GPUs; dense is half.
          5.0e15,
          // Rack: 130 TB/s NVLink over 72 GPUs.
          1.8e12,
          "NVIDIA GB200 NVL72 specifications (rack figures divided by 72): "
              + "https://www.nvidia.com/en-us/data-center/gb200-nvl72/",
          "nvidia-smi 'NVIDIA GB200 ... 0MiB / 189471MiB' on each of a GB200 node's four GPUs "
              + "(driver 580.126.09) in schmaustech/rhel4nv-demo README.md "
              + "(https://github.com/schmaustech/rhel4nv-demo/blob/"
              + "4953bcb3290a6d8f6ffb294573d301b50cffaf77/README.md); "
              + "the same total in SlinkyProject/slurm-operator docs/installation.md "
              + "(driver 590.48.01)");
      case MI300X -> new GpuSpec(
          gpu,
          "AMD Instinct MI300X 192GB",
          192_000_000_000L,
          // rocm-smi 'VRAM Total Memory (B): 206141652992'.
          196_592L * MIB,
          5.3e12,
          // Datasheet: 1,307.4 TFLOP/s dense, 2,614.9 with sparsity.
          1_307.4e12,
          // Datasheet: 2,614.9 TFLOP/s dense, 5,229.8 with sparsity.
          2_614.9e12,
          // Seven Infinity Fabric links at 128 GB/s each, one to each peer of an 8-GPU platform.
          896e9,
          "AMD Instinct MI300X Accelerator data sheet: "
              + "https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/data-sheets/"
              + "amd-instinct-mi300x-data-sheet.pdf",
          "rocm-smi 'VRAM Total Memory (B): 206141652992' on a bare-metal MI300X in "
              + "ROCm/legacy-rocm-build issue #4750 "
              + "(https://github.com/ROCm/legacy-rocm-build/issues/4750)");
      case MI325X -> new GpuSpec(
          gpu,
          "AMD Instinct MI325X 256GB",
          256_000_000_000L,
          // rocminfo 'Pool 1: GLOBAL; COARSE GRAINED 268419072 KB' = 262,128 MiB.
          262_128L * MIB,
          6.0e12,
          // Datasheet: 1,307.4 TFLOP/s dense, 2,614.9 with sparsity.
          1_307.4e12,
          // Datasheet: 2,614.9 TFLOP/s dense, 5,229.8 with sparsity.
          2_614.9e12,
          // Seven Infinity Fabric links at 128 GB/s each, one to each peer of an 8-GPU platform.
          896e9,
          "AMD Instinct MI325X Accelerator data sheet: "
              + "https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html",
          "rocminfo 'Marketing Name: AMD Instinct MI325X ... Pool 1: GLOBAL; COARSE GRAINED "
              + "268419072 KB' on a bare-metal 8x MI325X node in ROCm/legacy-rocm-build "
              + "issue #6023 (https://github.com/ROCm/legacy-rocm-build/issues/6023); "
              + "amd-smi 'AMD Instinct MI325X ... 283/262128 MB' (MiB) in AMD's ROCm JAX "
              + "install guide, ROCm/rocm-install-on-linux "
              + "docs/install/3rd-party/jax-install.rst (ROCm 7.0.1)");
      case L40S -> new GpuSpec(
          gpu,
          "NVIDIA L40S 48GB",
          48_000_000_000L,
          46_068L * MIB,
          864e9,
          // Datasheet quotes 362.05 dense | 733 with sparsity.
          362.05e12,
          // Datasheet quotes 733 dense | 1,466 with sparsity.
          733e12,
          // No NVLink: PCIe Gen4 x16, 64 GB/s bidirectional.
          64e9,
          "NVIDIA L40S GPU datasheet: https://www.nvidia.com/en-us/data-center/l40s/",
          "nvidia-smi total 'L40S: 46068MiB' listed in modal-labs/modal-client PR #2797 "
              + "(https://github.com/modal-labs/modal-client/pull/2797)");
      case L4 -> new GpuSpec(
          gpu,
          "NVIDIA L4 24GB",
          24_000_000_000L,
          23_034L * MIB,
          300e9,
          // Datasheet quotes 242 TFLOP/s with sparsity; dense is half.
          121e12,
          // Datasheet quotes 485 TFLOP/s with sparsity; dense is half.
          242.5e12,
          // No NVLink: PCIe Gen4 x16, 64 GB/s bidirectional.
          64e9,
          "NVIDIA L4 Tensor Core GPU datasheet: https://www.nvidia.com/en-us/data-center/l4/",
          "nvidia-smi total 'L4: 23034MiB' listed in modal-labs/modal-client PR #2797 "
              + "(https://github.com/modal-labs/modal-client/pull/2797)");
    };
  }
}
