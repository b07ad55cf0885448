package dev.fp.platform.stream;

import dev.fp.config.ConfigNode;

import java.time.Duration;
import java.util.Locale;

/**
 * How long a catch-up phase (P8–P10) waits for its members: as long as they make progress, until none moved for
 * {@code stall}, and never past {@code ceiling}. A slow but healthy catch-up (full cap) is not failed by a wall-clock
 * bound; a stuck member is failed after the stall bound however much time is left.
 *
 * @param phaseKey the settings' prefix under {@code components.supervisor}, e.g. {@code p9}
 */
public record CatchUpBounds(String phaseKey, Duration stall, Duration ceiling) {
  /** Two minutes without any checkpoint moving: far above a health timer or a lease hand-over. */
  public static final int DEFAULT_STALL_SECONDS = 120;
  /** An hour: full cap's decision lane needs ~10–20 min here after P6; the ceiling only stops a runaway. */
  public static final int DEFAULT_CEILING_SECONDS = 3_600;

  /** {@code <phaseKey>_stall_seconds} and {@code <phaseKey>_timeout_seconds} (the ceiling) of {@code supervisor}. */
  public static CatchUpBounds of(ConfigNode supervisor, String phaseKey) {
    return new CatchUpBounds(phaseKey,
        Duration.ofSeconds(supervisor.integer(phaseKey + "_stall_seconds", DEFAULT_STALL_SECONDS, 1, 86_400)),
        Duration.ofSeconds(supervisor.integer(phaseKey + "_timeout_seconds", DEFAULT_CEILING_SECONDS, 1, 86_400)));
  }

  /** The same bound for both: tests that want a short wait. */
  public static CatchUpBounds within(String phaseKey, Duration both) {
    return new CatchUpBounds(phaseKey, both, both);
  }

  String stallKey() { return phaseKey + "_stall_seconds"; }

  String ceilingKey() { return phaseKey + "_timeout_seconds"; }

  /** {@code components.supervisor.<key> (env FP_<KEY>)}. */
  static String setting(String key) {
    return "components.supervisor." + key + " (env FP_" + key.toUpperCase(Locale.ROOT) + ")";
  }
}
