package dev.fp.rtdl.al;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.PolicyStreamVerticle;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.rtdl.al.core.AlPolicy;
import dev.fp.rtdl.al.core.OutcomePublish;

import java.util.function.UnaryOperator;

/**
 * The Action Layer daemon, process {@value ActionLayer#PROCESS_ID} of pack {@code rtdl_decision_lane}, for one platform
 * run: the {@link ActionLayer#component stream component} on the shell, publishing through IG's in-process admission.
 * Ready while its shell holds the consumer-group lease.
 */
public final class ActionLayerVerticle extends PolicyStreamVerticle<AlPolicy, OutcomePublish> {
  private final AlConfig cfg;

  public ActionLayerVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, AlConfig.from(services.config().components().section("al")));
  }

  public ActionLayerVerticle(PlatformServices services, String platformRunId, AlConfig cfg) {
    this(services, platformRunId, cfg, UnaryOperator.identity());
  }

  /** Publishing through {@code decorate(publisher)} (tests inject a crash before or after the publish). */
  public ActionLayerVerticle(PlatformServices services, String platformRunId, AlConfig cfg,
                             UnaryOperator<EffectRunner<OutcomePublish>> decorate) {
    super(services, platformRunId, cfg.stream(), decorate);
    this.cfg = cfg;
  }

  @Override
  protected AlPolicy loadPolicy() throws Exception {
    return readPolicy("action layer policy", cfg.policyFile(), AlPolicy::parse);
  }

  @Override
  protected EffectRunner<OutcomePublish> effects() {
    return new OutcomePublisher(new IgAdmissionClient(vertx, OutcomePublisher.PRINCIPAL), cfg.publishBatchMax());
  }

  @Override
  protected StreamComponent<OutcomePublish> component(AlPolicy policy, EffectRunner<OutcomePublish> publisher) {
    return ActionLayer.component(policy, publisher);
  }
}
