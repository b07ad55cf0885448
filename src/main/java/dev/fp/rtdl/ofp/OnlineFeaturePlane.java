package dev.fp.rtdl.ofp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fp.contract.Hashing;
import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.Enricher;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.rtdl.ofp.core.FeaturePolicy;
import dev.fp.rtdl.ofp.core.OfpCore;
import dev.fp.rtdl.ofp.core.OfpCounters;
import dev.fp.rtdl.ofp.store.OfpTables;
import dev.fp.contract.WireTime;
import dev.fp.platform.stream.core.StreamRecord;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Online Feature Plane (OFP, reference rtdl §3): online features per flow and per anchor entity with event-time
 * windows, served to the decision lane by {@code get_features}. This class says what OFP is to the shell
 * ({@link #component}) and to P8 ({@link #projector}).
 */
public final class OnlineFeaturePlane {
  public static final String PROCESS_ID = "ofp_projector";
  public static final String NAME = "ofp";
  public static final String DIRECTORY = "online_feature_plane";
  /** Flow anchors before traffic: a batch applies an anchor before the traffic of its flow read in the same round. */
  public static final List<String> TOPICS = List.of(Topics.CONTEXT_FLOW_ANCHOR_FRAUD,
      Topics.CONTEXT_FLOW_ANCHOR_BASELINE, Topics.TRAFFIC_FRAUD, Topics.TRAFFIC_BASELINE);

  private OnlineFeaturePlane() {
  }

  static StreamComponent<Void> component(OfpCore core, Function<StreamStatus, Artifacts> artifacts, Clock clock) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, OfpTables.ALL, OfpCounters.ALL, core,
        EffectRunner.none(), OfpCounters.BATCH_FAILURES, artifacts).withEnricher(clockForTraffic(clock));
  }

  /** Attaches the wall clock (epoch µs) to the batch's traffic records: their join-wait budget is measured with it. */
  static Enricher clockForTraffic(Clock clock) {
    return (records, reads) -> {
      Long now = WireTime.toMicros(clock.instant());
      Map<StreamRecord, Object> out = new IdentityHashMap<>();
      records.stream().filter(OfpCore::isTraffic).forEach(r -> out.put(r, now));
      return Future.succeededFuture(out);
    };
  }

  /** Reads and parses the feature policy named by {@code components.ofp.features_file}. Blocking. */
  static FeaturePolicy loadPolicy(PlatformConfig platform, OfpConfig cfg) {
    String text = String.join("\n", platform.readConfLines(cfg.featuresFile()));
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> doc = new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
      return FeaturePolicy.of(doc == null ? Map.of() : doc);
    } catch (IOException e) {
      throw new IllegalArgumentException("features policy " + cfg.featuresFile() + ": not valid YAML: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(cfg.featuresFile() + ": " + e.getMessage(), e);
    }
  }

  /** sha256 of what the features depend on besides the log: the feature definition, topics and join-wait budget. */
  static String runConfigDigest(FeaturePolicy policy, OfpConfig cfg) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("feature_def_content_digest", policy.contentDigest());
    m.put("topics", TOPICS);
    m.put("join_wait_budget_ms", cfg.joinWaitBudgetMs());
    return Hashing.canonicalHash(m);
  }

  /** OFP in the {@code rtdl_core} pack, with P8's OFP checks. */
  public static Projector projector(PlatformServices services) {
    return new Projector(ProcessSpec.forRun(PROCESS_ID, run -> new OnlineFeaturePlaneVerticle(services, run)), NAME,
        DIRECTORY, TOPICS, OnlineFeaturePlane::closeout);
  }

  /**
   * P8's OFP checks (reference §9, on durable evidence): {@code events_applied > 0} in the durable counters (the
   * reference checks events_seen, which also counts duplicates) and the reconciliation file present.
   */
  static Future<List<GateCheck>> closeout(RunContext run) {
    List<GateCheck> checks = new ArrayList<>();
    return run.substrate().stateStore().compose(store -> {
      String where = store.description() + " " + CountersTable.TABLE.name();
      Future<Void> applied = CountersTable.read(store, run.runId(), NAME, OfpCounters.ALL).map(c -> {
        checks.add(GateCheck.of(c.get(OfpCounters.APPLIED) > 0, "ofp_events_applied", where, "> 0",
            String.valueOf(c.get(OfpCounters.APPLIED)), "OFP applied no traffic of this run: check " + PROCESS_ID
                + "'s log and the traffic topics"));
        return null;
      });
      Path reconciliation = run.runRoot().resolve(OfpArtifacts.RECONCILIATION);
      Future<Void> file = run.vertx().executeBlocking(() -> Files.isRegularFile(reconciliation)).map(present -> {
        checks.add(GateCheck.of(present, "ofp_reconciliation", reconciliation.toString(), "present",
            present ? "present" : "missing", "OFP has not written its artifacts: check " + PROCESS_ID));
        return null;
      });
      return Future.all(applied, file).map(v -> checks);
    });
  }
}
