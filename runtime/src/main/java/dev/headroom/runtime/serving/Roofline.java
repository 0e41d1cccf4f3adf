package dev.headroom.runtime.serving;

/**
 * Roofline estimates of decode and prefill time: a step takes as long as the slower of reading
 * its bytes from HBM and doing its FLOPs. Source: the jax-ml scaling book's inference chapter
 * (REFERENCES.md R-I1 and R-I2).
 */
public final class Roofline {
  private Roofline() {}

  /**
   * Returns the seconds of one decode step on one GPU: max(bytesRead / hbmBytesPerSecond, flops
   * / peakFlopsPerSecond), where bytesRead is the weights plus the KV cache of the batch on that
   * GPU and flops is 2 × parameters × batch / GPUs.
   */
  public static double stepSeconds(
      double bytesRead, double hbmBytesPerSecond, double flops, double peakFlopsPerSecond) {
    return Math.max(bytesRead / hbmBytesPerSecond, flops / peakFlopsPerSecond);
  }

  /**
   * Returns the seconds to read {@code totalBytes} spread evenly over {@code gpus} GPUs:
   * totalBytes / (gpus × hbmBytesPerSecond). R-I1: (26e9 + 6.7e9) / (8 × 8.2e11) = 4.985 ms.
   */
  public static double memorySeconds(double totalBytes, int gpus, double hbmBytesPerSecond) {
    return totalBytes / (gpus * hbmBytesPerSecond);
  }

  /**
   * Returns the seconds to prefill {@code promptTokens} tokens: 2 × parameters × promptTokens /
   * (gpus × peak × efficiency). R-I2: 2 × 70e9 × 8,192 / (16 × 1.97e14 × 0.4) = 0.910 s.
   */
  public static double prefillSeconds(
      long parameters,
      long promptTokens,
      int gpus,
      double peakFlopsPerSecond,
      double efficiency) {
    return 2.0 * parameters * promptTokens / (gpus * peakFlopsPerSecond * efficiency);
  }
}
