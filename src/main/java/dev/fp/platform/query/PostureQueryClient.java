package dev.fp.platform.query;

import dev.fp.contract.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How the Decision Fabric (and the Action Layer) read the Degrade Ladder's current posture: a request on the Vert.x
 * event bus to the ladder of a run ({@link #address}), and the reference's serve contract (rtdl §5
 * {@code get_current_posture}) applied here, on the caller's side, so that an unreachable ladder fails closed too.
 *
 * <p>Request {@code {"scope_key"}}; the ladder answers {@code {"status":"OK", "posture": decision}} with the stored
 * {@code decision_json} ({@code mode, capabilities_mask, policy_rev, posture_seq, decided_at_utc, reason,
 * evidence_refs}), {@code {"status":"MISSING"}} when it has none, or {@code {"status":"ERROR", "detail"}} when its
 * store failed. {@link #current} completes — never fails — with {@code {"source", "trust", "posture"}}:
 * {@code CURRENT_POSTURE}/{@code TRUSTED} for a posture no older than {@code maxAge} at {@code decisionTime} (the
 * serving wall clock, not event time), else a FAIL_CLOSED posture with source {@code FAILSAFE_MISSING},
 * {@code FAILSAFE_STALE}, {@code FAILSAFE_STORE_ERROR} or {@code FAILSAFE_UNREACHABLE} and trust {@code UNTRUSTED}.
 */
public final class PostureQueryClient {
  public static final String GLOBAL_SCOPE = "scope=GLOBAL";
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(120);
  private final Vertx vertx;
  private final String platformRunId;
  private final DeliveryOptions options;

  public PostureQueryClient(Vertx vertx, String platformRunId, Duration timeout) {
    this.vertx = vertx;
    this.platformRunId = platformRunId;
    this.options = new DeliveryOptions().setSendTimeout(Math.max(1, timeout.toMillis()));
  }

  /** The event-bus address the ladder of {@code platformRunId} answers on. */
  public static String address(String platformRunId) {
    return "fp.dl.posture::" + platformRunId;
  }

  public Future<JsonObject> current(String scopeKey, Instant decisionTime, Duration maxAge) {
    return vertx.eventBus().<JsonObject>request(address(platformRunId), new JsonObject().put("scope_key", scopeKey),
            options)
        .map(m -> serve(m.body(), decisionTime, maxAge))
        .otherwise(err -> failSafe("FAILSAFE_UNREACHABLE"));
  }

  /** The serve contract over a ladder's answer (public for the ladder's own tests and operator reads). */
  public static JsonObject serve(JsonObject answer, Instant decisionTime, Duration maxAge) {
    String status = answer.getString("status", "ERROR");
    if (status.equals("MISSING")) {
      return failSafe("FAILSAFE_MISSING");
    }
    JsonObject posture = answer.getJsonObject("posture");
    if (!status.equals("OK") || posture == null) {
      return failSafe("FAILSAFE_STORE_ERROR");
    }
    Instant decidedAt;
    try {
      decidedAt = Timestamps.parse(posture.getString("decided_at_utc", ""));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return failSafe("FAILSAFE_STORE_ERROR");
    }
    if (Duration.between(decidedAt, decisionTime).compareTo(maxAge) > 0) {
      return failSafe("FAILSAFE_STALE");
    }
    return new JsonObject().put("source", "CURRENT_POSTURE").put("trust", "TRUSTED").put("posture", posture);
  }

  /** FAIL_CLOSED with nothing allowed but the fallback heuristics, posture STEP_UP_ONLY. */
  static JsonObject failSafe(String why) {
    JsonObject mask = new JsonObject().put("allow_ieg", false).put("allowed_feature_groups", new JsonArray())
        .put("allow_model_primary", false).put("allow_model_stage2", false).put("allow_fallback_heuristics", true)
        .put("action_posture", "STEP_UP_ONLY");
    JsonObject posture = new JsonObject().put("mode", "FAIL_CLOSED").put("capabilities_mask", mask)
        .put("reason", "DL_SERVE_FAILSAFE:" + why);
    return new JsonObject().put("source", why).put("trust", "UNTRUSTED").put("posture", posture);
  }
}
