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
import dev.fp.platform.supervisor.PhaseStore;
import io.vertx.core.Future;
import org.slf4j.Logger;

import java.util.function.UnaryOperator;

/**
 * The Case Trigger daemon, process {@value CaseTrigger#PROCESS_ID} of pack {@code case_labels}, for one platform run:
 * the {@link CaseTrigger#component stream component} on the shell, publishing through IG's in-process admission, and
 * recording committed trigger collisions ({@link TriggerCollisions}) and triggers IG did not admit
 * ({@link PublishOutcomes}) as governance events.
 * Ready while its shell holds the consumer-group lease.
 */
public final class CaseTriggerVerticle extends PolicyStreamVerticle<TriggerPolicy, TriggerPublish> {
  private static final Logger LOG = Logging.component(CaseTrigger.PROCESS_ID);
  private final CtConfig cfg;
  private AnomalyRowsSweep<CtTables.MismatchKey, CtTables.MismatchRow> collisions;
  private AnomalyRowsSweep<CtTables.TriggerKey, CtTables.PublishRow> publishOutcomes;

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

  /** The policy's review sample scaled to the cap pinned with the run (P1's row in the supervisor store). */
  @Override
  protected Future<TriggerPolicy> forRun(TriggerPolicy policy) {
    return new PhaseStore(vertx, services.substrate().db(), services.config().platformRoot(), services.clock())
        .run(platformRunId).map(run -> {
          if (run == null || !(run.get("cap_per_output") instanceof Number cap)) {
            LOG.warn("run {} has no pinned cap in the supervisor store: review sample at the policy's rate {}",
                platformRunId, policy.reviewSampleRate());
            return policy;
          }
          TriggerPolicy scaled = policy.forCap(cap.longValue());
          LOG.info("review sample of run {} (cap {} per output): rate {}", platformRunId, cap,
              scaled.runReviewSampleRate());
          return scaled;
        });
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
          LOG).start(cfg.stream().artifactInterval());
      publishOutcomes = new AnomalyRowsSweep<>(vertx, store, CtTables.PUBLISH_ANOMALIES,
          CtTables.runPrefix(platformRunId), (k, v) -> PublishOutcomes.event(k, v, policy.contentDigest()),
          LOG).start(cfg.stream().artifactInterval());
      return null;
    });
  }

  @Override
  protected void stopping() {
    if (collisions != null) {
      collisions.stop();
    }
    if (publishOutcomes != null) {
      publishOutcomes.stop();
    }
  }

  @Override
  protected StreamComponent<TriggerPublish> component(TriggerPolicy policy, EffectRunner<TriggerPublish> publisher) {
    return CaseTrigger.component(policy, publisher);
  }
}
