package dev.fp.control.wsp;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;
import dev.fp.contract.Ids;
import dev.fp.contract.OutputIds;
import dev.fp.contract.PackManifest;
import dev.fp.contract.WorldKey;
import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowWriter;
import dev.fp.parquet.FlatSchema;
import dev.fp.substrate.objectstore.ObjectStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.fp.testing.Await.await;

/**
 * A small engine run root with its interface pack, gate flags, sealed pack manifest and sorted stream views, written
 * as the oracle lays them out (control_ingress §2), uploaded under {@code s3://oracle-store/worlds/<name>} of the
 * test's object store. Row i of an output has ts_utc = start + i seconds; each output's rows are split across
 * {@code parts} part files in order.
 */
final class WorldFixture {
  static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";
  static final String ENGINE_RUN_ID = "0123456789abcdef0123456789abcdef";
  static final String SCENARIO = "baseline_v1";
  static final long SEED = 42;
  static final String ENGINE_RELEASE = "engine-test-1";
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final String engineRoot;
  final String packId;
  private final Map<String, Integer> rows;

  private WorldFixture(String engineRoot, String packId, Map<String, Integer> rows) {
    this.engineRoot = engineRoot;
    this.packId = packId;
    this.rows = rows;
  }

  /** The four outputs a fraud-mode run streams, {@code rowsEach} rows each. */
  static WorldFixture fraud(ObjectStore store, Path tmp, String name, int rowsEach, int parts) throws Exception {
    return write(store, tmp, name, Map.of(OutputIds.ARRIVAL_EVENTS, rowsEach, OutputIds.ARRIVAL_ENTITIES, rowsEach,
        OutputIds.FLOW_ANCHOR_FRAUD, rowsEach, OutputIds.TRAFFIC_FRAUD, rowsEach), parts);
  }

  static WorldFixture write(ObjectStore store, Path tmp, String name, Map<String, Integer> rows, int parts)
      throws Exception {
    Path root = tmp.resolve("world-" + name);
    String engineRoot = "s3://oracle-store/worlds/" + name;
    writeText(root.resolve("run_receipt.json"), CanonicalJson.write(Map.of("run_id", ENGINE_RUN_ID,
        "manifest_fingerprint", MF, "parameter_hash", PH, "seed", SEED)));
    String catalogue = catalogue();
    String gateMap = gateMap();
    writeText(root.resolve("interface_pack/engine_outputs.catalogue.yaml"), catalogue);
    writeText(root.resolve("interface_pack/engine_gates.map.yaml"), gateMap);
    writeText(root.resolve("data/layer2/5B/validation/manifest_fingerprint=" + MF + "/_passed.flag"), "ok");
    writeText(root.resolve("data/layer3/6B/validation/manifest_fingerprint=" + MF + "/_passed.flag"), "ok");
    WorldKey key = new WorldKey(MF, PH, SCENARIO, SEED, ENGINE_RUN_ID);
    String packId = PackManifest.packId(key, ENGINE_RELEASE, Hashing.sha256Hex(catalogue), Hashing.sha256Hex(gateMap));
    writeText(root.resolve(PackManifest.MANIFEST), CanonicalJson.write(PackManifest.manifest(packId, key,
        ENGINE_RELEASE, Hashing.sha256Hex(catalogue), Hashing.sha256Hex(gateMap), "2026-02-10T09:00:00.000000Z")));
    for (Map.Entry<String, Integer> e : rows.entrySet()) {
      writeView(root.resolve("stream_view/ts_utc/output_id=" + e.getKey()), engineRoot, e.getKey(), e.getValue(),
          parts);
    }
    upload(store, root, "worlds/" + name);
    return new WorldFixture(engineRoot, packId, rows);
  }

  int rows(String outputId) {
    return rows.get(outputId);
  }

