package dev.fp.contract;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal {@code digits × 10^exponent} that reads back (round-half-even) as a given positive finite
 * double, and among those of that length the one nearest the double's exact value: the digits of Python's
 * {@code repr(float)} (David Gay's dtoa, mode 0).
 *
 * <p>JDK 17's {@link Double#toString} always reads back but is sometimes one digit too long or not the nearest; it is
 * used only as a starting point. A p-digit decimal reads back iff it lies in the double's rounding interval; that
 * interval is convex and holds the JDK digits D, so one exists iff floor or ceiling of D at p digits reads back, and
 * existence is monotonic in p. When the interval holds more than one p-digit decimal the choice is made on the exact
 * binary value with {@link BigDecimal} (rare: mostly subnormals and powers of two).
 */
record ShortestDecimal(long digits, int exponent) {
  private static final long[] POW10 = powersOfTen();

  static ShortestDecimal of(double value) {
    ShortestDecimal jdk = parseJdk(Double.toString(value));
    double ulp = Math.ulp(value);
    int n = digitCount(jdk.digits);
    int p = n;
    while (p > 1 && jdk.gridPointMayBeNear(n, p - 1, ulp) && jdk.anyAtPrecisionReadsBack(value, n, p - 1)) {
      p--;
    }
    // the rounding interval is at most one ulp wide; 20x covers the tenfold finer grid just below a power of ten
    boolean unique = 20 * ulp < Math.pow(10, jdk.exponent + n - p);
    if (p == n) {
      return unique ? jdk : jdk.nearestAtOwnPrecision(value, n);
    }
    return unique ? jdk.onlyAtPrecision(value, n, p) : jdk.nearestAtPrecision(value, n, p);
  }

  /**
   * Cheap necessary condition: a p-digit decimal in the rounding interval is within one ulp of D, so if both p-digit
   * neighbours of D are more than two ulps away (margin for the inexact double powers of ten) none can read back.
   */
  private boolean gridPointMayBeNear(int n, int p, double ulp) {
    long unit = POW10[n - p];
    long rest = digits % unit;
    return Math.min(rest, unit - rest) * Math.pow(10, exponent) <= 2 * ulp;
  }

  private ShortestDecimal onlyAtPrecision(double value, int n, int p) {
    ShortestDecimal floor = truncate(n, p);
    return (floor.readsBackAs(value) ? floor : floor.plusUnit()).normalized();
  }

  private boolean anyAtPrecisionReadsBack(double value, int n, int p) {
    ShortestDecimal floor = truncate(n, p);
    return floor.readsBackAs(value) || floor.plusUnit().readsBackAs(value);
  }

  private ShortestDecimal nearestAtOwnPrecision(double value, int n) {
    if (minusUnit(n).readsBackAs(value) || plusUnit().readsBackAs(value)) {
      return exact(value, n);
    }
    return this;
  }

  private ShortestDecimal nearestAtPrecision(double value, int n, int p) {
    ShortestDecimal floor = truncate(n, p);
    ShortestDecimal ceiling = floor.plusUnit();
    boolean floorReads = floor.readsBackAs(value);
    boolean ceilingReads = ceiling.readsBackAs(value);
    if (floorReads && !ceilingReads && !floor.minusUnit(p).readsBackAs(value)) {
      return floor.normalized();
    }
    if (ceilingReads && !floorReads && !ceiling.normalizedTo(p).plusUnit().readsBackAs(value)) {
      return ceiling.normalized();
    }
    return exact(value, p);
  }

  /** Nearest p-digit decimal to the exact value if it reads back, else the neighbour on the other side. */
  private static ShortestDecimal exact(double value, int p) {
    BigDecimal x = new BigDecimal(value);
    BigDecimal nearest = x.round(new MathContext(p, RoundingMode.HALF_EVEN));
    if (Double.parseDouble(nearest.toString()) == value) {
      return fromBigDecimal(nearest);
    }
    BigDecimal floor = x.round(new MathContext(p, RoundingMode.FLOOR));
    BigDecimal other = nearest.compareTo(floor) == 0 ? x.round(new MathContext(p, RoundingMode.CEILING)) : floor;
    return fromBigDecimal(other);
  }

  private ShortestDecimal truncate(int n, int p) {
    return new ShortestDecimal(digits / POW10[n - p], exponent + n - p);
  }

  private ShortestDecimal plusUnit() {
    return new ShortestDecimal(digits + 1, exponent);
  }

  /** The next lower decimal with p significant digits; below 10^(p-1) the unit shrinks tenfold. */
  private ShortestDecimal minusUnit(int p) {
    return digits == POW10[p - 1]
        ? new ShortestDecimal(POW10[p] - 1, exponent - 1)
        : new ShortestDecimal(digits - 1, exponent);
  }

  private ShortestDecimal normalizedTo(int p) {
    return digits == POW10[p] ? new ShortestDecimal(POW10[p - 1], exponent + 1) : this;
  }

  private ShortestDecimal normalized() {
    long d = digits;
    int e = exponent;
    while (d % 10 == 0) {
      d /= 10;
      e++;
    }
    return new ShortestDecimal(d, e);
  }

  private boolean readsBackAs(double value) {
    return Double.parseDouble(digits + "E" + exponent) == value;
  }

  private static ShortestDecimal fromBigDecimal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return new ShortestDecimal(stripped.unscaledValue().longValueExact(), -stripped.scale());
  }

  /** Parses {@code Double.toString} output ({@code 123.45}, {@code 1.0E-5}) of a positive finite double. */
  static ShortestDecimal parseJdk(String text) {
    int e = text.indexOf('E');
    String mantissa = e < 0 ? text : text.substring(0, e);
    int exp = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    long d = Long.parseLong(all);
    return new ShortestDecimal(d, exp - (mantissa.length() - dot - 1)).normalized();
  }

  static int digitCount(long value) {
    int n = 1;
    while (n < 19 && value >= POW10[n]) {
      n++;
    }
    return n;
  }

  private static long[] powersOfTen() {
    long[] table = new long[19];
    table[0] = 1;
    for (int i = 1; i < table.length; i++) {
      table[i] = table[i - 1] * 10;
    }
    return table;
  }
}
