package dev.fp.rtdl.ofp;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.stream.StreamShell;
import dev.fp.rtdl.ofp.core.FeatureSnapshot;
import dev.fp.rtdl.ofp.core.OfpCore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The OFP daemon, process {@value OnlineFeaturePlane#PROCESS_ID} of pack {@code rtdl_core}, for one platform run:
 * loads {@code conf/ofp/features.yaml}, runs the {@link OnlineFeaturePlane#component core} on the shell and serves
 * {@code get_features} on the event bus while it runs. Ready while its shell holds the consumer-group lease.
 */
public final class OnlineFeaturePlaneVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final OfpConfig cfg;
  private volatile StreamShell<Void> shell;
  private FeatureQueryService queries;

  public OnlineFeaturePlaneVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, OfpConfig.from(services.config().components().section(OnlineFeaturePlane.NAME)));
  }

  public OnlineFeaturePlaneVerticle(PlatformServices services, String platformRunId, OfpConfig cfg) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> OnlineFeaturePlane.loadPolicy(services.config(), cfg))
        .compose(policy -> services.substrate().stateStore().compose(store -> {
          String digest = OnlineFeaturePlane.runConfigDigest(policy, cfg);
          queries = new FeatureQueryService(vertx, store, platformRunId, new FeatureSnapshot(policy, digest),
              cfg.maxQueryKeys(), services.substrate().eventLog().offsetKind(), services.clock());
          OfpArtifacts artifacts = new OfpArtifacts(policy, digest, cfg, queries::counters, services.clock());
          OfpCore core = new OfpCore(policy, cfg.joinWaitBudgetMs(), cfg.holdRetryMs());
          return StreamShell.start(services, OnlineFeaturePlane.component(core, artifacts, services.clock()),
              platformRunId, cfg.stream());
        }))
        .compose(s -> {
          shell = s;
          return queries.register();
        });
  }

  @Override
  public Future<?> stop() {
    StreamShell<Void> s = shell;
    shell = null;
    Future<Void> unregistered = queries == null ? Future.succeededFuture() : queries.unregister();
    return unregistered.eventually(() -> s == null ? Future.<Void>succeededFuture() : s.stop());
  }

  @Override
  public Future<Result> readiness() {
    StreamShell<Void> s = shell;
    return s == null ? Future.succeededFuture(new Result(false, "not_started")) : s.readiness();
  }

  /** The running shell (tests); null before start and after stop. */
  StreamShell<Void> shell() {
    return shell;
  }
}
