package dev.fp.ops;

import dev.fp.platform.JsonFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every component's durable counters in a run as its health convention files last recorded them: component folder →
 * {@code {generated_at_utc, health_state, metrics}} from {@code metrics/last_metrics.json} and
 * {@code health/last_health.json}. Blocking.
 */
final class RunCounters {
  private RunCounters() {
  }

  static Map<String, Object> read(Path platformRoot, String platformRunId) {
    Map<String, Object> out = new TreeMap<>();
    Path run = platformRoot.resolve(platformRunId);
    if (!Files.isDirectory(run)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(run, Files::isDirectory)) {
      for (Path dir : dirs) {
        Path metrics = dir.resolve("metrics/last_metrics.json");
        if (!Files.isRegularFile(metrics)) {
          continue;
        }
        Map<String, Object> m = JsonFiles.read(metrics);
        Path health = dir.resolve("health/last_health.json");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("generated_at_utc", m.get("generated_at_utc"));
        row.put("health_state", Files.isRegularFile(health) ? JsonFiles.read(health).get("health_state") : null);
        row.put("metrics", m.get("metrics"));
        out.put(dir.getFileName().toString(), row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("read counters under " + run, e);
    }
    return out;
  }
}
