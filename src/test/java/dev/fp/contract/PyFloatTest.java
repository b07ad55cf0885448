package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected strings are Python 3's repr(float) for the same doubles. */
class PyFloatTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "0.1, 0.1", "1e-5, 1e-05", "100, 100.0", "1e16, 1e+16", "1e22, 1e+22", "123456789.123, 123456789.123",
      "2.5e-7, 2.5e-07", "4.9e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308",
      "0.30000000000000004, 0.30000000000000004", "12.5, 12.5", "1e23, 1e+23",
      "-1.5, -1.5", "0.0, 0.0", "-0.0, -0.0", "1e15, 1000000000000000.0", "1e-4, 0.0001",
      "9999999999999998.0, 9999999999999998.0", "9007199254740992.0, 9007199254740992.0", "1.5e-323, 1.5e-323",
      "0.3333333333333333, 0.3333333333333333", "100.5, 100.5", "-1e-7, -1e-07", "1.5e300, 1.5e+300",
      "123456.789e-20, 1.23456789e-15", "0.000123, 0.000123", "1234567890123456.7, 1234567890123456.8",
      "2.82879384806159e17, 2.82879384806159e+17"})
  void shouldMatchPythonRepr(double value, String expected) {
    assertThat(PyFloat.repr(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "bits {0} -> {1}")
  @CsvSource({
      "43b30f66110e2cb6, 1.373428634809579e+18", "43678856d867c466, 5.299064834871378e+16",
      "4533baacb18f2c5e, 2.3851136372966235e+25", "c53e05fdc8ead608, -3.6296067924723154e+25"})
  void shouldFixJdk17ToStringDigitsThatAreTooLongOrNotNearest(String bits, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThat(PyFloat.repr(value)).isEqualTo(expected);
  }

  @Test
  void shouldRejectNonFiniteValues() {
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> PyFloat.repr(v)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * Property over random bit patterns (all magnitudes, subnormals included) and random short decimals: the repr reads
   * back as the same double, no decimal with one digit fewer reads back (so none shorter does: fewer-digit decimals are
   * a subset), and its digits are the nearest n-digit decimal that reads back.
   */
  @Test
  void shouldRoundTripWithMinimalNearestDigitsForRandomDoubles() {
    SplittableRandom random = new SplittableRandom(20260210L);
    for (int i = 0; i < 12_000; i++) {
      double value = i % 2 == 0 ? randomBits(random) : randomDecimal(random);
      String repr = PyFloat.repr(value);
      BigDecimal digits = significand(repr);
      BigDecimal exact = new BigDecimal(Math.abs(value));
      int n = digits.precision();

      assertThat(Double.parseDouble(repr)).as("round trip of %s", repr).isEqualTo(value);
      if (n > 1) {
        assertThat(readsBack(round(exact, n - 1, RoundingMode.FLOOR), value)).as("shorter floor of %s", repr).isFalse();
        assertThat(readsBack(round(exact, n - 1, RoundingMode.CEILING), value)).as("shorter ceiling of %s", repr)
            .isFalse();
      }
      assertThat(digits).as("nearest digits for %s", repr).isEqualTo(nearestReadingBack(exact, n, Math.abs(value)));
    }
  }

  /** The n-digit decimal nearest the exact value if it reads back, else the neighbour on the other side. */
  private static BigDecimal nearestReadingBack(BigDecimal exact, int n, double value) {
    BigDecimal nearest = round(exact, n, RoundingMode.HALF_EVEN);
    if (readsBack(nearest, value)) {
      return nearest.stripTrailingZeros();
    }
    BigDecimal floor = round(exact, n, RoundingMode.FLOOR);
    return (nearest.compareTo(floor) == 0 ? round(exact, n, RoundingMode.CEILING) : floor).stripTrailingZeros();
  }

  private static BigDecimal round(BigDecimal exact, int digits, RoundingMode mode) {
    return exact.round(new MathContext(digits, mode));
  }

  private static BigDecimal significand(String repr) {
    return new BigDecimal(repr.replace("e", "E")).abs().stripTrailingZeros();
  }

  private static boolean readsBack(BigDecimal decimal, double value) {
    return Double.parseDouble(decimal.toString()) == value;
  }

  private static double randomBits(SplittableRandom random) {
    double value;
    do {
      value = Double.longBitsToDouble(random.nextLong());
    } while (!Double.isFinite(value) || value == 0.0);
    return value;
  }

  private static double randomDecimal(SplittableRandom random) {
    long digits = random.nextLong(1, 10_000_000_000L);
    return Double.parseDouble(digits + "E" + random.nextInt(-30, 30));
  }
}
