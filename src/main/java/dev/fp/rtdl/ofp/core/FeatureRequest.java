package dev.fp.rtdl.ofp.core;

import dev.fp.contract.WireTime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code get_features} request (reference rtdl §3): pins, {@code as_of_time_utc}, the keys and the groups.
 * {@link #parse} refuses a malformed request with {@link QueryError}.
 */
public record FeatureRequest(Map<String, Object> pins, String asOfTimeUtc, long asOfMicros, List<Key> keys,
                             List<GroupRef> groups, String requestId) {
  public record Key(String keyType, String keyId) {
    public String label() {
      return keyType + ":" + keyId;
    }
  }

  public record GroupRef(String name, String version) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("version", version);
      return m;
    }
  }

  /** A refused request: the reference's error code, whether a retry can help, and what is wrong. */
  public static final class QueryError extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public QueryError(String code, boolean retryable, String detail) {
      super(detail);
      this.code = code;
      this.retryable = retryable;
    }

    public String code() {
      return code;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  @SuppressWarnings("unchecked")
  public static FeatureRequest parse(Map<String, Object> body, String platformRunId, int maxKeys) {
    String requestId = body.get("request_id") instanceof String s ? s : null;
    if (!(body.get("pins") instanceof Map<?, ?> pins) || !(pins.get("platform_run_id") instanceof String run)) {
      throw new QueryError("MISSING_PINS", false, "pins.platform_run_id is required");
    }
    if (!run.equals(platformRunId)) {
      throw new QueryError("INVALID_REQUEST", false, "pins.platform_run_id " + run + " is not the run this OFP "
          + "serves (" + platformRunId + ")");
    }
    if (!(body.get("as_of_time_utc") instanceof String asOf)) {
      throw new QueryError("INVALID_REQUEST", false, "as_of_time_utc is required (RFC 3339, UTC)");
    }
    long asOfMicros;
    try {
      asOfMicros = WireTime.parseMicros(asOf);
    } catch (IllegalArgumentException e) {
      throw new QueryError("INVALID_REQUEST", false, "as_of_time_utc: " + e.getMessage());
    }
    List<Key> keys = new ArrayList<>();
    for (Map<String, Object> k : objects(body, "feature_keys")) {
      String type = k.get("key_type") instanceof String s ? s : null;
      String id = OfpCore.id(k.get("key_id"));
      if (type == null || id == null) {
        throw new QueryError("INVALID_REQUEST", false, "every feature_keys item needs key_type and key_id, got " + k);
      }
      keys.add(new Key(type, id));
    }
    if (keys.size() > maxKeys) {
      throw new QueryError("INVALID_REQUEST", false, keys.size() + " feature_keys: at most " + maxKeys
          + " per request");
    }
    List<GroupRef> groups = new ArrayList<>();
    for (Map<String, Object> g : objects(body, "feature_groups")) {
      if (!(g.get("name") instanceof String name) || !(g.get("version") instanceof String version)) {
        throw new QueryError("INVALID_REQUEST", false, "every feature_groups item needs name and version, got " + g);
      }
      groups.add(new GroupRef(name, version));
    }
    return new FeatureRequest((Map<String, Object>) pins, asOf, asOfMicros, List.copyOf(keys), List.copyOf(groups),
        requestId);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(Map<String, Object> body, String field) {
    if (!(body.get(field) instanceof List<?> items) || items.isEmpty()) {
      throw new QueryError("INVALID_REQUEST", false, field + " must be a non-empty list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> m)) {
        throw new QueryError("INVALID_REQUEST", false, field + " items must be objects, got " + item);
      }
      out.add((Map<String, Object>) m);
    }
    return out;
  }
}
