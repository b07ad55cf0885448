package dev.fp.rtdl.ieg;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.stream.StreamShell;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The IEG daemon, process {@value IdentityEntityGraph#PROCESS_ID} of pack {@code rtdl_core}, for one platform run: the
 * {@link IdentityEntityGraph#component stream component} on the shell, and the graph query service on the event bus
 * ({@link GraphQueryService}), registered once the shell runs and unregistered first at stop. Ready while its shell
 * holds the consumer-group lease.
 */
public final class IegVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final IegConfig cfg;
  private volatile StreamShell<Void> shell;
  private MessageConsumer<JsonObject> queries;

  public IegVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, IegConfig.from(services.config().components().section(IdentityEntityGraph.NAME)));
  }

  public IegVerticle(PlatformServices services, String platformRunId, IegConfig cfg) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
  }

  @Override
  public Future<?> start() {
    String offsetKind = services.substrate().eventLog().offsetKind();
    return services.substrate().stateStore().compose(store -> StreamShell.start(services,
            IdentityEntityGraph.component(offsetKind, services.clock()), platformRunId, cfg.stream())
        .map(s -> {
          shell = s;
          queries = new GraphQueryService(store, platformRunId, offsetKind).register(vertx.eventBus());
          return null;
        }));
  }

  @Override
  public Future<?> stop() {
    MessageConsumer<JsonObject> q = queries;
    queries = null;
    StreamShell<Void> s = shell;
    shell = null;
    return (q == null ? Future.<Void>succeededFuture() : q.unregister())
        .eventually(() -> s == null ? Future.<Void>succeededFuture() : s.stop());
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
