package dev.fp.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stream view's identity and its two documents per output: {@code _stream_sort_receipt.json} (the per-output
 * "done" proof, with raw and sorted stats) and {@code _stream_view_manifest.json}. A receipt is valid for a re-run
 * when its status is OK and source_locator_digest, output_id, stream_view_id and partition_granularity all equal
 * what the run would produce.
 */
public final class StreamViewDocs {
  public static final String RECEIPT = "_stream_sort_receipt.json";
  public static final String MANIFEST = "_stream_view_manifest.json";
  public static final String GRANULARITY = "flat";
  public static final List<String> SORT_KEYS = List.of("ts_utc", "filename", "file_row_number");
  private static final List<String> RECEIPT_IDENTITY = List.of("source_locator_digest", "output_id",
      "stream_view_id", "partition_granularity");

  private StreamViewDocs() {
  }

  /** sha256 of the canonical JSON of {engine_run_root, scenario_id, output_id, sort_keys, partition_granularity}. */
  public static String streamViewId(String engineRunRoot, String scenarioId, String outputId) {
    Map<String, Object> m = new TreeMap<>();
    m.put("engine_run_root", engineRunRoot);
    m.put("scenario_id", scenarioId);
    m.put("output_id", outputId);
    m.put("sort_keys", SORT_KEYS);
    m.put("partition_granularity", GRANULARITY);
    return Hashing.canonicalHash(m);
  }

  /** sha256 of the sorted full source paths joined by newlines. */
  public static String sourceLocatorDigest(List<String> locators) {
    return Hashing.sha256Hex(String.join("\n", locators.stream().sorted().toList()));
  }

  /** Identity of one stream view: what a receipt must match. */
  public record ViewId(String streamViewId, String engineRunRoot, String streamViewRoot, String outputId,
                       String sourceLocatorDigest) {
  }

  /** The receipt; the stats are in their receipt form ({@code row_count, hash_sum, hash_sum2, min/max_ts_utc}). */
  public static Map<String, Object> receipt(ViewId id, Map<String, Object> rawStats, Map<String, Object> sortedStats,
                                            List<String> parts, String createdUtc) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("stream_view_id", id.streamViewId());
    r.put("engine_run_root", id.engineRunRoot());
    r.put("stream_view_root", id.streamViewRoot());
    r.put("output_id", id.outputId());
    r.put("output_ids", List.of(id.outputId()));
    r.put("sort_keys", SORT_KEYS);
    r.put("partition_granularity", GRANULARITY);
    r.put("source_locator_digest", id.sourceLocatorDigest());
    r.put("raw_stats", rawStats);
    r.put("sorted_stats", sortedStats);
    r.put("parts", parts);
    r.put("created_utc", createdUtc);
    r.put("status", "OK");
    return r;
  }

  public static Map<String, Object> manifest(ViewId id, WorldKey key, String createdUtc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stream_view_id", id.streamViewId());
    m.put("engine_run_root", id.engineRunRoot());
    m.put("stream_view_root", id.streamViewRoot());
    m.put("engine_run_id", key.runId());
    m.put("scenario_id", key.scenarioId());
    m.put("output_id", id.outputId());
    Map<String, Object> wk = new LinkedHashMap<>();
    wk.put("manifest_fingerprint", key.manifestFingerprint());
    wk.put("parameter_hash", key.parameterHash());
    wk.put("seed", key.seed());
    wk.put("scenario_id", key.scenarioId());
    m.put("world_key", wk);
    m.put("output_ids", List.of(id.outputId()));
    m.put("sort_keys", SORT_KEYS);
    m.put("partition_granularity", GRANULARITY);
    m.put("created_utc", createdUtc);
    return m;
  }

  /** Why a stored receipt does not prove this view (empty when it does). */
  public static List<String> receiptProblems(ViewId id, Map<String, Object> stored) {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("source_locator_digest", id.sourceLocatorDigest());
    expected.put("output_id", id.outputId());
    expected.put("stream_view_id", id.streamViewId());
    expected.put("partition_granularity", GRANULARITY);
    List<String> problems = new java.util.ArrayList<>();
    if (!"OK".equals(stored.get("status"))) {
      problems.add("status=" + stored.get("status"));
    }
    for (String f : RECEIPT_IDENTITY) {
      if (!expected.get(f).equals(stored.get(f))) {
        problems.add(f + " " + stored.get(f) + " != " + expected.get(f));
      }
    }
    return problems;
  }
}
