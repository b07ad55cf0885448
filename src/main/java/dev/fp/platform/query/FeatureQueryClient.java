package dev.fp.platform.query;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * How the decision lane reads online features (rtdl_design §2): the Online Feature Plane of a platform run answers
 * {@code get_features} on the Vert.x event bus at {@link #address}, from committed state only, in O(keys requested).
 *
 * <p>Request:
 * <pre>{@code
 * {"request_id": "…", "pins": {"platform_run_id": "platform_…", "scenario_run_id": …, …},
 *  "as_of_time_utc": "2026-01-01T00:10:00.000000Z",
 *  "feature_keys": [{"key_type": "flow_id", "key_id": "123"}, {"key_type": "party_id", "key_id": "77"}],
 *  "feature_groups": [{"name": "core_features", "version": "v1"}, {"name": "party_features", "version": "v1"}]}
 * }</pre>
 * Answer {@code {"status": "OK", "request_id", "served_at_utc", "snapshot": {…}}}: the snapshot has
 * {@code pins, as_of_time_utc, feature_groups, feature_def_policy_rev, eb_offset_basis} (committed checkpoints,
 * {@code basis_digest}, {@code window_end_utc}), {@code run_config_digest}, {@code features}
 * ({@code "<key_type>:<key_id>" → group → values} evaluated at as_of), {@code freshness} ({@code state}
 * GREEN/AMBER/RED, {@code flags} among MISSING_FEATURE_STATE, MISSING_FEATURE_GROUP, STALE_INPUT_BASIS,
 * {@code missing_keys}, {@code missing_groups}, {@code stale_groups}) and {@code snapshot_hash}. Refusals are
 * {@code {"status": "ERROR", "code", "retryable", "detail", "request_id", "served_at_utc"}} with code
 * MISSING_PINS, INVALID_REQUEST (not retryable) or UNAVAILABLE (retryable). The future fails only when no OFP
 * serves the run (not deployed: {@code NO_HANDLERS}) or the reply timed out.
 *
 * <p>{@link #basis} at {@link #basisAddress} answers only what OFP has applied — {@code {"status": "OK", "offsets":
 * [{"topic", "partition", "offset"}]}}, its committed checkpoints — so a caller can wait until a record is covered
 * before it asks for features (one state read, no rows).
 */
public final class FeatureQueryClient {
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  private final Vertx vertx;
  private final DeliveryOptions options;

  public FeatureQueryClient(Vertx vertx) {
    this(vertx, DEFAULT_TIMEOUT_MS);
  }

  public FeatureQueryClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** {@code fp.ofp.query::<platform_run_id>}. */
  public static String address(String platformRunId) {
    return "fp.ofp.query::" + platformRunId;
  }

  /** {@code fp.ofp.basis::<platform_run_id>}. */
  public static String basisAddress(String platformRunId) {
    return "fp.ofp.basis::" + platformRunId;
  }

  /** OFP's committed checkpoints for the run; fails like {@link #getFeatures} when no OFP serves it. */
  public Future<JsonObject> basis(String platformRunId) {
    return vertx.eventBus().<JsonObject>request(basisAddress(platformRunId), new JsonObject(), options)
        .map(Message::body);
  }

  public Future<JsonObject> getFeatures(String platformRunId, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(address(platformRunId), request, options).map(Message::body);
  }
}
