package dev.fp.rtdl.ieg.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.PyStr;

import java.util.Map;

/**
 * The reference's deterministic entity id (rtdl §2, v0: no merging, every identifier value under one set of pins is
 * its own entity): {@code sha256("{entity_type}:{identifier_type}:{identifier_value}:{scope}")}, scope =
 * {@code "platform_run_id|manifest_fingerprint|parameter_hash|seed|scenario_id|scenario_run_id|run_id"} from the
 * envelope's pins, each {@code str(pin or "")} as the reference writes it (so a seed of 0 is "", like its Python).
 */
public final class EntityIds {
  private static final String[] SCOPE = {"platform_run_id", "manifest_fingerprint", "parameter_hash", "seed",
      "scenario_id", "scenario_run_id", "run_id"};

  private EntityIds() {
  }

  /** The scope token of an envelope's pins. */
  public static String scope(Map<String, Object> envelope) {
    StringBuilder s = new StringBuilder(256);
    for (int i = 0; i < SCOPE.length; i++) {
      if (i > 0) {
        s.append('|');
      }
      Object pin = envelope.get(SCOPE[i]);
      s.append(PyStr.strOrEmpty(pin));
    }
    return s.toString();
  }

  public static String entityId(IdentityHint hint, String scope) {
    return Hashing.sha256Hex(hint.entityType() + ":" + hint.identifierType() + ":" + hint.identifierValue() + ":"
        + scope);
  }
}
