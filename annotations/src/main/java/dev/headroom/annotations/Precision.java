package dev.headroom.annotations;

/**
 * A numeric format for weights or KV cache, with its exact storage cost.
 *
 * <p>Block-scaled formats store a shared scale with every block of elements, so their cost is a
 * ratio: {@link #blockBits()} bits for every {@link #blockElements()} elements. The bytes of
 * {@code n} elements are {@code ceil(n * blockBits / (blockElements * 8))}.
 */
public enum Precision {
  /**
   * Not a format: "inherit". On {@code Fleet.weights} it means the model's own {@code dtype}; on
   * {@code Fleet.kvCache} it means the precision the weights are served in.
   */
  INHERIT(0, 0),
  /** IEEE 754 single precision: 32 bits per element. */
  FP32(32, 1),
  /** bfloat16: 16 bits per element. */
  BF16(16, 1),
  /** IEEE 754 half precision: 16 bits per element. */
  FP16(16, 1),
  /** 8-bit floating point (E4M3 or E5M2) with a per-tensor scale: 8 bits per element. */
  FP8(8, 1),
  /** 8-bit integer with a per-channel scale: 8 bits per element. */
  INT8(8, 1),
  /**
   * 4-bit integer with one fp16 scale per group of 128 elements, as GPTQ and AWQ store it:
   * 4 × 128 + 16 = 528 bits per 128 elements (4.125 bits each).
   */
  INT4(4 * 128 + 16, 128),
  /**
   * OCP MXFP4: 4-bit E2M1 elements with one 8-bit shared scale per block of 32:
   * 4 × 32 + 8 = 136 bits per 32 elements (4.25 bits each).
   */
  FP4(4 * 32 + 8, 32);

  private final int blockBits;
  private final int blockElements;

  Precision(int blockBits, int blockElements) {
    this.blockBits = blockBits;
    this.blockElements = blockElements;
  }

  /** Returns the bits one block occupies, scale included; 0 for {@link #INHERIT}. */
  public int blockBits() {
    return blockBits;
  }

  /** Returns the elements in one block; 0 for {@link #INHERIT}. */
  public int blockElements() {
    return blockElements;
  }

  /** Returns the average bits per element, scale overhead included; 0 for {@link #INHERIT}. */
  public double bitsPerElement() {
    return blockElements == 0 ? 0 : (double) blockBits / blockElements;
  }
}
