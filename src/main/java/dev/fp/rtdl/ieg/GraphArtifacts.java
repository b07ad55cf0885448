package dev.fp.rtdl.ieg;

import dev.fp.contract.Timestamps;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.stream.Artifacts;
import dev.fp.platform.stream.StreamStatus;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.ieg.core.GraphCounters;
import dev.fp.rtdl.ieg.core.GraphVersion;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * IEG's artifacts (reference rtdl §2, §9): health from the durable counters with the graph scope, graph version and
 * integrity status, and {@value #RECONCILIATION} with the graph version, its checkpoint basis, the run config
 * digest and the entities by type — all of one committed state (the shell's counters and checkpoints of one moment).
 */
final class GraphArtifacts implements Function<StreamStatus, Artifacts> {
  static final String RECONCILIATION = IdentityEntityGraph.DIRECTORY + "/reconciliation/reconciliation.json";
  private final String offsetKind;
  private final Clock clock;
  private final String runConfigDigest = IdentityEntityGraph.runConfigDigest();

  GraphArtifacts(String offsetKind, Clock clock) {
    this.offsetKind = offsetKind;
    this.clock = clock;
  }

  @Override
  public Artifacts apply(StreamStatus s) {
    Counters c = s.counters();
    GraphVersion version = GraphVersion.of(s.groupId(), offsetKind, s.checkpoints());
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("stream_id", s.groupId());
    scope.put("graph_stream_base", IdentityEntityGraph.NAME + ".v0");
    scope.put("platform_run_id", s.platformRunId());
    Map<String, Object> graphVersion = new LinkedHashMap<>();
    graphVersion.put("version_id", version.versionId());
    graphVersion.put("version_id_hex32", version.hex32());
    graphVersion.put("stream", s.groupId());
    HealthReport health = GraphCounters.health(c);
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("graph_scope", scope);
    extras.put("graph_version", graphVersion);
    extras.put("run_config_digest", runConfigDigest);
    extras.put("integrity_status", c.get(GraphCounters.APPLY_FAILURES) > 0 ? "DEGRADED" : "CLEAN");
    extras.put("apply_failure_count", c.get(GraphCounters.APPLY_FAILURES));

    Map<String, Object> reconciliation = new LinkedHashMap<>();
    reconciliation.put("generated_at_utc", Timestamps.now(clock));
    reconciliation.put("graph_scope", Map.of("stream_id", s.groupId(), "platform_run_id", s.platformRunId()));
    reconciliation.put("graph_version", version.versionId());
    reconciliation.put("graph_version_hex32", version.hex32());
    reconciliation.put("run_config_digest", runConfigDigest);
    reconciliation.put("basis", version.basis());
    reconciliation.put("entities_by_type", GraphCounters.entitiesByType(c));
    reconciliation.put("counts", GraphCounters.reference(c));
    return new Artifacts(health, extras, Map.of(RECONCILIATION, reconciliation));
  }
}
