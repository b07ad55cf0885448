package dev.fp.ingress.ig;

import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.core.IgSamples;
import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.evidence.EvidenceLayout;
import dev.fp.platform.evidence.EvidenceSettings;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real platform process in a temp folder (embedded substrate, HTTP on port 0) with IG deployed on a
 * {@link FaultyEventLog}, a real HTTP client, and helpers to read the log and the evidence.
 */
final class IgHarness implements AutoCloseable {
  static final String WSP_KEY = "k-wsp";
  static final String DF_KEY = "k-df";
  static final String OPERATOR_KEY = "k-operator";
  static final String PLAIN_KEY = "k-plain";
  static final String RUN = IgSamples.RUN;
  final Path dir;
  final PlatformRuntime runtime;
  final FaultyEventLog log;
  IgVerticle ig;
  String deployment;
  final String base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private IgHarness(Path dir, PlatformRuntime runtime, FaultyEventLog log, IgVerticle ig, String deployment) {
    this.dir = dir;
    this.runtime = runtime;
    this.log = log;
    this.ig = ig;
    this.deployment = deployment;
    this.base = "http://127.0.0.1:" + runtime.http().actualPort();
  }

  /** Starts a platform with IG; {@code ig} overrides {@code components.ig} settings (health runs every 300 ms). */
  static IgHarness start(Path dir, Map<String, Object> overrides) throws Exception {
    return start(dir, overrides, "");
  }

  /** As {@link #start(Path, Map)} on the given {@code substrate:} section (YAML, indented two spaces; "" = embedded). */
  static IgHarness start(Path dir, Map<String, Object> overrides, String substrateYaml) throws Exception {
    return start(dir, overrides, substrateYaml, Map.of());
  }

