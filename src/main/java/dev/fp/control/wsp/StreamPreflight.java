package dev.fp.control.wsp;

import dev.fp.contract.Catalogue;
import dev.fp.contract.Ids;
import dev.fp.contract.JsonDoc;
import dev.fp.contract.OracleException;
import dev.fp.contract.PackManifest;
import dev.fp.contract.StreamViewDocs;
import dev.fp.contract.WorldKey;
import dev.fp.control.wsp.core.OutputPlan;
import dev.fp.control.wsp.core.StreamPins;
import dev.fp.control.wsp.core.WspFailure;
import dev.fp.oraclestore.EngineWorld;
import dev.fp.oraclestore.OracleRoot;
import dev.fp.parquet.FlatRowReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pre-stream checks of control_ingress §4.2–§4.4, in order, each failing with its reason code: engine root
 * ({@code ENGINE_ROOT_MISSING}), {@code run_receipt.json} ({@code RUN_RECEIPT_UNREADABLE}, {@code WORLD_KEY_MISSING}),
 * the catalogue, the pack manifest at the engine root ({@code PACK_MANIFEST_INVALID}, {@code WORLD_KEY_MISMATCH};
 * missing or unsealed only fails when strict), the output plan, each output's gate flags ({@code GATE_PASS_MISSING})
 * and stream view ({@code STREAM_VIEW_MISSING}, {@code STREAM_VIEW_RECEIPT_BAD}, {@code STREAM_VIEW_ID_MISMATCH},
 * {@code STREAM_VIEW_OUTPUT_MISMATCH}, {@code STREAM_VIEW_EMPTY}). Blocking (object-store reads): run on a worker.
 */
final class StreamPreflight {
  /** The inputs of one READY the checks resolve against. */
  record Request(String engineRunRoot, String streamViewRoot, String scenarioId, String platformRunId,
                 String scenarioRunId, String mode, long cap, double speedup) {
  }

  private final WspConfig.Sources sources;
  private final Function<String, OracleRoot> roots;

  StreamPreflight(WspConfig.Sources sources, Function<String, OracleRoot> roots) {
    this.sources = sources;
    this.roots = roots;
  }

  StreamSetup check(Request r) {
    if (r.engineRunRoot() == null || r.engineRunRoot().isBlank()) {
      throw new WspFailure("ENGINE_ROOT_MISSING", "no engine_run_root in wiring, READY or run facts");
    }
    OracleRoot engine = roots.apply(r.engineRunRoot());
    WorldKey key = worldKey(engine, r.scenarioId());
    Catalogue catalogue = catalogue(engine);
    Optional<Map<String, Object>> manifest = packManifest(engine, key);
    String packKey = manifest.map(m -> (String) m.get("oracle_pack_id"))
        .orElseGet(() -> Ids.fallbackPackKey(engine.uri()));
    String engineRelease = manifest.map(m -> (String) m.get("engine_release")).orElse(null);
    StreamPins pins = new StreamPins(key.manifestFingerprint(), key.parameterHash(), key.seed(), key.scenarioId(),
        key.runId(), r.platformRunId(), r.scenarioRunId(), packKey, engineRelease);
    OutputPlan plan = OutputPlan.of(r.mode(), sources.trafficOutputIds(), sources.contextOutputIds());
    OracleRoot viewBase = roots.apply(viewBase(r, engine));
    List<OutputView> views = new ArrayList<>();
    for (String output : plan.streamOrder()) {
      Catalogue.Entry entry = catalogue.find(output).orElseThrow(() -> new WspFailure("OUTPUT_UNKNOWN",
          output + " is not in " + engine.locator(Catalogue.PATH)));
      checkGates(engine, key, entry);
      views.add(view(viewBase.resolve("output_id=" + output), engine.uri(), key.scenarioId(), entry));
    }
    return new StreamSetup(engine.uri(), pins, plan, views, r.cap(), r.speedup());
  }

  private static WorldKey worldKey(OracleRoot engine, String scenarioId) {
    if (scenarioId == null || scenarioId.isBlank()) {
      throw new WspFailure("SCENARIO_ID_MISSING", "run facts carry no pins.scenario_id");
    }
    byte[] receipt;
    try {
      receipt = engine.read(EngineWorld.RUN_RECEIPT).orElseThrow(() -> new WspFailure("RUN_RECEIPT_UNREADABLE",
          "no " + engine.locator(EngineWorld.RUN_RECEIPT)));
    } catch (RuntimeException e) {
      throw e instanceof WspFailure w ? w : new WspFailure("RUN_RECEIPT_UNREADABLE",
          engine.locator(EngineWorld.RUN_RECEIPT) + ": " + e.getMessage(), e);
    }
    try {
      return WorldKey.fromReceipt(receipt, scenarioId, engine.locator(EngineWorld.RUN_RECEIPT));
    } catch (OracleException e) {
      throw new WspFailure(e.code(), e.getMessage(), e);
    }
  }

  private static Catalogue catalogue(OracleRoot engine) {
    byte[] bytes = engine.read(Catalogue.PATH).orElseThrow(() -> new WspFailure("CATALOGUE_MISSING",
        "no " + engine.locator(Catalogue.PATH)));
    try {
      return Catalogue.parse(bytes);
    } catch (OracleException e) {
      throw new WspFailure(e.code(), e.getMessage(), e);
    }
  }

