package dev.fp.obsgov.report;

import dev.fp.contract.Json;
import dev.fp.obsgov.ObsKeys;
import dev.fp.obsgov.report.core.Components;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.supervisor.LogEndOffsets;
import dev.fp.substrate.objectstore.ObjectMeta;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the report is computed from: the components' health and metrics files and P7's end offsets under the
 * local run root (on a worker), WSP's READY run records and IG's receipt and quarantine refs from the object store.
 * A missing file is absent from the result, never an error.
 */
final class ReportSources {
  static final int REF_SAMPLE = 50;
  private final Vertx vertx;
  private final ObjectStore store;
  private final Path platformRoot;

  ReportSources(Vertx vertx, ObjectStore store, Path platformRoot) {
    this.vertx = vertx;
    this.store = store;
    this.platformRoot = platformRoot;
  }

  /** Component folder → document, for each file that exists ({@code health} or {@code metrics}). */
  Future<Map<String, Map<String, Object>>> componentFiles(String runId, boolean health) {
    return vertx.executeBlocking(() -> {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      for (String c : Components.ALL) {
        Map<String, Object> doc = readIfExists(runFile(runId,
            health ? Components.healthFile(c) : Components.metricsFile(c)));
        if (doc != null) {
          out.put(c, doc);
        }
      }
      return out;
    });
  }

  Future<Map<String, Object>> decisionQuality(String runId) {
    return vertx.executeBlocking(() -> readIfExists(runFile(runId, Components.DECISION_QUALITY_FILE)));
  }

  Future<Map<String, Object>> logEndOffsets(String runId) {
    return vertx.executeBlocking(() -> readIfExists(runFile(runId, LogEndOffsets.FILE)));
  }

  /** The reconciliation files of {@link Components#RECONCILIATION_FILES} that exist, run-relative. */
  Future<List<String>> reconciliationRefs(String runId) {
    return vertx.executeBlocking(() -> Components.RECONCILIATION_FILES.stream()
        .filter(f -> Files.isRegularFile(runFile(runId, f))).toList());
  }

  /** Every line of the run's {@code wsp/ready_runs/*.jsonl}. */
  Future<List<Map<String, Object>>> wspReadyLines(String runId) {
    return store.list(ObsKeys.BUCKET, ObsKeys.key(runId, "wsp/ready_runs/")).compose(objects -> {
      List<Future<List<Map<String, Object>>>> reads = new ArrayList<>();
      objects.forEach(m -> reads.add(store.get(ObsKeys.BUCKET, m.key()).map(b -> jsonLines(b.toString(
          StandardCharsets.UTF_8), m.key()))));
      return Future.all(reads).map(all -> {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          lines.addAll(all.resultAt(i));
        }
        return lines;
      });
    });
  }

  /** Up to {@value #REF_SAMPLE} object refs under {@code <run>/<prefix>} (receipts, quarantine). */
  Future<List<String>> refs(String runId, String prefix) {
    return store.list(ObsKeys.BUCKET, ObsKeys.key(runId, prefix)).map(objects -> objects.stream()
        .limit(REF_SAMPLE).map(ObjectMeta::key).map(k -> store.uri(ObsKeys.BUCKET, k)).toList());
  }

  Path runFile(String runId, String relative) {
    return platformRoot.resolve(runId).resolve(relative);
  }

  static Map<String, Object> readIfExists(Path file) {
    return Files.isRegularFile(file) ? JsonFiles.read(file) : null;
  }

  private static List<Map<String, Object>> jsonLines(String text, String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        try {
          out.add(Json.readObject(line));
        } catch (IOException e) {
          throw new IllegalStateException("unreadable line in " + key + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }
}
