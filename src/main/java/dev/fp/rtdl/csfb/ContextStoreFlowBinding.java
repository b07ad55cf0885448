package dev.fp.rtdl.csfb;

import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.rtdl.csfb.core.CsfbCore;
import dev.fp.rtdl.csfb.core.CsfbCounters;
import dev.fp.rtdl.csfb.store.CsfbTables;
import io.vertx.core.Future;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Context Store + Flow Binding (CSFB, reference rtdl §4): join frames by arrival, flow bindings from flow anchors
 * only, join readiness and the {@code resolve_flow_binding} query DF uses. This class says what CSFB is to the shell
 * ({@link #component}) and to P8 ({@link #projector}).
 */
public final class ContextStoreFlowBinding {
  public static final String PROCESS_ID = "csfb_intake";
  public static final String NAME = "csfb";
  public static final String DIRECTORY = "context_store_flow_binding";
  /** The three context topics, with both flow-anchor variants (the run's mode decides which one carries data). */
  public static final List<String> TOPICS = List.of(Topics.CONTEXT_ARRIVAL_EVENTS, Topics.CONTEXT_ARRIVAL_ENTITIES,
      Topics.CONTEXT_FLOW_ANCHOR_FRAUD, Topics.CONTEXT_FLOW_ANCHOR_BASELINE);
  /** Counter of batches whose (empty) effects failed: CSFB has no external effect, so it stays 0. */
  static final String EFFECT_FAILURES = "effect_failures_total";

  private ContextStoreFlowBinding() {
  }

  static StreamComponent<Void> component(CsfbArtifacts artifacts) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, CsfbTables.ALL, CsfbCounters.ALL,
        new CsfbCore(NAME), EffectRunner.none(), EFFECT_FAILURES, artifacts);
  }

  /** CSFB in the {@code rtdl_core} pack, with P8's CSFB checks. */
  public static Projector projector(PlatformServices services) {
    return new Projector(ProcessSpec.forRun(PROCESS_ID, run -> new CsfbVerticle(services, run)), NAME, DIRECTORY,
        TOPICS, ContextStoreFlowBinding::closeout);
  }

  /**
   * P8's CSFB checks (reference §9): {@code join_hits > 0} in the durable counters and the reconciliation file
   * present. Health GREEN is P8's common check; join misses at the streamed data's edge do not count against it
   * ({@link StoreSurvey}).
   */
  static Future<List<GateCheck>> closeout(RunContext run) {
    List<GateCheck> checks = new ArrayList<>();
    return run.substrate().stateStore().compose(store -> {
      String where = store.description() + " " + CountersTable.TABLE.name();
      Future<Void> hits = CountersTable.read(store, run.runId(), NAME, CsfbCounters.ALL).map(c -> {
        checks.add(GateCheck.of(c.get(CsfbCounters.JOIN_HITS) > 0, "csfb_join_hits", where, "> 0",
            c.get(CsfbCounters.JOIN_HITS) + " (join_misses " + c.get(CsfbCounters.JOIN_MISSES) + ")",
            "CSFB joined no flow anchor to its arrival: check the context topics and " + PROCESS_ID));
        return null;
      });
      Path reconciliation = run.runRoot().resolve(CsfbArtifacts.RECONCILIATION);
      Future<Void> file = run.vertx().executeBlocking(() -> Files.isRegularFile(reconciliation)).map(present -> {
        checks.add(GateCheck.of(present, "csfb_reconciliation", reconciliation.toString(), "present",
            present ? "present" : "missing", "CSFB has not written its artifacts: check " + PROCESS_ID));
        return null;
      });
      return Future.all(hits, file).map(v -> checks);
    });
  }
}