  private Optional<Map<String, Object>> packManifest(OracleRoot engine, WorldKey key) {
    Optional<byte[]> bytes = engine.read(PackManifest.MANIFEST);
    if (bytes.isEmpty()) {
      if (sources.strictPack()) {
        throw new WspFailure("PACK_MANIFEST_MISSING", "no " + engine.locator(PackManifest.MANIFEST));
      }
      return Optional.empty();
    }
    Map<String, Object> m = JsonDoc.parse(bytes.get()).filter(d -> d.get("oracle_pack_id") instanceof String
        && d.get("world_key") instanceof Map<?, ?>).orElseThrow(() -> new WspFailure("PACK_MANIFEST_INVALID",
        engine.locator(PackManifest.MANIFEST) + " lacks oracle_pack_id or world_key"));
    List<String> diff = PackManifest.manifestDiff(Map.of("world_key", key.toMap()), Map.of("world_key",
        m.get("world_key")));
    if (!diff.isEmpty()) {
      throw new WspFailure("WORLD_KEY_MISMATCH", engine.locator(PackManifest.MANIFEST) + " world_key "
          + m.get("world_key") + " != receipt " + key.toMap());
    }
    if (sources.strictPack() && !engine.exists(PackManifest.SEAL) && !engine.exists(PackManifest.SEAL_FLAG)) {
      throw new WspFailure("PACK_NOT_SEALED", "no " + engine.locator(PackManifest.SEAL));
    }
    return Optional.of(m);
  }

  private String viewBase(Request r, OracleRoot engine) {
    if (sources.streamViewRoot() != null) {
      return sources.streamViewRoot();
    }
    if (r.streamViewRoot() != null && !r.streamViewRoot().isBlank()) {
      return r.streamViewRoot();
    }
    return engine.locator("stream_view/ts_utc");
  }

  private void checkGates(OracleRoot engine, WorldKey key, Catalogue.Entry entry) {
    if (!sources.requireGatePass() || entry.gates().isEmpty()) {
      return;
    }
    Map<String, String> flags = Catalogue.gateFlags(engine.read(Catalogue.GATE_MAP_PATH).orElseThrow(() ->
        new WspFailure("GATE_PASS_MISSING", "no " + engine.locator(Catalogue.GATE_MAP_PATH))));
    for (String gate : entry.gates()) {
      String template = flags.get(gate);
      String flag = template == null ? null : key.render(template);
      if (flag == null || !engine.exists(flag)) {
        throw new WspFailure("GATE_PASS_MISSING", entry.outputId() + " needs " + gate + " ("
            + (flag == null ? "not in the gate map" : engine.locator(flag) + " missing") + ")");
      }
    }
  }

  private static OutputView view(OracleRoot root, String engineRoot, String scenarioId, Catalogue.Entry entry) {
    String output = entry.outputId();
    Map<String, Object> receipt = doc(root, StreamViewDocs.RECEIPT);
    Map<String, Object> manifest = doc(root, StreamViewDocs.MANIFEST);
    Object status = receipt.get("status");
    if (status != null && !"".equals(status) && !"OK".equals(status)) {
      throw new WspFailure("STREAM_VIEW_RECEIPT_BAD", root.locator(StreamViewDocs.RECEIPT) + " status=" + status);
    }
    String expectedId = Ids.streamViewId(engineRoot, scenarioId, output);
    if (manifest.get("stream_view_id") != null && !expectedId.equals(manifest.get("stream_view_id"))) {
      throw new WspFailure("STREAM_VIEW_ID_MISMATCH", root.locator(StreamViewDocs.MANIFEST) + " stream_view_id "
          + manifest.get("stream_view_id") + " != " + expectedId + " (engine root " + engineRoot + ")");
    }
    if (manifest.get("output_id") != null && !output.equals(manifest.get("output_id"))) {
      throw new WspFailure("STREAM_VIEW_OUTPUT_MISMATCH", root.locator(StreamViewDocs.MANIFEST) + " output_id "
          + manifest.get("output_id"));
    }
    List<String> parts = root.list("").stream().filter(k -> k.endsWith(".parquet") && !k.contains("/")).sorted()
        .toList();
    if (parts.isEmpty()) {
      throw new WspFailure("STREAM_VIEW_EMPTY", root.locator("") + " has no *.parquet part");
    }
    long rows = receipt.get("sorted_stats") instanceof Map<?, ?> s && s.get("row_count") instanceof Number n
        ? n.longValue() : footerRows(root, parts);
    List<String> pk = entry.primaryKey().isEmpty() ? dev.fp.contract.OutputIds.primaryKey(output) : entry.primaryKey();
    return new OutputView(output, root, parts, rows, pk);
  }

  private static long footerRows(OracleRoot root, List<String> parts) {
    long rows = 0;
    for (String part : parts) {
      try (FlatRowReader reader = new FlatRowReader(root.inputFile(part), root.locator(part))) {
        rows += reader.totalRows();
      }
    }
    return rows;
  }

  private static Map<String, Object> doc(OracleRoot root, String name) {
    try {
      return root.read(name).flatMap(JsonDoc::parse).orElseThrow(() -> new WspFailure("STREAM_VIEW_MISSING",
          root.locator(name) + " is missing or not a JSON object"));
    } catch (WspFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new WspFailure("STREAM_VIEW_MISSING", root.locator(name) + ": " + e.getMessage(), e);
    }
  }
}
