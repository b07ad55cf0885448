package dev.fp.rtdl.al;

import dev.fp.contract.Json;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.StreamShell;
import dev.fp.rtdl.al.core.AlPolicy;
import dev.fp.rtdl.al.core.OutcomePublish;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Action Layer daemon, process {@value ActionLayer#PROCESS_ID} of pack {@code rtdl_decision_lane}, for one platform
 * run: the {@link ActionLayer#component stream component} on the shell, publishing through IG's in-process admission.
 * Ready while its shell holds the consumer-group lease.
 */
public final class ActionLayerVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final AlConfig cfg;
  private final UnaryOperator<EffectRunner<OutcomePublish>> decorate;
  private volatile StreamShell<OutcomePublish> shell;

  public ActionLayerVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, AlConfig.from(services.config().components().section("al")));
  }

  public ActionLayerVerticle(PlatformServices services, String platformRunId, AlConfig cfg) {
    this(services, platformRunId, cfg, UnaryOperator.identity());
  }

  /** Publishing through {@code decorate(publisher)} (tests inject a crash between IG's answer and the commit). */
  public ActionLayerVerticle(PlatformServices services, String platformRunId, AlConfig cfg,
                             UnaryOperator<EffectRunner<OutcomePublish>> decorate) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
    this.decorate = decorate;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(this::loadPolicy).compose(policy -> {
      OutcomePublisher publisher = new OutcomePublisher(new IgAdmissionClient(vertx, OutcomePublisher.PRINCIPAL),
          cfg.publishBatchMax());
      return StreamShell.start(services, ActionLayer.component(policy, decorate.apply(publisher)), platformRunId,
          cfg.stream());
    }).onSuccess(s -> shell = s);
  }

  private AlPolicy loadPolicy() throws Exception {
    String text = String.join("\n", services.config().readConfLines(cfg.policyFile()));
    Map<String, Object> doc = Json.readYamlObject(text.getBytes(StandardCharsets.UTF_8));
    try {
      return AlPolicy.parse(doc);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("action layer policy " + cfg.policyFile() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Future<?> stop() {
    StreamShell<OutcomePublish> s = shell;
    shell = null;
    return s == null ? Future.succeededFuture() : s.stop();
  }

  @Override
  public Future<Result> readiness() {
    StreamShell<OutcomePublish> s = shell;
    return s == null ? Future.succeededFuture(new Result(false, "not_started")) : s.readiness();
  }

  /** The running shell (tests); null before start and after stop. */
  StreamShell<OutcomePublish> shell() {
    return shell;
  }
}
