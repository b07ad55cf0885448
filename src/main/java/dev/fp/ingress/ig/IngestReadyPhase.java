package dev.fp.ingress.ig;

import dev.fp.contract.Topics;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.Phase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * P4 INGEST_READY: IG answers its health route per the auth contract — 401 without a key, 200 with a health payload
 * with one — and every stream IG publishes to exists. The entry action probes over real HTTP and records both
 * answers; AMBER is acceptable before traffic. Commit evidence: {@code runs/fraud-platform/<run>/ingestion_gate/
 * p4_health_probe.json}.
 */
public final class IngestReadyPhase implements PhaseHandler {
  static final List<String> PUBLISH_TOPICS = List.of(Topics.TRAFFIC_FRAUD, Topics.TRAFFIC_BASELINE,
      Topics.CONTEXT_ARRIVAL_EVENTS, Topics.CONTEXT_ARRIVAL_ENTITIES, Topics.CONTEXT_FLOW_ANCHOR_FRAUD,
      Topics.CONTEXT_FLOW_ANCHOR_BASELINE, Topics.RTDL, Topics.CASE, Topics.AUDIT);
  private final Supplier<String> baseUrl;
  private final String apiKey;

  /**
   * @param baseUrl the platform's HTTP base URL (known once the server listens)
   * @param apiKey  a key allowed to read IG health ({@code components.supervisor.api_key})
   */
  public IngestReadyPhase(Supplier<String> baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  @Override
  public Phase phase() { return Phase.P4; }

  @Override
  public Future<String> enter(RunContext run) {
    WebClient client = WebClient.create(run.vertx());
    String url = baseUrl.get() + "/v1/ops/health";
    Future<HttpResponse<Buffer>> anonymous = client.getAbs(url).send();
    Future<HttpResponse<Buffer>> keyed = client.getAbs(url).putHeader("X-IG-Api-Key", apiKey).send();
    Path evidence = probeFile(run);
    return Future.all(anonymous, keyed).eventually(() -> {
      client.close();
      return Future.succeededFuture();
    }).compose(all -> run.vertx().executeBlocking(() -> {
      Map<String, Object> probe = new LinkedHashMap<>();
      probe.put("url", url);
      probe.put("unauthenticated_status", anonymous.result().statusCode());
      probe.put("authenticated_status", keyed.result().statusCode());
      probe.put("authenticated_body", keyed.result().bodyAsString());
      JsonFiles.write(evidence, probe);
      return evidence.toString();
    }));
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    Path evidence = probeFile(run);
    return run.vertx().executeBlocking(() -> JsonFiles.read(evidence)).compose(probe ->
        run.substrate().eventLog().topics().map(topics -> {
          List<GateCheck> checks = new ArrayList<>();
          Object anon = probe.get("unauthenticated_status");
          Object keyed = probe.get("authenticated_status");
          String body = String.valueOf(probe.get("authenticated_body"));
          checks.add(GateCheck.of(Integer.valueOf(401).equals(anon), "ig_health_unauthenticated_401",
              evidence.toString(), "401", String.valueOf(anon), "IG must require X-IG-Api-Key on /v1/ops/health"));
          String state = healthState(body);
          boolean healthy = Integer.valueOf(200).equals(keyed) && ("GREEN".equals(state) || "AMBER".equals(state));
          checks.add(GateCheck.of(healthy, "ig_health_authenticated_200", evidence.toString(),
              "200 with state GREEN or AMBER", keyed + " " + body, "check IG's log (ig_service.log) and the api key"));
          for (String topic : PUBLISH_TOPICS) {
            boolean ok = topics.contains(topic);
            checks.add(GateCheck.of(ok, "publish_stream_exists:" + topic, "event log topics", "exists",
                ok ? "exists" : "missing", "re-run bootstrap: fp up"));
          }
          return checks;
        }));
  }

  /** The health state in IG's payload, or null when the body is not a health payload. */
  static String healthState(String body) {
    try {
      io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(body);
      return json.getString("state", json.getString("health_state"));
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static Path probeFile(RunContext run) {
    return run.runRoot().resolve("ingestion_gate/p4_health_probe.json");
  }
}