  /** The event ids of an output in stream order, as the reference derives them. */
  List<String> eventIds(String outputId) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < rows.get(outputId); i++) {
      ids.add(Ids.engineEventId(outputId, row(outputId, i), MF, PH, SEED, SCENARIO));
    }
    return ids;
  }

  /** Row i of an output, shaped as IG's payload schema for that output (src/main/resources/schemas/payloads). */
  static Map<String, Object> row(String outputId, int i) {
    Map<String, Object> r = new LinkedHashMap<>();
    String ts = dev.fp.contract.Timestamps.format(START.plusSeconds(i));
    if (isEventStream(outputId)) {
      r.put("flow_id", 1000L + i / 2);
      r.put("event_seq", (long) (i % 2));
      r.put("event_type", i % 2 == 0 ? "AUTH_REQUEST" : "AUTH_RESPONSE");
      r.put("ts_utc", ts);
      r.put("amount", 10.0 + i * 0.25);
    } else if (isFlowAnchor(outputId)) {
      r.put("flow_id", 1000L + i);
      r.put("arrival_seq", (long) i + 1);
      r.put("merchant_id", 7L);
      entities(r, i);
      r.put("ts_utc", ts);
      r.put("amount", 10.0 + i * 0.25);
    } else if (outputId.equals(OutputIds.ARRIVAL_EVENTS)) {
      r.put("merchant_id", 1L + i % 3);
      r.put("zone_representation", "Europe/London");
      r.put("bucket_index", (long) i / 10);
      r.put("arrival_seq", (long) i + 1);
      r.put("ts_utc", ts);
      r.put("tzid_primary", "Europe/London");
      r.put("ts_local_primary", ts.replace("Z", ""));
      r.put("is_virtual", i % 4 == 0);
    } else {
      r.put("arrival_seq", (long) i + 1);
      r.put("merchant_id", 1L + i % 3);
      r.put("ts_utc", ts);
      entities(r, i);
      r.put("session_id", 900L + i);
    }
    r.put("seed", SEED);
    r.put("manifest_fingerprint", MF);
    r.put("parameter_hash", PH);
    r.put("scenario_id", SCENARIO);
    if (outputId.equals(OutputIds.TRAFFIC_FRAUD) || outputId.equals(OutputIds.FLOW_ANCHOR_FRAUD)) {
      r.put("fraud_flag", i % 10 == 3);
      r.put("campaign_id", i % 10 == 3 ? "c0ffee".repeat(10) + "c0de" : null);
    }
    return r;
  }

  private static void entities(Map<String, Object> r, int i) {
    r.put("party_id", 100L + i);
    r.put("account_id", 200L + i);
    r.put("instrument_id", 300L + i);
    r.put("device_id", 400L + i);
    r.put("ip_id", 500L + i);
  }

  private static boolean isEventStream(String o) {
    return o.equals(OutputIds.TRAFFIC_FRAUD) || o.equals(OutputIds.TRAFFIC_BASELINE);
  }

  private static boolean isFlowAnchor(String o) {
    return o.equals(OutputIds.FLOW_ANCHOR_FRAUD) || o.equals(OutputIds.FLOW_ANCHOR_BASELINE);
  }

  private static FlatSchema schema(String outputId) {
    FlatSchema.Builder b = FlatSchema.builder(outputId);
    for (Map.Entry<String, Object> c : row(outputId, 0).entrySet()) {
      if (c.getValue() instanceof Long) {
        b.int64(c.getKey());
      } else if (c.getValue() instanceof Double) {
        b.float64(c.getKey());
      } else if (c.getValue() instanceof Boolean) {
        b.bool(c.getKey());
      } else if (c.getValue() == null) {
        b.optionalString(c.getKey());
      } else {
        b.string(c.getKey());
      }
    }
    return b.build();
  }

  private static void writeView(Path dir, String engineRoot, String outputId, int n, int parts)
      throws Exception {
    Files.createDirectories(dir);
    FlatSchema schema = schema(outputId);
    int perPart = Math.max(1, (n + parts - 1) / parts);
    for (int p = 0, i = 0; i < n || p == 0; p++) {
      try (FlatRowWriter w = new FlatRowWriter(dir.resolve(String.format("part-%06d.parquet", p)), schema,
          FlatRowWriter.DEFAULT_ROW_GROUP_BYTES)) {
        for (int k = 0; k < perPart && i < n; k++, i++) {
          w.write(fill(new FlatRow(schema), schema, row(outputId, i)));
        }
      }
    }
    writeText(dir.resolve("_stream_sort_receipt.json"), CanonicalJson.write(Map.of("status", "OK", "output_id",
        outputId, "stream_view_id", Ids.streamViewId(engineRoot, SCENARIO, outputId), "sorted_stats",
        Map.of("row_count", n))));
    writeText(dir.resolve("_stream_view_manifest.json"), CanonicalJson.write(Map.of("output_id", outputId,
        "stream_view_id", Ids.streamViewId(engineRoot, SCENARIO, outputId), "engine_run_root", engineRoot)));
  }

  private static FlatRow fill(FlatRow row, FlatSchema schema, Map<String, Object> values) {
    for (int c = 0; c < schema.size(); c++) {
      Object v = values.get(schema.name(c));
      if (v == null) {
        row.setNull(c);
      } else if (v instanceof Boolean flag) {
        row.setBool(c, flag);
      } else if (v instanceof Long l) {
        row.setLong(c, l);
      } else if (v instanceof Double d) {
        row.setDouble(c, d);
      } else {
        row.setString(c, (String) v);
      }
    }
    return row;
  }

  private static String catalogue() {
    StringBuilder y = new StringBuilder("outputs:\n");
    for (String o : OutputIds.ALL) {
      String gate = o.equals(OutputIds.ARRIVAL_EVENTS) ? "gate.layer2.5B.validation" : "gate.layer3.6B.validation";
      y.append("  - output_id: ").append(o).append('\n')
          .append("    path_template: data/").append(o).append("/part-*.parquet\n")
          .append("    primary_key: ").append(OutputIds.primaryKey(o)).append('\n')
          .append("    read_requires_gates: [").append(gate).append("]\n");
    }
    return y.toString();
  }

  private static String gateMap() {
    return "gates:\n"
        + "  - gate_id: gate.layer2.5B.validation\n"
        + "    passed_flag_path_template: data/layer2/5B/validation/manifest_fingerprint={manifest_fingerprint}/"
        + "_passed.flag\n"
        + "  - gate_id: gate.layer3.6B.validation\n"
        + "    passed_flag_path_template: data/layer3/6B/validation/manifest_fingerprint={manifest_fingerprint}/"
        + "_passed.flag\n";
  }

  private static void writeText(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void upload(ObjectStore store, Path root, String prefix) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String key = prefix + "/" + root.relativize(f).toString().replace('\\', '/');
      await(store.putFile("oracle-store", key, f));
    }
  }
}
