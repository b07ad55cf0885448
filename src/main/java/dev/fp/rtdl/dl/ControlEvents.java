package dev.fp.rtdl.dl;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.contract.Json;
import dev.fp.platform.JsonFiles;
import dev.fp.rtdl.dl.core.Posture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ladder's control-event trail, {@code degrade_ladder/control_events.jsonl} (reference rtdl §5 outbox): one
 * {@code dl.posture_changed.v1} line per posture that started or changed the mode. The event id is a function of the
 * run, scope and posture_seq, and a line whose id is already in the file is not appended again, so re-publishing the
 * outbox after a crash never doubles a line. Blocking: call from a worker.
 */
final class ControlEvents {
  static final String FILE = "control_events.jsonl";
  static final String EVENT_TYPE = "dl.posture_changed.v1";

  private final Path file;
  private Set<String> written;

  ControlEvents(Path componentDir) {
    this.file = componentDir.resolve(FILE);
  }

  static String eventId(String platformRunId, Posture p) {
    return Hashing.sha256Hex(platformRunId + "|" + p.scopeKey() + "|" + p.postureSeq());
  }

  static Map<String, Object> event(String platformRunId, Posture p) {
    Map<String, Object> payload = new LinkedHashMap<>(p.toDecision());
    payload.put("scope_kind", "GLOBAL");
    payload.put("change_kind", p.changeKind());
    payload.put("signal_states", p.signalStates());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId(platformRunId, p));
    e.put("event_type", EVENT_TYPE);
    e.put("ts_utc", p.decidedAtUtc());
    e.put("platform_run_id", platformRunId);
    e.put("payload", payload);
    return e;
  }

  /** Appends the event of {@code p} unless the file holds it already; true when a line was written. */
  boolean append(String platformRunId, Posture p) {
    if (written == null) {
      written = readIds();
    }
    String id = eventId(platformRunId, p);
    if (!written.add(id)) {
      return false;
    }
    JsonFiles.appendLine(file, CanonicalJson.write(event(platformRunId, p)));
    return true;
  }

  private Set<String> readIds() {
    Set<String> ids = new HashSet<>();
    if (!Files.isRegularFile(file)) {
      return ids;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          ids.add(String.valueOf(Json.readObject(line).get("event_id")));
        } catch (IOException torn) {
          // a line torn by a kill mid-append: its event is re-appended whole
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file, e);
    }
    return ids;
  }
}
