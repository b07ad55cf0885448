package dev.fp.ops;

import dev.fp.platform.RunService;
import dev.fp.platform.supervisor.Phase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /v1/ops/runs/{id}/retries}: {@code phase} (required, {@code P0}..{@code P12}; whether the
 * seed allows it is the run service's answer), {@code reset_outputs} (P3: output ids whose stream view is rebuilt),
 * {@code new_key} or {@code equivalence_key} (P5), {@code max_events_per_output} (P6: must equal the run's cap).
 */
final class RetryBody {
  private static final Set<String> FIELDS = Set.of("phase", "reset_outputs", "new_key", "equivalence_key",
      "max_events_per_output");

  private RetryBody() {
  }

  /** @throws IllegalArgumentException naming the field that is missing, unknown or of the wrong type */
  static RunService.ResumeRequest parse(JsonObject body) {
    if (body == null) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    for (String f : body.fieldNames()) {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown field " + f + " (allowed: " + new TreeSet<>(FIELDS) + ")");
      }
    }
    Phase phase = phase(body.getValue("phase"));
    List<String> outputs = new ArrayList<>();
    Object reset = body.getValue("reset_outputs");
    if (reset != null) {
      if (!(reset instanceof JsonArray a) || a.stream().anyMatch(o -> !(o instanceof String))) {
        throw new IllegalArgumentException("reset_outputs: an array of output ids");
      }
      a.forEach(o -> outputs.add((String) o));
    }
    Object newKey = body.getValue("new_key", false);
    Object key = body.getValue("equivalence_key");
    Object cap = body.getValue("max_events_per_output");
    if (!(newKey instanceof Boolean)) {
      throw new IllegalArgumentException("new_key: a boolean");
    }
    if (key != null && !(key instanceof String)) {
      throw new IllegalArgumentException("equivalence_key: a string");
    }
    if (cap != null && !(cap instanceof Integer || cap instanceof Long)) {
      throw new IllegalArgumentException("max_events_per_output: an integer");
    }
    return RunService.ResumeRequest.retry(phase, cap == null ? null : ((Number) cap).longValue(), outputs,
        (String) key, (Boolean) newKey);
  }

  private static Phase phase(Object value) {
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("phase: required, one of P0..P12");
    }
    try {
      return Phase.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("phase: " + s + " is not a phase (P0..P12)");
    }
  }
}
