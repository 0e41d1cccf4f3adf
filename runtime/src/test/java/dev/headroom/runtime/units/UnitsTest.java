package dev.headroom.runtime.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.annotations.Precision;
import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks that {@link Units} formats the same on every machine and {@link Exact} never wraps. */
class UnitsTest {

  private Locale saved;

  @BeforeEach
  void rememberLocale() {
    saved = Locale.getDefault();
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(saved);
  }

  @Test
  void formattingIgnoresAGermanDefaultLocale() {
    // German conventions would print 100.500 and 0,05; Units must print 100,500 and 0.05.
    Locale.setDefault(Locale.GERMANY);
    assertEquals("100,500", Units.count(100_500));
    assertEquals("70,000,000,000", Units.number(70e9));
    assertEquals("0.05", Units.number(0.05));
    assertEquals("3.54", Units.fixed(3.5390625, 2));
    assertEquals("327,680 B", Units.exactBytes(327_680));
    assertEquals("35.00 GB", Units.decimalBytes(35_000_000_000L));
    assertEquals("0.3125 GiB", Units.gib(327_680L * 1_024));
    assertEquals("43.8%", Units.percent(0.4375));
    assertEquals("3.35 TB/s", Units.bandwidth(3.35e12));
    assertEquals("989.4 TFLOP/s", Units.flops(989.4e12));
    assertEquals("10.57 ms", Units.millis(10.570029850746268));
  }

  @Test
  void absurdMagnitudesPrintInScientificNotationAndMoneyByItsSize() {
    // A threshold of 1e300 would otherwise print 301 digits in a message.
    assertEquals("1.00e300", Units.number(1e300));
    assertEquals("1.00e-12", Units.number(1e-12));
    assertEquals("1,000,000,000,000,000", Units.number(1e15));
    // R-E1's day, a capstone request and a guardrail: whole dollars, cents, 3 digits.
    assertEquals("$87,072", Units.dollars(87_072));
    assertEquals("$2.50", Units.dollars(2.5));
    assertEquals("$0.0009", Units.dollars(0.0009));
    assertEquals("$0.0000148", Units.dollars(0.0000148403));
  }

  @Test
  void gigabytesAndGibibytesAreDistinct() {
    // 2^30 = 1,073,741,824 bytes = 1.07 GB (10^9) but exactly 1.0000 GiB (2^30).
    assertEquals("1.07 GB", Units.decimalBytes(1L << 30));
    assertEquals("1.0000 GiB", Units.gib(1L << 30));
    // 10^9 bytes = 1.00 GB but 10^9 / 2^30 = 0.93132 GiB → 0.9313 GiB.
    assertEquals("1.00 GB", Units.decimalBytes(1_000_000_000L));
    assertEquals("0.9313 GiB", Units.gib(1_000_000_000L));
    assertEquals(1.0, Units.toGib(1L << 30));
    assertNotEquals(1.0, Units.toGib(1_000_000_000L));
  }

  @Test
  void gigabytesStayInGigabytesWhateverTheSize() {
    // 143,360,000 B = 0.14336 GB → 0.14 GB; 1.12e12 B = 1,120.00 GB; 85,520,809,984 B
    // = 85.52 GB.
    assertEquals("0.14 GB", Units.gigabytes(143_360_000L));
    assertEquals("1,120.00 GB", Units.gigabytes(1_120_000_000_000L));
    assertEquals("85.52 GB", Units.gigabytes(85_520_809_984L));
    assertEquals("0.00 GB", Units.gigabytes(0));
    // Half-even on the exact decimal value: 5,000,000 B = 0.005 GB → 0.00 GB, 15e6 → 0.02 GB.
    assertEquals("0.00 GB", Units.gigabytes(5_000_000L));
    assertEquals("0.02 GB", Units.gigabytes(15_000_000L));
  }

  @Test
  void decimalBytesPicksTheLargestUnitNotAboveTheValue() {
    // 143,360,000 B = 143.36 MB; 999 B stays in bytes; 1,000 B = 1.00 kB.
    assertEquals("143.36 MB", Units.decimalBytes(143_360_000L));
    assertEquals("999 B", Units.decimalBytes(999));
    assertEquals("1.00 kB", Units.decimalBytes(1_000));
  }

  @Test
  void countGroupsNegativeValuesAfterTheSign() {
    assertEquals("-1,234,567", Units.count(-1_234_567));
    assertEquals("999", Units.count(999));
  }

  @Test
  void ceilDivRoundsUpExactly() {
    // ⌈7 / 2⌉ = 4, ⌈8 / 2⌉ = 4, ⌈0 / 5⌉ = 0; ⌈100,500 / 111⌉ = 906 (905 × 111 =
    // 100,455).
    assertEquals(4L, Exact.ceilDiv(7, 2));
    assertEquals(4L, Exact.ceilDiv(8, 2));
    assertEquals(0L, Exact.ceilDiv(0, 5));
    assertEquals(906L, Exact.ceilDiv(100_500, 111));
    // No overflow near the top: ⌈(2^63 − 1) / 2⌉ = 2^62.
    assertEquals(1L << 62, Exact.ceilDiv(Long.MAX_VALUE, 2));
  }

  @Test
  void ceilDivRejectsNegativeDividendAndNonPositiveDivisor() {
    assertThrows(ArithmeticException.class, () -> Exact.ceilDiv(-1, 2));
    assertThrows(ArithmeticException.class, () -> Exact.ceilDiv(1, 0));
    assertThrows(ArithmeticException.class, () -> Exact.ceilDiv(1, -3));
  }

  @Test
  void overflowThrowsInsteadOfWrapping() {
    assertThrows(ArithmeticException.class, () -> Exact.times(Long.MAX_VALUE, 2));
    assertThrows(ArithmeticException.class, () -> Exact.plus(Long.MAX_VALUE, 1));
    // 2^62 elements × 16 bits overflows before the division by 8.
    assertThrows(ArithmeticException.class, () -> Exact.bytes(1L << 62, Precision.FP16));
    // 10^19 > 2^63 − 1 ≈ 9.22 × 10^18.
    assertThrows(ArithmeticException.class, () -> Exact.ceil(new BigDecimal("1e19")));
  }

  @Test
  void ceilOfADecimalRoundsUpAndDecimalKeepsTheWrittenDigits() {
    // 0.05 as written, not 0.05000000000000000277 (the binary double).
    assertEquals(new BigDecimal("0.05"), Exact.decimal(0.05));
    assertEquals(101L, Exact.ceil(new BigDecimal("100.5")));
    assertEquals(100_500L, Exact.ceil(new BigDecimal("100500.000")));
  }

  @Test
  void bytesRejectsInheritBecauseItIsNotAStorageFormat() {
    assertThrows(IllegalArgumentException.class, () -> Exact.bytes(1, Precision.INHERIT));
  }
}
