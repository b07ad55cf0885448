package dev.fp.contract;

/**
 * What the ingestion boundary accepts inside a parsed JSON document, beyond the JSON grammar: values every part of the
 * platform can store and re-encode without loss.
 * <ul>
 *   <li>Strings and keys are sequences of Unicode scalar values: an escape such as {@code "\ud800"} decodes to a lone
 *       surrogate, which no UTF-8 encoder can write (the file event log threw on it and wedged the gate; Kinesis' SDK
 *       would store {@code ?} instead) — {@link #INVALID_UNICODE}.</li>
 *   <li>No U+0000 in strings or keys: PostgreSQL {@code text} and {@code jsonb} refuse it, so it would fail the admission
 *       store on parity and every downstream jsonb state table — {@link #INVALID_UNICODE}.</li>
 *   <li>Numbers are finite: {@code 1e999} parses to an infinite double that canonical JSON (ids, hashes) cannot write
 *       — {@link #NUMBER_OUT_OF_RANGE}.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class PortableJson {
  public static final String INVALID_UNICODE = "INVALID_UNICODE";
  public static final String NUMBER_OUT_OF_RANGE = "NUMBER_OUT_OF_RANGE";

  /** A refused value: the error code, where it is and why. */
  public record Violation(String code, JsonScan.Problem problem) {
    public String detail() {
      return problem.toString();
    }
  }

  private static final JsonScan.Rule PORTABLE = new JsonScan.Rule() {
    @Override
    public String key(String key) {
      return textProblem(key);
    }

    @Override
    public String string(String value) {
      return textProblem(value);
    }

    @Override
    public String number(Number n) {
      boolean infinite = n instanceof Double d && !Double.isFinite(d) || n instanceof Float f && !Float.isFinite(f);
      return infinite ? "number out of the double range (parsed as " + n + ")" : null;
    }
  };

  private PortableJson() {
  }

  /** The first value of {@code json} the boundary refuses, or null; paths start at {@code $}. */
  public static Violation firstViolation(Object json) {
    JsonScan.Problem p = JsonScan.first(json, "$", PORTABLE);
    if (p == null) {
      return null;
    }
    return new Violation(p.node() == JsonScan.Node.NUMBER ? NUMBER_OUT_OF_RANGE : INVALID_UNICODE, p);
  }

  /** Why a string is not portable text (a lone surrogate or U+0000, with its UTF-16 index), or null. */
  public static String textProblem(String s) {
    int bad = StrictUtf8.firstUnpairedSurrogate(s);
    int nul = s.indexOf(0);
    if (bad >= 0 && (nul < 0 || bad < nul)) {
      return "holds an unpaired surrogate \\u" + Integer.toHexString(s.charAt(bad)) + " at index " + bad;
    }
    return nul >= 0 ? "holds U+0000 at index " + nul : null;
  }
}
