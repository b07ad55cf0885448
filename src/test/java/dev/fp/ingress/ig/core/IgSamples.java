package dev.fp.ingress.ig.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fp.platform.auth.ApiPrincipal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Envelopes shaped like WSP's and DF's, the shipped IG policy, and principals, for IG tests. */
public final class IgSamples {
  public static final String MF = "c8fd43cd60ce0ede0c63d2ceb4610f167c9b107e1d59b9b8c7d7b8d0028b05c8";
  public static final String PH = "56d45126eaabedd083a1d8428a763e0278c89efec5023cfd6cf3cab7fc8dd2d7";
  /** control_ingress §9: event_id of the vector row (flow 1001, seq 0). */
  public static final String EVENT_ID = "6602a30cec18d1d34042974851e944b1af4a0698b9868d6e8200709f80b3738d";
  public static final String RUN = "platform_20260210T091951Z";
  public static final String SCENARIO_RUN_ID = "7e0847b8622533045c5b69bce61c88bd";
  public static final String ENGINE_RUN_ID = "c25a2675fbfbacd952b13bb594880e92";
  public static final ApiPrincipal ANY = new ApiPrincipal("SYSTEM::test", true, Set.of(), Set.of());
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private IgSamples() {
  }

  /** A traffic event of the fraud stream, flow {@code flowId}, sequence {@code seq}. */
  public static Map<String, Object> traffic(String eventId, long flowId, int seq) {
    Map<String, Object> e = pinned(eventId, "s3_event_stream_with_fraud_6B");
    e.put("run_id", ENGINE_RUN_ID);
    e.put("schema_version", "v1");
    e.put("producer", "svc:world_stream_producer");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("flow_id", flowId);
    p.put("event_seq", seq);
    p.put("event_type", seq == 0 ? "AUTH_REQUEST" : "AUTH_RESPONSE");
    p.put("ts_utc", "2026-01-01T00:00:01.000000Z");
    p.put("amount", 12.5);
    p.put("seed", 42);
    p.put("manifest_fingerprint", MF);
    p.put("parameter_hash", PH);
    p.put("scenario_id", "baseline_v1");
    p.put("fraud_flag", false);
    p.put("campaign_id", null);
    e.put("payload", p);
    return e;
  }

  public static Map<String, Object> traffic() {
    return traffic(EVENT_ID, 1001, 0);
  }

  /** A DF decision_response (schema_version v1, six pins, no run_id). */
  public static Map<String, Object> decision(String eventId) {
    Map<String, Object> e = pinned(eventId, "decision_response");
    e.put("schema_version", "v1");
    e.put("producer", "decision_fabric");
    Map<String, Object> pins = new LinkedHashMap<>();
    for (String pin : List.of("manifest_fingerprint", "parameter_hash", "seed", "scenario_id", "platform_run_id",
        "scenario_run_id")) {
      pins.put(pin, e.get(pin));
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("decision_id", "d".repeat(32));
    p.put("decision_kind", "fraud_decision_v0");
    p.put("pins", pins);
    p.put("decided_at_utc", "2026-01-01T00:00:02.000000Z");
    p.put("policy_rev", Map.of("policy_id", "df.registry_resolution.v0", "revision", "r2", "content_digest", "x"));
    p.put("run_config_digest", "e".repeat(64));
    p.put("source_event", Map.of("event_id", EVENT_ID, "event_type", "s3_event_stream_with_fraud_6B"));
    p.put("decision", Map.of("action_kind", "STEP_UP"));
    p.put("reason_codes", List.of());
    e.put("payload", p);
    return e;
  }

  private static Map<String, Object> pinned(String eventId, String eventType) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", eventId);
    e.put("event_type", eventType);
    e.put("ts_utc", "2026-01-01T00:00:01.000000Z");
    e.put("manifest_fingerprint", MF);
    e.put("parameter_hash", PH);
    e.put("seed", 42);
    e.put("scenario_id", "baseline_v1");
    e.put("platform_run_id", RUN);
    e.put("scenario_run_id", SCENARIO_RUN_ID);
    return e;
  }

  /** The shipped policy files (conf/policies) and payload schemas (classpath). */
  public static IgPolicy policy() {
    return policy(doc("policies/partitioning_profiles_v0.yaml"));
  }

  public static IgPolicy policy(PolicyDoc partitioning) {
    PolicyDoc schemaPolicy = doc("policies/schema_policy_v0.yaml");
    List<PolicyDoc> schemas = new ArrayList<>();
    schemaPolicy.sections("event_types").values().stream().map(r -> r.string("payload_schema_ref")).distinct()
        .forEach(ref -> schemas.add(new PolicyDoc(ref, schemas().document(ref))));
    return IgPolicy.of(doc("policies/class_map_v0.yaml"), partitioning, schemaPolicy, schemas, "ig_policy", "v0");
  }

  public static PayloadSchemas schemas() {
    return new PayloadSchemas(IgSamples::resource);
  }

  public static AdmissionChecks checks() {
    IgPolicy policy = policy();
    PayloadSchemas schemas = schemas();
    schemas.compileAll(policy.payloadSchemaRefs());
    return new AdmissionChecks(policy, schemas);
  }

  @SuppressWarnings("unchecked")
  public static PolicyDoc doc(String name) {
    try {
      return new PolicyDoc(name, YAML.readValue(Files.readString(Path.of("conf").resolve(name)), Map.class));
    } catch (IOException e) {
      throw new IllegalStateException("read conf/" + name, e);
    }
  }

  static String resource(String ref) {
    try (InputStream in = IgSamples.class.getResourceAsStream("/" + ref)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(ref, e);
    }
  }
}
