package dev.headroom.runtime.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Formats figures with their units for messages and docs, identically on every machine: comma
 * thousands separators, a point for decimals, GB = 10^9 bytes and GiB = 2^30 bytes.
 */
public final class Units {
  private static final long GIB = 1L << 30;
  private static final String[] DECIMAL_BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

  private Units() {}

  /**
   * Returns what is left of a budget, e.g. {@code 43.8% spare}, or how far over it, e.g.
   * {@code 3.54× the budget}.
   */
  public static String margin(long used, long available) {
    return used > available
        ? fixed((double) used / available, 2) + "× the budget"
        : percent((available - used) / (double) available) + " spare";
  }

  /** Returns a count with thousands separators, e.g. {@code 100,500}. */
  public static String count(long value) {
    return group(Long.toString(value));
  }

  /** Returns a count with its noun, plural unless the count is 1, e.g. {@code 4 GPUs}. */
  public static String plural(long count, String noun) {
    return count(count) + " " + noun + (count == 1 ? "" : "s");
  }

  /**
   * Returns a decimal as written, with thousands separators and no trailing zeros, e.g. {@code
   * 70,000,000,000} for 70e9 and {@code 0.05} for 0.05; from 10^18 up and below 10^-9 in
   * scientific notation, e.g. {@code 1.00e300}; {@code NaN} or {@code Infinity} as such, for
   * messages about invalid input.
   */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e18 || (magnitude > 0 && magnitude < 1e-9)) {
      return scientific(value);
    }
    return plain(BigDecimal.valueOf(value).stripTrailingZeros());
  }

  /**
   * Returns {@code value} rounded half-even to {@code decimals} places, with separators. The
   * rounding starts from the double's exact binary value, so it is the same on every JDK.
   */
  public static String fixed(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return plain(new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN));
  }

  /**
   * Returns a double as a JSON number: its exact binary value rounded to 12 significant digits,
   * without an exponent, e.g. {@code 201} or {@code 0.0884}.
   */
  public static String json(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON has no " + value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new java.math.MathContext(12));
    return rounded.stripTrailingZeros().toPlainString();
  }

  /** Returns an exact byte count, e.g. {@code 327,680 B}. */
  public static String exactBytes(long bytes) {
    return count(bytes) + " B";
  }

  /**
   * Returns bytes in the largest decimal unit not above them, to two places, e.g. {@code 35.00 GB}
   * for 35 × 10^9 bytes and {@code 143.36 MB} for 143,360,000 bytes.
   */
  public static String decimalBytes(long bytes) {
    int unit = 0;
    BigDecimal scaled = BigDecimal.valueOf(bytes);
    BigDecimal thousand = BigDecimal.valueOf(1000);
    while (unit < DECIMAL_BYTE_UNITS.length - 1 && scaled.abs().compareTo(thousand) >= 0) {
      scaled = scaled.divide(thousand);
      unit++;
    }
    if (unit == 0) {
      return count(bytes) + " B";
    }
    return plain(scaled.setScale(2, RoundingMode.HALF_EVEN)) + " " + DECIMAL_BYTE_UNITS[unit];
  }

  /**
   * Returns bytes in GB (10^9 bytes) to two places whatever their size, with separators, e.g.
   * {@code 17.50 GB} for 17.5 × 10^9 bytes, {@code 0.14 GB} and {@code 1,120.00 GB}.
   */
  public static String gigabytes(long bytes) {
    BigDecimal value = BigDecimal.valueOf(bytes).movePointLeft(9);
    return plain(value.setScale(2, RoundingMode.HALF_EVEN)) + " GB";
  }

  /** Returns bytes in GiB (2^30 bytes) to four places, e.g. {@code 0.3125 GiB}. */
  public static String gib(long bytes) {
    BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(GIB));
    return plain(value.setScale(4, RoundingMode.HALF_EVEN)) + " GiB";
  }

  /** Returns bytes in GiB (2^30 bytes), unrounded, to compare with sources that print GiB. */
  public static double toGib(long bytes) {
    return (double) bytes / GIB;
  }

  /** Returns a duration in milliseconds to two places, e.g. {@code 4.99 ms}. */
  public static String millis(double millis) {
    return fixed(millis, 2) + " ms";
  }

  /**
   * Returns an amount of money in dollars: whole dollars from $100 up, e.g. {@code $87,072},
   * cents from $1, e.g. {@code $2.50}, and at most three significant digits below, e.g.
   * {@code $0.00612} or {@code $0.01}.
   */
  public static String dollars(double amount) {
    double magnitude = Math.abs(amount);
    if (!Double.isFinite(amount) || magnitude >= 1e18 || (magnitude > 0 && magnitude < 1e-9)) {
      return "$" + number(amount);
    }
    if (Math.abs(amount) >= 100) {
      return "$" + fixed(amount, 0);
    }
    if (Math.abs(amount) >= 1) {
      return "$" + fixed(amount, 2);
    }
    return "$" + plain(new BigDecimal(amount).round(new MathContext(3, RoundingMode.HALF_EVEN))
        .stripTrailingZeros());
  }

  /** Returns a fraction as a percentage to one place, e.g. {@code 43.8%} for 0.4375. */
  public static String percent(double fraction) {
    return fixed(fraction * 100, 1) + "%";
  }

  /** Returns a rate in TB/s to two places, e.g. {@code 3.35 TB/s}. */
  public static String bandwidth(double bytesPerSecond) {
    return fixed(bytesPerSecond / 1e12, 2) + " TB/s";
  }

  /**
   * Returns a rate in bytes per second in the largest decimal unit not above it, to two places,
   * e.g. {@code 14.19 MB/s}.
   */
  public static String rate(double bytesPerSecond) {
    return decimalBytes(Math.round(bytesPerSecond)) + "/s";
  }

  /**
   * Returns a duration in the unit a planner would say it in, to one place: seconds below two
   * minutes, minutes below two hours, hours below two days, then days, e.g. {@code 16.7 min}.
   */
  public static String duration(double seconds) {
    if (seconds < 120) {
      return fixed(seconds, 1) + " s";
    }
    if (seconds < 7_200) {
      return fixed(seconds / 60, 1) + " min";
    }
    if (seconds < 172_800) {
      return fixed(seconds / 3_600, 1) + " h";
    }
    return fixed(seconds / 86_400, 1) + " days";
  }

  /**
   * Returns a large quantity to three significant digits with a power of ten, e.g. {@code
   * 1.90e18}, for FLOP counts that no unit prefix makes readable.
   */
  public static String scientific(double value) {
    return String.format(Locale.ROOT, "%.2e", value).replace("e+", "e");
  }

  /** Returns a throughput in TFLOP/s to one place, e.g. {@code 989.4 TFLOP/s}. */
  public static String flops(double flopsPerSecond) {
    return fixed(flopsPerSecond / 1e12, 1) + " TFLOP/s";
  }

  private static String plain(BigDecimal value) {
    String text = value.toPlainString();
    int point = text.indexOf('.');
    String integer = point < 0 ? text : text.substring(0, point);
    String fraction = point < 0 ? "" : text.substring(point);
    return group(integer) + fraction;
  }

  private static String group(String integer) {
    boolean negative = integer.startsWith("-");
    String digits = negative ? integer.substring(1) : integer;
    StringBuilder out = new StringBuilder();
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    out.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      out.append(',').append(digits, i, i + 3);
    }
    return (negative ? "-" : "") + out;
  }
}
