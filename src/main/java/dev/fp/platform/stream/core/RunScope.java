package dev.fp.platform.stream.core;

import dev.fp.contract.Json;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/**
 * Decodes a record's data once and applies the run-scope gate (ARCHITECTURE §6, reference rtdl §0.5): only envelopes
 * whose {@code platform_run_id} (or {@code payload.pins.platform_run_id}) is this run's reach the processor. Records
 * of another run, without a run id, or whose data is not a JSON object are skipped; the shell still checkpoints past
 * them and counts each kind ({@link Verdict#counter()}).
 */
public final class RunScope {

  /** What the gate decided for one record. */
  public enum Verdict {
    ACCEPTED(null),
    OTHER_RUN(ShellCounters.SKIPPED_OTHER_RUN),
    NO_RUN_ID(ShellCounters.SKIPPED_NO_RUN_ID),
    UNDECODABLE(ShellCounters.SKIPPED_UNDECODABLE);

    private final String counter;

    Verdict(String counter) {
      this.counter = counter;
    }

    /** The shell counter a skipped record increments; null for ACCEPTED. */
    public String counter() {
      return counter;
    }
  }

  /** A gated record: {@code record} is set unless UNDECODABLE, {@code error} only then. */
  public record Gated(Verdict verdict, StreamRecord record, String error) {
  }

  private final String platformRunId;

  public RunScope(String platformRunId) {
    if (platformRunId == null || platformRunId.isBlank()) {
      throw new IllegalArgumentException("run scope needs a platform_run_id");
    }
    this.platformRunId = platformRunId;
  }

  public String platformRunId() {
    return platformRunId;
  }

  /** Decodes {@code data} (the record's bytes as text) and gates it. */
  public Gated gate(String topic, int partition, String offset, String offsetKind, String publishedAtUtc, String data) {
    Map<String, Object> map;
    try {
      map = Json.readObject(data);
    } catch (IOException e) {
      return new Gated(Verdict.UNDECODABLE, null, "not a JSON object: " + e.getMessage());
    }
    StreamRecord r = new StreamRecord(topic, partition, offset, offsetKind,
        publishedAtUtc == null ? "" : publishedAtUtc, Collections.unmodifiableMap(map));
    String runId = runIdOf(r.envelope());
    Verdict v = runId == null ? Verdict.NO_RUN_ID : runId.equals(platformRunId) ? Verdict.ACCEPTED : Verdict.OTHER_RUN;
    return new Gated(v, r, null);
  }

  static String runIdOf(Map<String, Object> envelope) {
    if (envelope.get("platform_run_id") instanceof String s) {
      return s;
    }
    if (envelope.get("payload") instanceof Map<?, ?> payload && payload.get("pins") instanceof Map<?, ?> pins
        && pins.get("platform_run_id") instanceof String s) {
      return s;
    }
    return null;
  }
}
