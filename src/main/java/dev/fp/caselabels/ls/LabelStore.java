package dev.fp.caselabels.ls;

import dev.fp.caselabels.ls.core.LsCounters;
import dev.fp.caselabels.ls.store.LsTables;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.ServiceMember;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;

import java.util.List;

/**
 * The Label Store (LS, case_ops_obs §3): the writer boundary and the label queries of one platform run, served on the
 * Vert.x event bus ({@link dev.fp.platform.query.LabelStoreClient}). Not a bus consumer: a service process with its
 * P10 closeout. This class says what LS is to its pack and to the supervisor.
 */
public final class LabelStore {
  public static final String PROCESS_ID = "label_store_worker";
  public static final String NAME = "ls";
  public static final String DIRECTORY = "label_store";

  private LabelStore() {
  }

  /** One live Label Store per run: the lease of this group also serializes its writes. */
  public static String groupId(String platformRunId) {
    return NAME + ".v0::" + platformRunId;
  }

  /**
   * Where a committed assertion can be read back: its ledger row, through the operator API (or
   * {@code fp state get ls_label_assertions <run>/<id>}). The row is committed in the batch that accepts the
   * assertion, so the ref resolves whenever an ACCEPTED answer names it.
   */
  public static String assertionRef(String platformRunId, String labelAssertionId) {
    return "/v1/ops/state/tables/" + LsTables.ASSERTIONS.name() + "?key=" + platformRunId + "/" + labelAssertionId;
  }

  public static ProcessSpec process(PlatformServices services) {
    return ProcessSpec.forRun(PROCESS_ID, run -> new LabelStoreVerticle(services, run));
  }

  /** LS in the {@code case_labels} pack, with P10's LS checks. */
  public static ServiceMember member(PlatformServices services) {
    return new ServiceMember(process(services), NAME, DIRECTORY, LabelStore::closeout);
  }

  /**
   * P10's LS checks (case_ops_obs §7 item 10): labels were accepted, and every accepted assertion has its timeline
   * row. LS's health (GREEN: no anomaly, no rejection) is read from its health file by the phase.
   */
  public static Future<List<GateCheck>> closeout(RunContext run) {
    return run.substrate().stateStore().compose(store -> CountersTable.read(store, run.runId(), NAME, LsCounters.ALL)
        .map(c -> {
          String where = store.description() + " " + CountersTable.TABLE.name();
          long accepted = c.get(LsCounters.ACCEPTED);
          long timeline = c.get(LsCounters.TIMELINE_ROWS);
          return List.of(
              GateCheck.of(accepted > 0, "ls_accepted", where, "> 0", String.valueOf(accepted),
                  "no label was accepted: check case_mgmt's label emissions and " + PROCESS_ID),
              GateCheck.of(accepted == timeline, "ls_ledger_timeline_parity", where, "timeline_rows = accepted",
                  "accepted " + accepted + ", timeline_rows " + timeline,
                  "read " + DIRECTORY + "/" + LsArtifacts.RECONCILIATION));
        }));
  }
}
