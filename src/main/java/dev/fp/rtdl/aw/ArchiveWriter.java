package dev.fp.rtdl.aw;

import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.rtdl.aw.core.ArchiveCore;
import dev.fp.rtdl.aw.core.ArchiveRecords;
import dev.fp.rtdl.aw.core.ArchiveWrite;
import dev.fp.rtdl.aw.core.AwCounters;
import dev.fp.rtdl.aw.store.AwTables;
import dev.fp.rtdl.aw.store.LedgerKey;
import dev.fp.substrate.state.KeyRange;
import io.vertx.core.Future;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Archive Writer (AW, reference rtdl §1): archives every in-run record of the event-bus topics through the
 * EvidenceWriter, keeps the ledger of archived offsets, detects payload mismatches. This class says what AW is to the
 * shell ({@link #component}) and to P8 ({@link #projector}: its process and closeout checks).
 */
public final class ArchiveWriter {
  public static final String PROCESS_ID = "archive_writer_worker";
  public static final String NAME = "aw";
  public static final String DIRECTORY = "archive_writer";
  /** Every event-bus topic but the control bus: traffic, context, rtdl, case and audit, both modes. */
  public static final List<String> TOPICS = Topics.EVENT_BUS;

  private ArchiveWriter() {
  }

  static StreamComponent<ArchiveWrite> component(ArchiveEffects effects, Clock clock) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, AwTables.ALL, AwCounters.ALL, new ArchiveCore(),
        effects, AwCounters.WRITE_ERROR, new AwArtifacts(effects::recentRefs, clock));
  }

  /** AW in the {@code rtdl_core} pack, with P8's AW checks. */
  public static Projector projector(PlatformServices services) {
    return new Projector(ProcessSpec.forRun(PROCESS_ID, run -> new ArchiveWriterVerticle(services, run)), NAME,
        DIRECTORY, TOPICS, ArchiveWriter::closeout);
  }

  /**
   * P8's AW checks (reference §9): {@code seen_total > 0} in the durable counters, archive evidence present (the
   * first ledger entry's archive record is found in the archive), and the reconciliation file present.
   */
  static Future<List<GateCheck>> closeout(RunContext run) {
    List<GateCheck> checks = new ArrayList<>();
    AwConfig cfg = AwConfig.from(run.config().components().section("aw"));
    return run.substrate().stateStore().compose(store -> {
      String where = store.description() + " " + CountersTable.TABLE.name();
      Future<Void> seen = CountersTable.read(store, run.runId(), NAME, AwCounters.ALL).map(c -> {
        checks.add(GateCheck.of(c.get(AwCounters.SEEN) > 0, "aw_seen_total", where, "> 0",
            String.valueOf(c.get(AwCounters.SEEN)), "AW read no record of this run: check its log and the topics"));
        return null;
      });
      Future<Void> archived = store.scan(AwTables.LEDGER, KeyRange.prefix(AwTables.runPrefix(run.runId())), 1)
          .compose(first -> first.isEmpty() ? Future.succeededFuture(Optional.<String>empty()) : locate(run, cfg,
              first.get(0).key()))
          .map(ref -> {
            checks.add(GateCheck.of(ref.isPresent(), "aw_archive_evidence", run.substrate().objectStore()
                    .uri(AwConfig.BUCKET, run.runId() + "/archive/events/"), "the first ledger entry's archive record",
                ref.orElse("none"), "AW's ledger and archive disagree, or nothing was archived: check " + PROCESS_ID));
            return null;
          });
      Path reconciliation = run.runRoot().resolve(AwArtifacts.RECONCILIATION);
      Future<Void> file = run.vertx().executeBlocking(() -> Files.isRegularFile(reconciliation)).map(present -> {
        checks.add(GateCheck.of(present, "aw_reconciliation", reconciliation.toString(), "present",
            present ? "present" : "missing", "AW has not written its artifacts: check " + PROCESS_ID));
        return null;
      });
      return Future.all(seen, archived, file).map(v -> checks);
    });
  }

  private static Future<Optional<String>> locate(RunContext run, AwConfig cfg, LedgerKey key) {
    EvidenceWriter archive = EvidenceWriters.create(run.vertx(), run.substrate().objectStore(),
        run.substrate().stateStore(), cfg.evidence());
    return archive.locate(ArchiveRecords.prefix(key), ArchiveRecords.id(key)).eventually(archive::close);
  }
}
