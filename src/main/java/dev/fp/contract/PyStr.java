package dev.fp.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code str(value)} for the scalar values that end up in id preimages ({@code "a|b|c"} joins, partition keys,
 * stringified keys): ints as plain decimal, floats as {@link PyFloat#repr}, {@code True}/{@code False}, {@code None}.
 * Other objects use {@link Object#toString()}, which matches Python only for strings; keep preimages to JSON scalars.
 */
public final class PyStr {
  private PyStr() {
  }

  public static String str(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return floatStr(((Number) value).doubleValue());
    }
    return value.toString();
  }

  /** Python's {@code str(value or "")}: falsy values (None, "", 0, 0.0, False, empty containers) become "". */
  public static String strOrEmpty(Object value) {
    return isTruthy(value) ? str(value) : "";
  }

  public static boolean isTruthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof CharSequence s) {
      return s.length() > 0;
    }
    if (value instanceof Number n) {
      if (n instanceof BigInteger big) {
        return big.signum() != 0;
      }
      return JsonValues.isIntegral(n) ? n.longValue() != 0 : n.doubleValue() != 0.0;
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    return true;
  }

  private static String floatStr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return PyFloat.repr(value);
  }
}
