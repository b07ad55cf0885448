package dev.fp.rtdl.csfb;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.query.FlowBindingQueryClient;
import dev.fp.platform.stream.StreamShell;
import dev.fp.substrate.eventlog.TopicPartition;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.Map;

/**
 * The CSFB daemon, process {@value ContextStoreFlowBinding#PROCESS_ID} of pack {@code rtdl_core}, for one platform
 * run: the {@link ContextStoreFlowBinding#component stream component} on the shell, the flow-binding query service at
 * {@link FlowBindingQueryClient#address}, and the periodic bounded {@link StoreSurvey} its artifacts read. Ready while
 * its shell holds the consumer-group lease.
 */
public final class CsfbVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final CsfbConfig cfg;
  private volatile StreamShell<Void> shell;
  /** The shell whose checkpoints the artifacts cite, kept through stop (its final artifacts are written then). */
  private volatile StreamShell<Void> started;
  private volatile StoreSurvey survey = StoreSurvey.empty();
  private MessageConsumer<Object> queries;
  private long surveyTimer = -1;
  private StateStore store;

  public CsfbVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, CsfbConfig.from(services.config().components().section("csfb")));
  }

  public CsfbVerticle(PlatformServices services, String platformRunId, CsfbConfig cfg) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
  }

  @Override
  public Future<?> start() {
    CsfbArtifacts artifacts = new CsfbArtifacts(() -> survey, this::checkpoints,
        services.substrate().eventLog().offsetKind(), cfg.thresholds(), services.clock());
    return services.substrate().stateStore()
        .compose(s -> {
          store = s;
          return StreamShell.start(services, ContextStoreFlowBinding.component(artifacts), platformRunId,
              cfg.stream());
        })
        .compose(s -> {
          shell = s;
          started = s;
          FlowBindingQueries answers = new FlowBindingQueries(store, platformRunId, s.status().groupId(),
              services.clock());
          queries = vertx.eventBus().consumer(FlowBindingQueryClient.address(platformRunId),
              msg -> answers.answer(msg.body()).onComplete(ar -> msg.reply(ar.result())));
          surveyTimer = vertx.setPeriodic(1, cfg.stream().artifactInterval().toMillis(), id -> resurvey());
          return queries.completion();
        });
  }

  private Future<Void> resurvey() {
    return StoreSurvey.take(store, platformRunId).onSuccess(s -> survey = s).mapEmpty();
  }

  private Map<TopicPartition, String> checkpoints() {
    StreamShell<Void> s = started;
    return s == null ? Map.of() : s.checkpoints();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(surveyTimer);
    Future<Void> unregistered = queries == null ? Future.succeededFuture() : queries.unregister();
    StreamShell<Void> s = shell;
    shell = null;
    if (s == null) {
      return unregistered;
    }
    // The last survey before the shell writes its final artifacts at stop.
    return unregistered.compose(v -> resurvey().recover(err -> Future.succeededFuture()))
        .compose(v -> s.stop());
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
