package dev.fp.platform.stream;

import dev.fp.platform.JsonFiles;
import dev.fp.platform.health.HealthArtifacts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a stream component's artifacts under {@code runs/fraud-platform/<run>/} on a worker thread: the health
 * convention files (ARCHITECTURE §8) — {@code <component>/health/last_health.json} and
 * {@code <component>/metrics/last_metrics.json}, the latter with every counter and the consumer's lag under
 * {@value #CONSUMER} — and the component's own files. {@link #readLag} reads the lag back for {@code fp status} and
 * the operator API.
 */
public final class StreamArtifacts {
  /** The metrics file's field holding the consumer's group, lag and partitions. */
  public static final String CONSUMER = "consumer";
  private final Vertx vertx;
  private final HealthArtifacts health;
  private final Path runRoot;
  private final String directory;

  StreamArtifacts(Vertx vertx, HealthArtifacts health, String platformRunId, String directory) {
    this.vertx = vertx;
    this.health = health;
    this.runRoot = health.componentDir(platformRunId, "");
    this.directory = directory;
  }

  Future<Void> write(StreamStatus status, Artifacts a) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("counters", status.counters().values());
    metrics.put(CONSUMER, consumer(status));
    return vertx.executeBlocking(() -> {
      health.write(status.platformRunId(), directory, a.health(), a.healthExtras(), metrics);
      a.files().forEach((path, doc) -> JsonFiles.write(runRoot.resolve(path), doc));
      return null;
    }, false);
  }

  private static Map<String, Object> consumer(StreamStatus s) {
    List<Map<String, Object>> partitions = new ArrayList<>();
    for (PartitionLag l : s.lag()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("topic", l.topic());
      p.put("partition", l.partition());
      p.put("checkpoint", l.checkpoint());
      p.put("end_offset", l.endOffset());
      p.put("records_behind", l.recordsBehind());
      p.put("exact", l.exact());
      p.put("seconds_behind", l.secondsBehind());
      partitions.add(p);
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("group_id", s.groupId());
    c.put("records_behind", s.recordsBehind());
    c.put("seconds_behind", s.secondsBehind());
    c.put("last_error", s.lastError());
    c.put("partitions", partitions);
    return c;
  }

  /**
   * Every stream component's last recorded lag in a run: component folder → {@code {generated_at_utc, group_id,
   * records_behind, seconds_behind, …}} from its metrics file; components without one are left out. Blocking.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readLag(Path platformRoot, String platformRunId) {
    Map<String, Object> out = new TreeMap<>();
    Path run = platformRoot.resolve(platformRunId);
    if (!Files.isDirectory(run)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(run, Files::isDirectory)) {
      for (Path dir : dirs) {
        Path file = dir.resolve("metrics/last_metrics.json");
        if (Files.isRegularFile(file)) {
          Map<String, Object> m = JsonFiles.read(file);
          if (m.get(CONSUMER) instanceof Map<?, ?> c) {
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) c);
            row.put("generated_at_utc", m.get("generated_at_utc"));
            out.put(dir.getFileName().toString(), row);
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("read lag under " + run, e);
    }
    return out;
  }
}
