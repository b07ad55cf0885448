package dev.fp.control.wsp;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Timestamps;
import dev.fp.contract.WspRunOptions;
import dev.fp.control.wsp.core.ReadyStatus;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference's READY run records, {@code s3://fraud-platform/<platform_run_id>/wsp/ready_runs/<message_id>.jsonl}
 * (control_ingress §4.1 step 8): one appended line {@code {message_id, run_id, status, reason, emitted,
 * engine_run_root, scenario_id, ts_utc}} per finished READY. The reporter sums {@code emitted} of STREAMED lines
 * as {@code ingress.sent}. WSP's own dedupe authority is the SQL record; this is evidence for readers.
 */
final class ReadyLedger {
  private final ObjectStore store;
  private final Clock clock;

  ReadyLedger(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  static String key(String platformRunId, String messageId) {
    return platformRunId + "/wsp/ready_runs/" + messageId + ".jsonl";
  }

  Future<Void> append(String platformRunId, String messageId, String scenarioRunId, ReadyStatus status, String reason,
                      long emitted, String engineRunRoot, String scenarioId) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("message_id", messageId);
    line.put("run_id", scenarioRunId);
    line.put("status", status.name());
    line.put("reason", reason);
    line.put("emitted", emitted);
    line.put("engine_run_root", engineRunRoot);
    line.put("scenario_id", scenarioId);
    line.put("ts_utc", Timestamps.now(clock));
    return store.append(WspRunOptions.BUCKET, key(platformRunId, messageId),
        Buffer.buffer(CanonicalJson.lineBytes(line))).mapEmpty();
  }
}
