package dev.headroom.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The report class's double literals: the shortest that read back exactly, on any JDK. */
class DoubleLiteralTest {
  /**
   * The capstone training step's FLOPs (6 × 70e9 + causal attention) × 2^22: Java 17's {@code
   * Double.toString} prints it as 1.89671566882111488E18, Java 19 and later as
   * 1.8967156688211149E18; the shortest decimal that reads back exactly has 16 digits.
   */
  @Test
  void capstoneStepFlopsGetTheShortestExactDecimal() {
    double flops = 4.5221225472e11 * 4_194_304;

    String literal = ReportClassWriter.doubleLiteral(flops);

    assertEquals("1.896715668821115E+18", literal);
    assertEquals(flops, Double.parseDouble(literal));
  }

  @Test
  void everyLiteralReadsBackAsTheSameDouble() {
    for (double value : new double[] {0.1, 11.2, 1e10, 0.23401321449023652, 126, Math.PI,
        Double.MIN_VALUE, Double.MAX_VALUE, 5e-324 * 3}) {
      assertEquals(value, Double.parseDouble(ReportClassWriter.doubleLiteral(value)),
          () -> "literal of " + value);
    }
    assertEquals("0.1", ReportClassWriter.doubleLiteral(0.1));
    assertEquals("126.0", ReportClassWriter.doubleLiteral(126));
  }
}
