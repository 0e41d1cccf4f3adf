package dev.headroom.runtime.units;

import dev.headroom.annotations.Precision;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact arithmetic on byte and token counts. Every method throws {@link ArithmeticException}
 * rather than wrap around; the engine turns that into a {@code headroom.overflow} finding.
 */
public final class Exact {
  private Exact() {}

  /** Returns {@code a × b}, or throws when the product does not fit a {@code long}. */
  public static long times(long a, long b) {
    return Math.multiplyExact(a, b);
  }

  /** Returns {@code a + b}, or throws when the sum does not fit a {@code long}. */
  public static long plus(long a, long b) {
    return Math.addExact(a, b);
  }

  /** Returns ⌈a / b⌉ for {@code a ≥ 0} and {@code b > 0}. */
  public static long ceilDiv(long a, long b) {
    if (a < 0 || b <= 0) {
      throw new ArithmeticException("ceilDiv(" + a + ", " + b + ")");
    }
    return a / b + (a % b == 0 ? 0 : 1);
  }

  /**
   * Returns ⌈a × b / c⌉ for non-negative a, b and positive c, exactly even where a × b alone
   * would overflow; throws when the result does not fit a {@code long}.
   */
  public static long ceilMulDiv(long a, long b, long c) {
    if (a < 0 || b < 0 || c <= 0) {
      throw new ArithmeticException("ceilMulDiv(" + a + ", " + b + ", " + c + ")");
    }
    BigInteger[] quotient =
        BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(
            BigInteger.valueOf(c));
    BigInteger ceiling = quotient[1].signum() == 0 ? quotient[0] : quotient[0].add(BigInteger.ONE);
    return ceiling.longValueExact();
  }

  /**
   * Returns the bytes that {@code elements} values occupy in {@code precision}, block scales
   * included: ⌈elements × blockBits / (blockElements × 8)⌉.
   */
  public static long bytes(long elements, Precision precision) {
    if (precision.blockElements() == 0) {
      throw new IllegalArgumentException(precision + " is not a storage format");
    }
    return ceilDiv(times(elements, precision.blockBits()), 8L * precision.blockElements());
  }

  /** Returns ⌈value⌉ of a non-negative decimal as a {@code long}; throws when it is larger. */
  public static long ceil(BigDecimal value) {
    return value.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** Returns the exact decimal of a finite {@code double} as written, e.g. 0.05 as 0.05. */
  public static BigDecimal decimal(double value) {
    return BigDecimal.valueOf(value);
  }
}
