package dev.fp.contract;

/**
 * One failed envelope rule: the top-level field it concerns ({@code ""} when the document itself is not an object),
 * a rule code and a human-readable detail. Every code rolls up to IG's {@link ReasonCodes#ENVELOPE_INVALID}.
 */
public record EnvelopeViolation(String field, Code code, String detail) {

  /** Rule codes; the wire form is {@code ENVELOPE_<NAME>} (e.g. {@code ENVELOPE_FIELD_MISSING}). */
  public enum Code {
    NOT_AN_OBJECT,
    FIELD_MISSING,
    FIELD_UNKNOWN,
    FIELD_TYPE,
    FIELD_FORMAT,
    FIELD_LENGTH,
    FIELD_RANGE;

    public String wire() {
      return "ENVELOPE_" + name();
    }
  }

  @Override
  public String toString() {
    return field + ":" + code.wire() + " (" + detail + ")";
  }
}
