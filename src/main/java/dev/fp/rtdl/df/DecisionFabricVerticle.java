package dev.fp.rtdl.df;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.PolicyStreamVerticle;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.rtdl.df.core.DecisionCore;
import dev.fp.rtdl.df.core.DecisionPublish;
import dev.fp.rtdl.df.core.DecisionRule;
import dev.fp.rtdl.df.core.RegistrySnapshot;
import dev.fp.rtdl.df.core.RiskPolicy;

import java.util.function.UnaryOperator;

/**
 * The Decision Fabric daemon, process {@value DecisionFabric#PROCESS_ID} of pack {@code rtdl_decision_lane}, for one
 * platform run: the {@link DecisionFabric#component stream component} on the shell, reading context over the event
 * bus and publishing through IG's in-process admission. Ready while its shell holds the consumer-group lease.
 */
public final class DecisionFabricVerticle extends PolicyStreamVerticle<DecisionRule, DecisionPublish> {
  private final DfConfig cfg;

  public DecisionFabricVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, DfConfig.from(services.config().components().section("df")));
  }

  public DecisionFabricVerticle(PlatformServices services, String platformRunId, DfConfig cfg) {
    this(services, platformRunId, cfg, UnaryOperator.identity());
  }

  /** Publishing through {@code decorate(publisher)} (tests inject a crash before or after the publish). */
  public DecisionFabricVerticle(PlatformServices services, String platformRunId, DfConfig cfg,
                                UnaryOperator<EffectRunner<DecisionPublish>> decorate) {
    super(services, platformRunId, cfg.stream(), decorate);
    this.cfg = cfg;
  }

  @Override
  protected DecisionRule loadPolicy() throws Exception {
    return new DecisionRule(readPolicy("decision fabric", cfg.registryFile(), RegistrySnapshot::parse),
        readPolicy("decision fabric", cfg.riskPolicyFile(), RiskPolicy::parse));
  }

  @Override
  protected EffectRunner<DecisionPublish> effects() {
    return new DecisionPublisher(new IgAdmissionClient(vertx, DecisionPublisher.PRINCIPAL), cfg.publishBatchMax());
  }

  @Override
  protected StreamComponent<DecisionPublish> component(DecisionRule rule, EffectRunner<DecisionPublish> publisher) {
    DecisionCore core = new DecisionCore(rule, DecisionFabric.runConfigDigest(cfg, rule), cfg.joinWaitBudgetMs(),
        cfg.ofpWaitBudgetMs(), cfg.holdRetryMs());
    DfEnricher enricher = new DfEnricher(vertx, platformRunId, services.clock(), cfg, rule.risk());
    return DecisionFabric.component(core, enricher, publisher);
  }
}
