package dev.fp.substrate.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fp.contract.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The run-scope gate (ARCHITECTURE §6, reference rtdl §0.5): only records of one {@code platform_run_id} pass. The
 * run id is read from the envelope, else from {@code payload.pins.platform_run_id}. Records of another run, without a
 * run id, or whose data is not a JSON envelope (logged with topic, partition and offset) do not pass; the consumer
 * skips them and still advances its checkpoint past them.
 */
public final class RunScopeGate {
  private static final Logger LOG = LoggerFactory.getLogger(RunScopeGate.class);

  private final String platformRunId;

  public RunScopeGate(String platformRunId) {
    if (platformRunId == null || platformRunId.isBlank()) {
      throw new IllegalArgumentException("run-scope gate needs a platform_run_id");
    }
    this.platformRunId = platformRunId;
  }

  public String platformRunId() {
    return platformRunId;
  }

  public boolean accepts(LogRecord r) {
    return platformRunId.equals(runIdOf(r));
  }

  /** The record's {@code platform_run_id}, or null when it has none or is undecodable. */
  static String runIdOf(LogRecord r) {
    JsonNode env;
    try {
      env = Json.readTree(r.data());
    } catch (IOException e) {
      LOG.warn("run-scope gate: undecodable record skipped, topic {} partition {} offset {}: {}", r.topic(),
          r.partition(), r.offset(), e.getMessage());
      return null;
    }
    JsonNode id = env.path("platform_run_id");
    if (!id.isTextual()) {
      id = env.path("payload").path("pins").path("platform_run_id");
    }
    return id.isTextual() ? id.asText() : null;
  }
}
