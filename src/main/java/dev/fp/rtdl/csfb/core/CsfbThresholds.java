package dev.fp.rtdl.csfb.core;

/**
 * CSFB's health thresholds (reference rtdl §4, {@code csfb.observability.v0}): AMBER at or above the first value, RED
 * at or above the second. {@code checkpointAge*} apply to the seconds the consumer is behind the log (real lag);
 * the event-time watermark age has none: a historical world is always "old".
 */
public record CsfbThresholds(long joinMissesAmber, long joinMissesRed, long bindingConflictsAmber,
                             long bindingConflictsRed, long hardFailuresAmber, long hardFailuresRed,
                             double checkpointAgeAmberSeconds, double checkpointAgeRedSeconds) {
  public static final String POLICY_REF = "csfb.observability.v0";

  /** The reference's values, with its pack's checkpoint-age override (86 400 / 172 800 s). */
  public static CsfbThresholds reference() {
    return new CsfbThresholds(1, 10, 1, 5, 1, 10, 86_400, 172_800);
  }
}