  /** As {@link #start(Path, Map, String)} with {@code http:} settings (timeouts) besides the ephemeral port. */
  static IgHarness start(Path dir, Map<String, Object> overrides, String substrateYaml, Map<String, Object> http)
      throws Exception {
    Map<String, Object> settings = new java.util.LinkedHashMap<>();
    settings.put("health_probe_interval_ms", 300);
    settings.put("health_export_interval_ms", 300);
    settings.putAll(overrides);
    Files.createDirectories(dir.resolve("policies"));
    for (String p : List.of("class_map_v0.yaml", "partitioning_profiles_v0.yaml", "schema_policy_v0.yaml")) {
      Files.copy(Path.of("conf/policies").resolve(p), dir.resolve("policies").resolve(p),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(dir.resolve("keys.txt"), String.join("\n",
        WSP_KEY + " principal=SYSTEM::world_stream_producer classes=traffic_fraud,traffic_baseline,context_arrival",
        DF_KEY + " principal=SYSTEM::decision_fabric classes=rtdl_decision,rtdl_action_intent",
        OPERATOR_KEY + " principal=HUMAN::operator classes=* roles=operator",
        PLAIN_KEY) + "\n");
    Files.writeString(dir.resolve("t.yaml"), "profile: t\nruns_root: " + dir.resolve("runs") + "\n"
        + (substrateYaml.isBlank() ? "" : "substrate:\n" + substrateYaml)
        + "http:\n  port: 0\n" + yaml(http, "  ") + "security:\n  api_keys_file: keys.txt\n"
        + "components:\n  ig:\n" + yaml(settings, "    "));
    PlatformConfig cfg = ConfigLoader.load("t", dir, Map.of());
    PlatformRunIds.pin(cfg.runsRoot(), RUN);
    PlatformRuntime runtime = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    runtime.vertx().exceptionHandler(UNHANDLED::add);
    await(new SubstrateBootstrap(runtime.substrate()).bootstrap());
    FaultyEventLog log = new FaultyEventLog(runtime.substrate().eventLog());
    PlatformServices services = runtime.services();
    IgVerticle ig = new IgVerticle(services, log);
    String id = await(runtime.vertx().deployVerticle(ig));
    return new IgHarness(dir, runtime, log, ig, id);
  }

  /**
   * With the governance writer deployed, an envelope of an unknown event type pushed twice is one CORRIDOR_ANOMALY
   * (SCHEMA_POLICY_MISSING) in the run's governance log, and IG's policy activation for the run is one
   * POLICY_REV_CHANGED carrying the policy digest, however many exports re-offer it.
   */
  @SuppressWarnings("unchecked")
  void assertGovernanceOfAQuarantineSentTwice() throws Exception {
    Map<String, Object> e = IgSamples.traffic(UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID()
        .toString().replace("-", ""), 1, 0);
    e.put("event_type", "brand_new_type");
    Map<String, List<Map<String, Object>>> found = governanceOfAQuarantineSentTwice(e);
    assertThat(found.get("anomalies")).singleElement().satisfies(a -> assertThat((Map<String, Object>) a.get("details"))
        .containsEntry("reason_code", "SCHEMA_POLICY_MISSING").containsEntry("anomaly_category",
            "SCHEMA_POLICY_MISSING").containsEntry("corridor", "ingestion_gate"));
    assertThat(found.get("policy")).singleElement().satisfies(p -> assertThat(
        ((Map<?, ?>) p.get("provenance")).get("run_config_digest")).isNotNull());
  }

  private Map<String, List<Map<String, Object>>> governanceOfAQuarantineSentTwice(Map<String, Object> quarantined)
      throws Exception {
    String writer = await(runtime.vertx().deployVerticle(new dev.fp.obsgov.governance.GovernanceWriterVerticle(
        runtime.substrate(), Clock.systemUTC())));
    try {
      for (int i = 0; i < 2; i++) {
        if (!"QUARANTINE".equals(push(PLAIN_KEY, quarantined).getString("decision"))) {
          throw new IllegalStateException("not quarantined: " + quarantined);
        }
      }
      Map<String, List<Map<String, Object>>> found = new java.util.LinkedHashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      do {
        await(runtime.vertx().timer(200));
        found.put("anomalies", await(dev.fp.obsgov.governance.GovernanceReader.query(runtime.substrate().objectStore(),
            RUN, new dev.fp.obsgov.governance.core.GovernanceQuery("CORRIDOR_ANOMALY", null, 0))).stream()
            .filter(e -> quarantined.get("event_id").equals(((Map<?, ?>) e.get("details")).get("event_id"))).toList());
        found.put("policy", await(dev.fp.obsgov.governance.GovernanceReader.query(runtime.substrate().objectStore(),
            RUN, new dev.fp.obsgov.governance.core.GovernanceQuery("POLICY_REV_CHANGED", null, 0))));
      } while ((found.get("anomalies").isEmpty() || found.get("policy").isEmpty()) && System.nanoTime() < deadline);
      await(runtime.vertx().timer(1_000)); // more exports re-offer the activation; nothing more may be recorded
      found.put("policy", await(dev.fp.obsgov.governance.GovernanceReader.query(runtime.substrate().objectStore(),
          RUN, new dev.fp.obsgov.governance.core.GovernanceQuery("POLICY_REV_CHANGED", null, 0))));
      return found;
    } finally {
      await(runtime.vertx().undeploy(writer));
    }
  }

  /**
   * Exceptions thrown on a Vert.x context and not handled there (an {@code IllegalStateException: Promise already
   * completed} would land here), across every harness of the test JVM.
   */
  static final List<Throwable> UNHANDLED = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static String yaml(Map<String, Object> settings, String indent) {
    StringBuilder b = new StringBuilder();
    settings.forEach((k, v) -> b.append(indent).append(k).append(": ").append(v).append('\n'));
    return b.toString();
  }

  HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("content-type", "application/json").timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header(IgRoutes.API_KEY_HEADER, key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header(IgRoutes.API_KEY_HEADER, key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonObject push(String key, Map<String, Object> envelope) throws Exception {
    HttpResponse<String> r = post(IgRoutes.PUSH, key, Json.encode(envelope));
    return new JsonObject(r.body()).put("_status", r.statusCode());
  }

  List<JsonObject> batch(String key, List<Map<String, Object>> envelopes) throws Exception {
    HttpResponse<String> r = post(IgRoutes.BATCH, key, Json.encode(envelopes));
    if (r.statusCode() != 200) {
      throw new AssertionError("batch answered " + r.statusCode() + ": " + r.body());
    }
    List<JsonObject> out = new ArrayList<>();
    new JsonObject(r.body()).getJsonArray("results").forEach(o -> out.add((JsonObject) o));
    return out;
  }

  /** Every record of a topic, all partitions, in order. */
  List<LogRecord> records(String topic) throws Exception {
    List<LogRecord> all = new ArrayList<>();
    int partitions = await(log.partitions(topic));
    for (int p = 0; p < partitions; p++) {
      Position from = Position.trimHorizon();
      while (true) {
        ReadBatch b = await(log.read(topic, p, from, 1000));
        if (b.records().isEmpty()) {
          break;
        }
        all.addAll(b.records());
        from = b.next();
      }
    }
    return all;
  }

  /** A reader of IG's evidence (any writer instance finds durable records through the store). */
  EvidenceWriter evidence(EvidenceLayout layout) {
    return EvidenceWriters.create(runtime.vertx(), runtime.substrate().objectStore(), runtime.substrate().stateStore(),
        EvidenceSettings.of(layout, IgConfig.EVIDENCE_BUCKET));
  }

  /** IG's StateStore (the platform's, opened by IG on start). */
  dev.fp.substrate.state.StateStore state() throws Exception {
    return await(runtime.substrate().stateStore());
  }

  /** Commits one unit of IG-table writes in a batch of its own, as another IG process would. */
  <T> T commit(java.util.function.Function<dev.fp.ingress.ig.store.IgTx, Future<T>> unit) throws Exception {
    dev.fp.substrate.state.WriteBatch batch = new dev.fp.substrate.state.WriteBatch();
    T result = await(unit.apply(new dev.fp.ingress.ig.store.IgTx(state(), batch)));
    await(state().commit(batch));
    return result;
  }

  Path objects() {
    return dir.resolve("runs/objects/fraud-platform");
  }

  /** A fresh IG verticle on the same platform and state, as after a process restart. */
  void restartIg() throws Exception {
    stopIg();
    ig = new IgVerticle(runtime.services(), log);
    deployment = await(runtime.vertx().deployVerticle(ig));
  }

  /** Undeploys IG (drain, flush, final health export). */
  void stopIg() throws Exception {
    if (runtime.vertx().deploymentIDs().contains(deployment)) {
      await(runtime.vertx().undeploy(deployment));
    }
  }

  @Override
  public void close() throws Exception {
    try {
      stopIg();
    } finally {
      await(runtime.shutdown());
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
