package dev.fp.control.wsp;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One HTTP answer from IG, or a transport failure ({@code status} -1). For a 2xx batch answer, {@code decisions}
 * holds each item's decision in request order (null for an item IG did not decide, e.g. a per-item publish in
 * flight, whose own status is in {@code itemStatus}); both are null when the body is not a per-item result list of
 * the request's length.
 */
record IgAnswer(int status, List<String> decisions, List<Integer> itemStatus, long retryAfterMs, String body,
                String transportError) {
  static final Set<String> DECISIONS = Set.of("ADMIT", "DUPLICATE", "QUARANTINE");

  static IgAnswer transport(String error) {
    return new IgAnswer(-1, null, null, 0, "", error);
  }

  static IgAnswer http(int status, String body, String retryAfter, int items) {
    JsonArray results = status < 300 ? results(body, items) : null;
    return new IgAnswer(status, results == null ? null : decisions(results), results == null ? null
        : itemStatus(results), retryAfterMs(retryAfter), body == null ? "" : body, null);
  }

  boolean isTransportFailure() {
    return status < 0;
  }

  /** What an operator sees: status and the first 256 characters of the body (IG never puts secrets there). */
  String describe() {
    if (isTransportFailure()) {
      return "transport error: " + transportError;
    }
    String b = body.length() > 256 ? body.substring(0, 256) : body;
    return "status=" + status + " body=" + b.replace('\n', ' ');
  }

  /** Items decided from the start of the request before the first undecided one. */
  int decidedPrefix() {
    int n = 0;
    while (n < decisions.size() && decisions.get(n) != null) {
      n++;
    }
    return n;
  }

  /** The per-item result list of a 2xx answer ({@code [..]} or {@code {"results": [..]}}) of the request's length. */
  private static JsonArray results(String body, int items) {
    Object parsed;
    try {
      parsed = body == null || body.isBlank() ? null : Json.decodeValue(body);
    } catch (DecodeException e) {
      return null;
    }
    JsonArray results = parsed instanceof JsonArray a ? a
        : parsed instanceof JsonObject o && o.getValue("results") instanceof JsonArray a ? a
        : parsed instanceof JsonObject o && items == 1 ? new JsonArray().add(o) : null;
    return results == null || results.size() != items ? null : results;
  }

  private static List<String> decisions(JsonArray results) {
    List<String> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      Object d = results.getValue(i) instanceof JsonObject o ? o.getValue("decision") : null;
      out.add(d != null && DECISIONS.contains(d.toString()) ? d.toString() : null);
    }
    return out;
  }

  /** Each item's own {@code status} (IG's per-item HTTP status), 200 when the item carries none. */
  private static List<Integer> itemStatus(JsonArray results) {
    List<Integer> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      Object s = results.getValue(i) instanceof JsonObject o ? o.getValue("status") : null;
      out.add(s instanceof Number n ? n.intValue() : 200);
    }
    return out;
  }

  private static long retryAfterMs(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(header.trim())) * 1000;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
