package dev.fp.contract;

import java.util.List;
import java.util.stream.Collectors;

/** Outcome of {@link EnvelopeValidator}: every violation found, in schema field order then unknown keys. */
public record EnvelopeValidation(List<EnvelopeViolation> violations) {
  public EnvelopeValidation {
    violations = List.copyOf(violations);
  }

  public boolean isValid() {
    return violations.isEmpty();
  }

  /** IG reason code for a failed envelope ({@code ENVELOPE_INVALID}), or null when valid. */
  public String reasonCode() {
    return isValid() ? null : ReasonCodes.ENVELOPE_INVALID;
  }

  /** Quarantine detail, e.g. {@code ts_utc:ENVELOPE_FIELD_FORMAT,seed:ENVELOPE_FIELD_RANGE}. */
  public String detail() {
    return violations.stream().map(v -> v.field() + ":" + v.code().wire()).collect(Collectors.joining(","));
  }

  /**
   * The quarantine detail with each violation's reason, e.g.
   * {@code ts_utc:ENVELOPE_FIELD_RANGE (not a calendar instant: second 60 outside 00..59)}.
   */
  public String explained() {
    return violations.stream().map(EnvelopeViolation::toString).collect(Collectors.joining(","));
  }
}
