package dev.fp.rtdl.ieg;

import dev.fp.contract.Hashing;
import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.rtdl.ieg.core.GraphCore;
import dev.fp.rtdl.ieg.core.GraphCounters;
import dev.fp.rtdl.ieg.store.GraphTables;
import io.vertx.core.Future;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Identity &amp; Entity Graph (IEG, reference rtdl §2, with edges): entities, identifiers and the edges between
 * them from the traffic and context topics, queried by the decision lane ({@code dev.fp.platform.query
 * .GraphQueryClient}). This class says what IEG is to the shell ({@link #component}) and to P8 ({@link #projector}).
 */
public final class IdentityEntityGraph {
  public static final String PROCESS_ID = "ieg_projector";
  public static final String NAME = "ieg";
  public static final String DIRECTORY = "identity_entity_graph";
  /** Traffic and the context topics, fraud and baseline variants (the run's mode decides which carry data). */
  public static final List<String> TOPICS = List.of(Topics.TRAFFIC_FRAUD, Topics.TRAFFIC_BASELINE,
      Topics.CONTEXT_ARRIVAL_EVENTS, Topics.CONTEXT_ARRIVAL_ENTITIES, Topics.CONTEXT_FLOW_ANCHOR_FRAUD,
      Topics.CONTEXT_FLOW_ANCHOR_BASELINE);
  /** What the graph is built by, digested into {@code run_config_digest}. */
  static final Map<String, Object> RUN_CONFIG = runConfig();

  private IdentityEntityGraph() {
  }

  public static String groupId(String platformRunId) {
    return StreamComponent.groupId(NAME, platformRunId);
  }

  static StreamComponent<Void> component(String offsetKind, Clock clock) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, GraphTables.ALL, GraphCounters.ALL,
        new GraphCore(), EffectRunner.none(), "ieg_effect_failures_total", new GraphArtifacts(offsetKind, clock));
  }

  /** IEG in the {@code rtdl_core} pack, with P8's IEG checks. */
  public static Projector projector(PlatformServices services) {
    return new Projector(ProcessSpec.forRun(PROCESS_ID, run -> new IegVerticle(services, run)), NAME, DIRECTORY,
        TOPICS, IdentityEntityGraph::closeout);
  }

  /**
   * P8's IEG checks (reference §9): {@code events_seen > 0} in the durable counters and the reconciliation file
   * present (P8 checks GREEN itself).
   */
  static Future<List<GateCheck>> closeout(RunContext run) {
    List<GateCheck> checks = new ArrayList<>();
    return run.substrate().stateStore().compose(store -> {
      String where = store.description() + " " + CountersTable.TABLE.name();
      Future<Void> seen = CountersTable.read(store, run.runId(), NAME, GraphCounters.ALL).map(c -> {
        long n = c.get(GraphCounters.EVENTS_SEEN);
        checks.add(GateCheck.of(n > 0, "ieg_events_seen", where, "> 0", String.valueOf(n),
            "IEG read no record of this run: check " + PROCESS_ID + " and the traffic and context topics"));
        return null;
      });
      Path reconciliation = run.runRoot().resolve(GraphArtifacts.RECONCILIATION);
      Future<Void> file = run.vertx().executeBlocking(() -> Files.isRegularFile(reconciliation)).map(present -> {
        checks.add(GateCheck.of(present, "ieg_reconciliation", reconciliation.toString(), "present",
            present ? "present" : "missing", "IEG has not written its artifacts: check " + PROCESS_ID));
        return null;
      });
      return Future.all(seen, file).map(v -> checks);
    });
  }

  private static Map<String, Object> runConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("graph_stream_base", NAME + ".v0");
    c.put("topics", TOPICS.stream().sorted().toList());
    c.put("classification", "classification_v0");
    c.put("identity_hints", "identity_hints_v0:field_map");
    c.put("entity_id", "sha256(entity_type:identifier_type:identifier_value:scope)");
    c.put("edges", "ieg.edges.v0:party_star+flow_star");
    return c;
  }

  /** sha256 of the canonical {@link #RUN_CONFIG}. */
  static String runConfigDigest() {
    return Hashing.canonicalHash(RUN_CONFIG);
  }
}
