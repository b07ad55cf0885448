package dev.fp.rtdl.dla;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.evidence.EvidenceWriter;
import dev.fp.platform.evidence.EvidenceWriters;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.StreamShell;
import dev.fp.rtdl.dla.core.AuditWrite;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.function.UnaryOperator;

/**
 * The Decision Log &amp; Audit daemon, process {@value DecisionLogAudit#PROCESS_ID} of pack {@code rtdl_decision_lane},
 * for one platform run: the {@link DecisionLogAudit#component stream component} on the shell with its evidence writer.
 */
public final class DecisionLogAuditVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final DlaConfig cfg;
  private final UnaryOperator<EffectRunner<AuditWrite>> decorate;
  private EvidenceWriter writer;
  private volatile StreamShell<AuditWrite> shell;

  public DecisionLogAuditVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, DlaConfig.from(services.config().components().section("dla")),
        UnaryOperator.identity());
  }

  /** Writing through {@code decorate(effects)} (tests inject a crash before or after the writes, before the commit). */
  public DecisionLogAuditVerticle(PlatformServices services, String platformRunId, DlaConfig cfg,
                                  UnaryOperator<EffectRunner<AuditWrite>> decorate) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
    this.decorate = decorate;
  }

  @Override
  public Future<?> start() {
    writer = EvidenceWriters.create(vertx, services.substrate().objectStore(), services.substrate().stateStore(),
        cfg.evidence());
    AuditEffects effects = new AuditEffects(writer, services.substrate().eventLog());
    return StreamShell.start(services, DecisionLogAudit.component(decorate.apply(effects)), platformRunId,
            cfg.stream())
        .onSuccess(s -> shell = s)
        .onFailure(err -> writer.close());
  }

  @Override
  public Future<?> stop() {
    StreamShell<AuditWrite> s = shell;
    shell = null;
    return (s == null ? Future.<Void>succeededFuture() : s.stop()).eventually(() -> writer.close());
  }

  @Override
  public Future<Result> readiness() {
    StreamShell<AuditWrite> s = shell;
    return s == null ? Future.succeededFuture(new Result(false, "not_started")) : s.readiness();
  }

  StreamShell<AuditWrite> shell() {
    return shell;
  }
}
