package dev.fp.rtdl.aw;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.governance.AnomalyRowsSweep;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.stream.StreamShell;
import dev.fp.rtdl.aw.core.ArchiveWrite;
import dev.fp.rtdl.aw.store.AwTables;
import dev.fp.rtdl.aw.store.MismatchEntry;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The Archive Writer daemon, process {@value ArchiveWriter#PROCESS_ID} of pack {@code rtdl_core}, for one platform
 * run: the {@link ArchiveWriter#component stream component} on the shell, with its evidence writer; committed
 * replay-basis mismatches are recorded as governance events ({@link ReplayBasisMismatches}). Ready while its shell
 * holds the consumer-group lease.
 */
public final class ArchiveWriterVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final AwConfig cfg;
  private final ObjectStore archive;
  private EvidenceWriter writer;
  private volatile StreamShell<ArchiveWrite> shell;
  private AnomalyRowsSweep<AwTables.MismatchKey, MismatchEntry> mismatches;

  public ArchiveWriterVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, AwConfig.from(services.config().components().section("aw")));
  }

  public ArchiveWriterVerticle(PlatformServices services, String platformRunId, AwConfig cfg) {
    this(services, platformRunId, cfg, services.substrate().objectStore());
  }

  /** Archiving into {@code archive} (tests decorate the object store with faults). */
  ArchiveWriterVerticle(PlatformServices services, String platformRunId, AwConfig cfg, ObjectStore archive) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
    this.archive = archive;
  }

  @Override
  public Future<?> start() {
    writer = EvidenceWriters.create(vertx, archive, services.substrate().stateStore(), cfg.evidence());
    ArchiveEffects effects = new ArchiveEffects(writer, services.clock());
    return StreamShell.start(services, ArchiveWriter.component(effects, services.clock()), platformRunId, cfg.stream())
        .compose(s -> services.substrate().stateStore().map(store -> {
          mismatches = new AnomalyRowsSweep<>(vertx, store, AwTables.MISMATCHES, AwTables.runPrefix(platformRunId),
              ReplayBasisMismatches::event, Logging.component(ArchiveWriter.PROCESS_ID))
              .start(cfg.stream().artifactInterval());
          return s;
        }))
        .onSuccess(s -> shell = s)
        .onFailure(err -> writer.close());
  }

  @Override
  public Future<?> stop() {
    StreamShell<ArchiveWrite> s = shell;
    shell = null;
    if (mismatches != null) {
      mismatches.stop();
    }
    return (s == null ? Future.<Void>succeededFuture() : s.stop()).eventually(() -> writer.close());
  }

  @Override
  public Future<Result> readiness() {
    StreamShell<ArchiveWrite> s = shell;
    return s == null ? Future.succeededFuture(new Result(false, "not_started")) : s.readiness();
  }

  /** The running shell (tests); null before start and after stop. */
  StreamShell<ArchiveWrite> shell() {
    return shell;
  }
}
