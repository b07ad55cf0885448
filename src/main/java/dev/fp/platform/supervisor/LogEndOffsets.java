package dev.fp.platform.supervisor;

import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.Position;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of every partition of the event-bus topics as P7 measured it — the offsets P8 requires every projector's
 * checkpoint to reach. Stored as {@code runs/fraud-platform/<run>/supervisor/p7_log_end_offsets.json}:
 * {@code {platform_run_id, offset_kind, measured_at_utc, partitions: [{topic, partition, end_offset, records}]}}
 * ({@code end_offset} null for an empty partition).
 */
public record LogEndOffsets(String platformRunId, String offsetKind, String measuredAtUtc, List<End> partitions) {
  public static final String FILE = "supervisor/p7_log_end_offsets.json";

  /** One partition's end: the offset of its last record (null when empty) and how many records it holds. */
  public record End(String topic, int partition, String endOffset, long records) {
  }

  public LogEndOffsets {
    partitions = List.copyOf(partitions);
  }

  public static Path path(Path platformRoot, String platformRunId) {
    return platformRoot.resolve(platformRunId).resolve(FILE);
  }

  /** Measures the end of every partition of {@code topics} now. */
  public static Future<LogEndOffsets> measure(EventLog log, List<String> topics, String platformRunId, Clock clock) {
    List<Future<List<End>>> perTopic = new ArrayList<>();
    for (String topic : topics) {
      perTopic.add(log.partitions(topic).compose(n -> {
        List<Future<End>> ends = new ArrayList<>();
        for (int p = 0; p < n; p++) {
          int partition = p;
          ends.add(log.backlog(topic, p, Position.trimHorizon(), Long.MAX_VALUE)
              .map(b -> new End(topic, partition, b.lastOffset(), b.records())));
        }
        return Future.all(ends).map(all -> ends.stream().map(Future::result).toList());
      }));
    }
    return Future.all(perTopic).map(all -> new LogEndOffsets(platformRunId, log.offsetKind(), Timestamps.now(clock),
        perTopic.stream().flatMap(f -> f.result().stream()).toList()));
  }

  /** The measured end of a partition, empty when it was not measured or held no record. */
  public Optional<String> endOf(String topic, int partition) {
    return partitions.stream().filter(e -> e.topic().equals(topic) && e.partition() == partition)
        .map(End::endOffset).filter(o -> o != null).findFirst();
  }

  /** Blocking. */
  public void write(Path platformRoot) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (End e : partitions) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("topic", e.topic());
      row.put("partition", e.partition());
      row.put("end_offset", e.endOffset());
      row.put("records", e.records());
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("platform_run_id", platformRunId);
    doc.put("offset_kind", offsetKind);
    doc.put("measured_at_utc", measuredAtUtc);
    doc.put("partitions", rows);
    JsonFiles.write(path(platformRoot, platformRunId), doc);
  }

  /** Blocking; empty when P7 has not written the file. */
  @SuppressWarnings("unchecked")
  public static Optional<LogEndOffsets> read(Path platformRoot, String platformRunId) {
    Path file = path(platformRoot, platformRunId);
    if (!java.nio.file.Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, Object> doc = JsonFiles.read(file);
    List<End> ends = new ArrayList<>();
    for (Map<String, Object> row : (List<Map<String, Object>>) doc.get("partitions")) {
      ends.add(new End((String) row.get("topic"), ((Number) row.get("partition")).intValue(),
          (String) row.get("end_offset"), ((Number) row.get("records")).longValue()));
    }
    return Optional.of(new LogEndOffsets((String) doc.get("platform_run_id"), (String) doc.get("offset_kind"),
        (String) doc.get("measured_at_utc"), ends));
  }

  /** {@code topic/p=offset} per non-empty partition, for gate checks. */
  public String summary() {
    List<String> out = new ArrayList<>();
    partitions.stream().filter(e -> e.endOffset() != null)
        .forEach(e -> out.add(e.topic() + "/" + e.partition() + "=" + e.endOffset()));
    return out.isEmpty() ? "every partition empty" : String.join(", ", out);
  }
}
