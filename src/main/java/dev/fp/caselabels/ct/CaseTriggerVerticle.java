package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.core.TriggerPolicy;
import dev.fp.caselabels.ct.core.TriggerPublish;
import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.contract.Json;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.governance.AnomalyRowsSweep;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.log.Logging;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.StreamShell;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Case Trigger daemon, process {@value CaseTrigger#PROCESS_ID} of pack {@code case_labels}, for one platform run:
 * the {@link CaseTrigger#component stream component} on the shell, publishing through IG's in-process admission, and
 * recording committed trigger collisions as governance events ({@link TriggerCollisions}).
 * Ready while its shell holds the consumer-group lease.
 */
public final class CaseTriggerVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final CtConfig cfg;
  private final UnaryOperator<EffectRunner<TriggerPublish>> decorate;
  private volatile StreamShell<TriggerPublish> shell;
  private AnomalyRowsSweep<CtTables.MismatchKey, CtTables.MismatchRow> collisions;

  public CaseTriggerVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, CtConfig.from(services.config().components().section("ct")));
  }

  public CaseTriggerVerticle(PlatformServices services, String platformRunId, CtConfig cfg) {
    this(services, platformRunId, cfg, UnaryOperator.identity());
  }

  /** Publishing through {@code decorate(publisher)} (tests inject a crash between IG's answer and the commit). */
  CaseTriggerVerticle(PlatformServices services, String platformRunId, CtConfig cfg,
                      UnaryOperator<EffectRunner<TriggerPublish>> decorate) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
    this.decorate = decorate;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(this::loadPolicy).compose(policy -> {
      TriggerPublisher publisher = new TriggerPublisher(new IgAdmissionClient(vertx, TriggerPublisher.PRINCIPAL),
          cfg.publishBatchMax());
      return StreamShell.start(services, CaseTrigger.component(policy, decorate.apply(publisher)), platformRunId,
          cfg.stream()).compose(s -> services.substrate().stateStore().map(store -> {
            collisions = new AnomalyRowsSweep<>(vertx, store, CtTables.MISMATCHES, CtTables.runPrefix(platformRunId),
                (k, v) -> TriggerCollisions.event(k, v, policy.contentDigest()),
                Logging.component(CaseTrigger.PROCESS_ID)).start(cfg.stream().artifactInterval());
            return s;
          }));
    }).onSuccess(s -> shell = s);
  }

  private TriggerPolicy loadPolicy() throws Exception {
    String text = String.join("\n", services.config().readConfLines(cfg.policyFile()));
    Map<String, Object> doc = Json.readYamlObject(text.getBytes(StandardCharsets.UTF_8));
    try {
      return TriggerPolicy.parse(doc);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("case trigger policy " + cfg.policyFile() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Future<?> stop() {
    StreamShell<TriggerPublish> s = shell;
    shell = null;
    if (collisions != null) {
      collisions.stop();
    }
    return s == null ? Future.succeededFuture() : s.stop();
  }

  @Override
  public Future<Result> readiness() {
    StreamShell<TriggerPublish> s = shell;
    return s == null ? Future.succeededFuture(new Result(false, "not_started")) : s.readiness();
  }

  /** The running shell (tests); null before start and after stop. */
  StreamShell<TriggerPublish> shell() {
    return shell;
  }
}
