package dev.fp.contract;

/**
 * Python's {@code repr(float)} (also {@code str(float)} and {@code json.dumps} of a float): shortest round-trip digits,
 * fixed notation for decimal exponents -4..15 with at least one fractional digit ({@code 100.0}, {@code 0.0001}),
 * otherwise {@code d[.ddd]e±XX} with a signed, at-least-two-digit exponent ({@code 1e-05}, {@code 1e+16}).
 *
 * <p>Non-finite values are refused with {@link IllegalArgumentException}: Python would write {@code NaN} or
 * {@code Infinity}, which is not JSON and never appears in our ids or hashes.
 */
public final class PyFloat {
  private PyFloat() {
  }

  public static String repr(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("float repr: non-finite value " + value + " is not allowed in canonical JSON");
    }
    if (value == 0.0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
    }
    ShortestDecimal shortest = ShortestDecimal.of(Math.abs(value));
    StringBuilder out = new StringBuilder(24);
    if (value < 0) {
      out.append('-');
    }
    layout(out, Long.toString(shortest.digits()), shortest.exponent());
    return out.toString();
  }

  /** Python's {@code format_float_short} layout for mode 'r': exponent form when decpt <= -4 or decpt > 16. */
  private static void layout(StringBuilder out, String digits, int exponent) {
    int n = digits.length();
    int decpt = n + exponent;
    if (decpt <= -4 || decpt > 16) {
      scientific(out, digits, decpt - 1);
    } else if (decpt <= 0) {
      out.append("0.").append("0".repeat(-decpt)).append(digits);
    } else if (decpt < n) {
      out.append(digits, 0, decpt).append('.').append(digits, decpt, n);
    } else {
      out.append(digits).append("0".repeat(decpt - n)).append(".0");
    }
  }

  private static void scientific(StringBuilder out, String digits, int exp) {
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exp < 0 ? '-' : '+');
    int magnitude = Math.abs(exp);
    if (magnitude < 10) {
      out.append('0');
    }
    out.append(magnitude);
  }
}
