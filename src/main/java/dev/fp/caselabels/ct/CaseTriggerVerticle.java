package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.core.TriggerPolicy;
import dev.fp.caselabels.ct.core.TriggerPublish;
import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.governance.AnomalyRowsSweep;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.log.Logging;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.PolicyStreamVerticle;
import dev.fp.platform.stream.StreamComponent;
import io.vertx.core.Future;

import java.util.function.UnaryOperator;

/**
 * The Case Trigger daemon, process {@value CaseTrigger#PROCESS_ID} of pack {@code case_labels}, for one platform run:
 * the {@link CaseTrigger#component stream component} on the shell, publishing through IG's in-process admission, and
 * recording committed trigger collisions as governance events ({@link TriggerCollisions}).
 * Ready while its shell holds the consumer-group lease.
 */
public final class CaseTriggerVerticle extends PolicyStreamVerticle<TriggerPolicy, TriggerPublish> {
  private final CtConfig cfg;
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
    super(services, platformRunId, cfg.stream(), decorate);
    this.cfg = cfg;
  }

  @Override
  protected TriggerPolicy loadPolicy() throws Exception {
    return readPolicy("case trigger policy", cfg.policyFile(), TriggerPolicy::parse);
  }

  @Override
  protected EffectRunner<TriggerPublish> effects() {
    return new TriggerPublisher(new IgAdmissionClient(vertx, TriggerPublisher.PRINCIPAL), cfg.publishBatchMax());
  }

  @Override
  protected Future<Void> started(TriggerPolicy policy) {
    return services.substrate().stateStore().map(store -> {
      collisions = new AnomalyRowsSweep<>(vertx, store, CtTables.MISMATCHES, CtTables.runPrefix(platformRunId),
          (k, v) -> TriggerCollisions.event(k, v, policy.contentDigest()),
          Logging.component(CaseTrigger.PROCESS_ID)).start(cfg.stream().artifactInterval());
      return null;
    });
  }

  @Override
  protected void stopping() {
    if (collisions != null) {
      collisions.stop();
    }
  }

  @Override
  protected StreamComponent<TriggerPublish> component(TriggerPolicy policy, EffectRunner<TriggerPublish> publisher) {
    return CaseTrigger.component(policy, publisher);
  }
}
