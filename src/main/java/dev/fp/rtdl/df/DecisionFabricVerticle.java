package dev.fp.rtdl.df;

import dev.fp.contract.Json;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.ingest.IgAdmissionClient;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.StreamShell;
import dev.fp.rtdl.df.core.DecisionCore;
import dev.fp.rtdl.df.core.DecisionPublish;
import dev.fp.rtdl.df.core.DecisionRule;
import dev.fp.rtdl.df.core.RegistrySnapshot;
import dev.fp.rtdl.df.core.RiskPolicy;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Decision Fabric daemon, process {@value DecisionFabric#PROCESS_ID} of pack {@code rtdl_decision_lane}, for one
 * platform run: the {@link DecisionFabric#component stream component} on the shell, reading context over the event
 * bus and publishing through IG's in-process admission. Ready while its shell holds the consumer-group lease.
 */
public final class DecisionFabricVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private final DfConfig cfg;
  private final UnaryOperator<EffectRunner<DecisionPublish>> decorate;
  private volatile StreamShell<DecisionPublish> shell;

  public DecisionFabricVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, DfConfig.from(services.config().components().section("df")));
  }

  public DecisionFabricVerticle(PlatformServices services, String platformRunId, DfConfig cfg) {
    this(services, platformRunId, cfg, UnaryOperator.identity());
  }

  /** Publishing through {@code decorate(publisher)} (tests inject a crash between IG's answer and the commit). */
  public DecisionFabricVerticle(PlatformServices services, String platformRunId, DfConfig cfg,
                                UnaryOperator<EffectRunner<DecisionPublish>> decorate) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
    this.decorate = decorate;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(this::loadRule).compose(rule -> {
      DecisionCore core = new DecisionCore(rule, DecisionFabric.runConfigDigest(cfg, rule), cfg.joinWaitBudgetMs(),
          cfg.holdRetryMs());
      DfEnricher enricher = new DfEnricher(vertx, platformRunId, services.clock(), cfg, rule.risk());
      DecisionPublisher publisher = new DecisionPublisher(new IgAdmissionClient(vertx, DecisionPublisher.PRINCIPAL),
          cfg.publishBatchMax());
      return StreamShell.start(services, DecisionFabric.component(core, enricher, decorate.apply(publisher)),
          platformRunId, cfg.stream());
    }).onSuccess(s -> shell = s);
  }

  private DecisionRule loadRule() throws Exception {
    return new DecisionRule(load(cfg.registryFile(), RegistrySnapshot::parse), load(cfg.riskPolicyFile(),
        RiskPolicy::parse));
  }

  private <T> T load(String file, Function<Map<String, Object>, T> parse) throws Exception {
    String text = String.join("\n", services.config().readConfLines(file));
    Map<String, Object> doc = Json.readYamlObject(text.getBytes(StandardCharsets.UTF_8));
    try {
      return parse.apply(doc);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("decision fabric " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Future<?> stop() {
    StreamShell<DecisionPublish> s = shell;
    shell = null;
    return s == null ? Future.succeededFuture() : s.stop();
  }

  @Override
  public Future<Result> readiness() {
    StreamShell<DecisionPublish> s = shell;
    return s == null ? Future.succeededFuture(new Result(false, "not_started")) : s.readiness();
  }

  /** The running shell (tests); null before start and after stop. */
  StreamShell<DecisionPublish> shell() {
    return shell;
  }
}
