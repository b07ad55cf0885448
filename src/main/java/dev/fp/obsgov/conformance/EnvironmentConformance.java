package dev.fp.obsgov.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fp.config.ConfigNode;
import dev.fp.config.EnvTokens;
import dev.fp.contract.IgPolicyDefaults;
import dev.fp.contract.Json;
import dev.fp.contract.Timestamps;
import dev.fp.obsgov.ObsKeys;
import dev.fp.obsgov.conformance.core.ConformanceChecks;
import dev.fp.obsgov.conformance.core.ProfileFacts;
import dev.fp.platform.Substrate;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.platform.auth.ApiPrincipal;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.substrate.objectstore.ObjectMeta;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@code environment_conformance.json} for a run: the static checks over both profile files
 * ({@code conf/embedded.yaml}, {@code conf/local_parity.yaml}: IG policy refs and files, policy revision, auth mode,
 * key file with an operator and every producer, the eight governance families) and the run-time checks of the running
 * profile (buckets, every topic and the SQL schema answer; sampled IG receipts of the run carry the configured policy
 * revision and one content digest). Only the reporter writes the file (reference defect §8.9: three writers).
 */
public final class EnvironmentConformance {
  public static final List<String> PROFILES = List.of("embedded", "local_parity");
  /** Receipts read for the policy check; from the run's first receipt objects. */
  static final int RECEIPT_SAMPLE = 50;
  private final Vertx vertx;
  private final Substrate substrate;
  private final Clock clock;

  public EnvironmentConformance(Vertx vertx, Substrate substrate, Clock clock) {
    this.vertx = vertx;
    this.substrate = substrate;
    this.clock = clock;
  }

  public Future<Map<String, Object>> evaluate(String runId) {
    PlatformConfig cfg = substrate.config();
    Future<Map<String, ProfileFacts>> facts = vertx.executeBlocking(() -> {
      Map<String, ProfileFacts> out = new LinkedHashMap<>();
      for (String p : PROFILES) {
        out.put(p, facts(cfg, p));
      }
      return out;
    });
    Future<Map<String, String>> runtime = new SubstrateBootstrap(substrate).check().map(checks -> {
      Map<String, String> out = new LinkedHashMap<>();
      for (GateCheck c : checks) {
        out.put(c.name(), c.pass() ? null : c.actual() + " (" + c.evidence() + "; " + c.remedy() + ")");
      }
      return out;
    });
    Future<List<Map<String, Object>>> revs = receiptPolicyRevs(substrate.objectStore(), runId);
    return Future.all(facts, runtime, revs).map(all -> ConformanceChecks.evaluate(runId, Timestamps.now(clock),
        all.resultAt(0), GovernanceFamily.names(), all.resultAt(1), all.resultAt(2), configuredRev(cfg)));
  }

  /** What profile {@code name}'s file declares, read from the running profile's configuration folder. Blocking. */
  static ProfileFacts facts(PlatformConfig running, String name) {
    JsonNode tree;
    try {
      tree = Json.readYamlTree(String.join("\n", running.readConfLines(name + ".yaml")));
    } catch (IOException | RuntimeException e) {
      return new ProfileFacts(null, List.of(), List.of(name + ".yaml: " + e.getMessage()), null, null, null, false,
          Set.of(), Set.of(), List.of());
    }
    ConfigNode root = new ConfigNode("", tree, new EnvTokens(System.getenv()));
    ConfigNode ig = root.section("components").section("ig");
    List<String> refs = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String key : List.of("class_map_file", "partitioning_file", "schema_policy_file")) {
      String ref = ig.optString(key, null);
      refs.add(ref);
      if (ref == null) {
        missing.add("components.ig." + key + " (not declared)");
      } else if (!readable(running, ref)) {
        missing.add(ref);
      }
    }
    ConfigNode security = root.section("security");
    String keysFile = security.optString("api_keys_file", PlatformConfig.DEFAULT_API_KEYS_FILE);
    Set<String> principals = new LinkedHashSet<>();
    Set<String> operators = new LinkedHashSet<>();
    boolean keysPresent = readKeys(running, keysFile, principals, operators);
    return new ProfileFacts(root.optString("profile", null), refs, missing, ig.optString("policy_revision", null),
        security.optString("auth_mode", null), keysFile, keysPresent, principals, operators,
        root.section("components").section("obs_gov").stringList("governance_families"));
  }

  private static boolean readable(PlatformConfig cfg, String name) {
    try {
      cfg.readConfLines(name);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Fills the principals and operators of the key file; false when it is missing or does not parse. */
  private static boolean readKeys(PlatformConfig cfg, String file, Set<String> principals, Set<String> operators) {
    try {
      Path p = cfg.keysFileOf(file);
      List<String> lines = Files.isRegularFile(p) ? Files.readAllLines(p, StandardCharsets.UTF_8)
          : cfg.readConfLines(file);
      ApiKeys keys = ApiKeys.parse(file, lines);
      ApiKeys.keysByPrincipal(file, lines).forEach((principal, key) -> {
        principals.add(principal);
        keys.authenticate(key).filter(a -> a.hasRole(ApiPrincipal.OPERATOR)).ifPresent(a -> operators.add(principal));
      });
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static Map<String, String> configuredRev(PlatformConfig cfg) {
    ConfigNode ig = cfg.components().section("ig");
    Map<String, String> rev = new LinkedHashMap<>();
    rev.put("policy_id", ig.optString("policy_id", IgPolicyDefaults.POLICY_ID));
    rev.put("revision", ig.optString("policy_revision", IgPolicyDefaults.POLICY_REVISION));
    return rev;
  }

  /** {@code policy_rev} of up to {@value #RECEIPT_SAMPLE} receipts from the run's first receipt objects. */
  static Future<List<Map<String, Object>>> receiptPolicyRevs(ObjectStore store, String runId) {
    return store.list(ObsKeys.BUCKET, ObsKeys.key(runId, "ig/receipts/")).compose(objects -> {
      List<Map<String, Object>> revs = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (ObjectMeta m : objects.subList(0, Math.min(3, objects.size()))) {
        chain = chain.compose(v -> revs.size() >= RECEIPT_SAMPLE ? Future.succeededFuture()
            : store.get(ObsKeys.BUCKET, m.key()).map(body -> {
              collect(body, revs);
              return null;
            }));
      }
      return chain.map(v -> revs);
    });
  }

  @SuppressWarnings("unchecked")
  private static void collect(Buffer body, List<Map<String, Object>> revs) {
    String text = body.toString(StandardCharsets.UTF_8).strip();
    // a segment holds one receipt a line; the object layout one (possibly pretty-printed) receipt per object
    boolean jsonl = text.lines().allMatch(l -> l.isBlank() || l.startsWith("{"));
    for (String line : jsonl ? text.split("\n") : new String[] {text}) {
      if (line.isBlank() || revs.size() >= RECEIPT_SAMPLE) {
        continue;
      }
      try {
        Object rev = Json.readObject(line).get("policy_rev");
        if (rev instanceof Map<?, ?> m) {
          revs.add((Map<String, Object>) m);
        }
      } catch (IOException e) {
        throw new IllegalStateException("unreadable IG receipt: " + e.getMessage(), e);
      }
    }
  }
}
