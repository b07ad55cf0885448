package dev.fp.caselabels.cm;

import dev.fp.caselabels.cm.core.LabelEmissionPolicy;
import dev.fp.caselabels.cm.core.IntakeCommit;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.query.LabelStoreClient;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.StreamShell;
import dev.fp.substrate.eventlog.CheckpointStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Case Management daemon, process {@value CaseManagement#PROCESS_ID} of pack {@code case_labels}, for one platform
 * run: the {@link CaseManagement#component intake} on the shell, whose effect writes the batch's labels to LS, and the
 * {@link LabelRetrier} of PENDING labels beside it. Ready while its shell holds the consumer-group lease.
 */
public final class CaseManagementVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final CmConfig cfg;
  private final Function<List<Map<String, Object>>, Future<JsonObject>> ls;
  private final UnaryOperator<EffectRunner<IntakeCommit>> decorate;
  private volatile StreamShell<IntakeCommit> shell;
  private volatile LabelRetrier retrier;

  public CaseManagementVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, CmConfig.from(services.config().components().section(CaseManagement.NAME)), null,
        UnaryOperator.identity());
  }

  /**
   * With the LS writer boundary {@code ls} (null: {@link LabelStoreClient#write} on the event bus) and the label
   * effect wrapped by {@code decorate} (tests put an unreachable LS or a crash after LS answered there).
   */
  CaseManagementVerticle(PlatformServices services, String platformRunId, CmConfig cfg,
                         Function<List<Map<String, Object>>, Future<JsonObject>> ls,
                         UnaryOperator<EffectRunner<IntakeCommit>> decorate) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
    this.ls = ls;
    this.decorate = decorate;
  }

  @Override
  public Future<?> start() {
    Function<List<Map<String, Object>>, Future<JsonObject>> writer = ls != null ? ls
        : new LabelStoreClient(vertx, cfg.lsTimeout().toMillis())::write;
    return vertx.executeBlocking(() -> CaseManagement.loadPolicy(services.config(), cfg.labelEmissionFile()))
        .compose(policy -> services.substrate().stateStore().compose(store -> {
          LabelRound round = new LabelRound(writer, services.clock(), policy.retryBackoffSeconds(),
              cfg.lsWriteBatchMax());
          LabelRetrier r = new LabelRetrier(vertx, store, new CheckpointStore(services.substrate().db(),
              services.clock()), platformRunId, round, policy, services.clock(),
              Logging.component(CaseManagement.PROCESS_ID));
          return store.ensureTables(dev.fp.caselabels.cm.store.CmTables.ALL)
              .compose(v -> r.start(cfg.retryTick(), cfg.stream().leaseTtl()))
              .compose(v -> {
                retrier = r;
                return startShell(policy, round);
              })
              .onFailure(err -> r.stop());
        }));
  }

  private Future<StreamShell<IntakeCommit>> startShell(LabelEmissionPolicy policy, LabelRound round) {
    LabelWriter writer = new LabelWriter(round, platformRunId, services.clock());
    CmArtifacts artifacts = new CmArtifacts(() -> retrier.status(), policy, services.clock());
    return StreamShell.start(services, CaseManagement.component(policy, decorate.apply(writer), artifacts),
        platformRunId, cfg.stream()).onSuccess(s -> shell = s);
  }

  @Override
  public Future<?> stop() {
    StreamShell<IntakeCommit> s = shell;
    LabelRetrier r = retrier;
    shell = null;
    Future<Void> retries = r == null ? Future.succeededFuture() : r.stop();
    return retries.compose(v -> s == null ? Future.succeededFuture() : s.stop());
  }

  @Override
  public Future<Result> readiness() {
    StreamShell<IntakeCommit> s = shell;
    return s == null ? Future.succeededFuture(new Result(false, "not_started")) : s.readiness();
  }

  /** The running shell (tests); null before start and after stop. */
  StreamShell<IntakeCommit> shell() {
    return shell;
  }

  /** The label retrier (tests); null before start. */
  LabelRetrier retrier() {
    return retrier;
  }
}
