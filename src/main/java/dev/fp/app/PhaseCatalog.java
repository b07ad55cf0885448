package dev.fp.app;

import dev.fp.config.ConfigNode;
import dev.fp.control.sr.ReadyPublishedPhase;
import dev.fp.control.wsp.StreamingActivePhase;
import dev.fp.ingress.ig.IgCountersEndpoint;
import dev.fp.ingress.ig.IngestCommittedPhase;
import dev.fp.ingress.ig.IngestReadyPhase;
import dev.fp.obsgov.ObsGovClosedPhase;
import dev.fp.oracle.OracleP3;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.governance.AnnouncedPhase;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.stream.CaseLabelsPhase;
import dev.fp.platform.stream.CatchUpBounds;
import dev.fp.platform.stream.CaughtUpPhase;
import dev.fp.platform.stream.DecisionChainPhase;
import dev.fp.platform.supervisor.DaemonsReadyPhase;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.PhaseStore;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.platform.supervisor.RunPinnedPhase;
import dev.fp.platform.supervisor.SubstrateReadyPhase;
import dev.fp.platform.supervisor.TeardownPhase;

import dev.fp.platform.supervisor.Phase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The phase handlers this build has; a phase without one is reported as not yet available. */
public final class PhaseCatalog {
  /** The principal whose key the supervisor presents to IG health when none is configured. */
  static final String OPERATOR = "HUMAN::operator";

  private PhaseCatalog() {
  }

  /** The first phase that needs each pack's processes (the seed's phase rows). */
  static final Map<String, Phase> FIRST_NEEDED_BY = Map.of("control_ingress", Phase.P4, "rtdl_core", Phase.P8,
      "rtdl_decision_lane", Phase.P9, "case_labels", Phase.P10, "obs_gov", Phase.P11);

  public static List<PhaseHandler> handlers(PhaseStore store, PlatformRuntime rt) {
    List<PhaseHandler> rest = List.of(
        new OracleReadyPhase(new OracleP3(rt.vertx(), rt.substrate().objectStore(), rt.clock())),
        new IngestReadyPhase(() -> "http://" + rt.substrate().config().http().host() + ":" + rt.http().actualPort(),
            operatorKey(rt.substrate().config())),
        new ReadyPublishedPhase(PhaseCatalog::preparedWorld),
        new AnnouncedPhase(new StreamingActivePhase(), GovernanceFamily.RUN_STARTED), // P6 entry records RUN_STARTED
        new IngestCommittedPhase(), rtdlCaughtUp(rt), decisionChain(rt), caseLabels(rt), obsGovClosed(rt));
    Set<Phase> available = rest.stream().map(PhaseHandler::phase).collect(Collectors.toSet());
    List<PhaseHandler> all = new ArrayList<>(List.of(new SubstrateReadyPhase(), new RunPinnedPhase(store),
        new DaemonsReadyPhase(rt.packs(), PackCatalog.spineGreen(rt.services()), pack -> unneeded(pack, available))));
    all.addAll(rest);
    all.add(new TeardownPhase(rt.packs(), PackCatalog.spineGreen(rt.services())));
    return all;
  }

  /** Why no phase of this build needs {@code pack}, or null when one does. */
  static String unneeded(String pack, Set<Phase> available) {
    Phase needer = FIRST_NEEDED_BY.get(pack);
    return needer == null || available.contains(needer) ? null
        : needer.label() + " (the first phase needing it) is not available in this build";
  }

  /** A catch-up phase's stall bound and ceiling: {@code components.supervisor.<phase>_stall_seconds, _timeout_seconds}. */
  private static CatchUpBounds catchUpBounds(PlatformRuntime rt, String phaseKey) {
    return CatchUpBounds.of(rt.substrate().config().components().section("supervisor"), phaseKey);
  }

  /** P9 over the rtdl_decision_lane pack, waiting while it makes progress. */
  private static DecisionChainPhase decisionChain(PlatformRuntime rt) {
    PackSpec lane = PackCatalog.spineGreen(rt.services()).stream()
        .filter(p -> p.name().equals("rtdl_decision_lane")).findFirst().orElseThrow();
    return new DecisionChainPhase(rt.packs(), lane, PackCatalog.decisionLaneDeciders(rt.services()),
        PackCatalog.decisionLaneFollowers(rt.services()), catchUpBounds(rt, "p9"));
  }

  /** P10 over the case_labels pack, waiting while it makes progress. */
  private static CaseLabelsPhase caseLabels(PlatformRuntime rt) {
    PackSpec pack = PackCatalog.spineGreen(rt.services()).stream()
        .filter(p -> p.name().equals("case_labels")).findFirst().orElseThrow();
    return new CaseLabelsPhase(rt.packs(), pack, PackCatalog.caseLabelsDeciders(rt.services()),
        PackCatalog.caseLabelsFollowers(rt.services()), PackCatalog.caseLabelsServices(rt.services()),
        catchUpBounds(rt, "p10"));
  }

  /** P11, the strict closeout, waiting at most {@code components.supervisor.p11_timeout_seconds}. */
  private static ObsGovClosedPhase obsGovClosed(PlatformRuntime rt) {
    int timeout = rt.substrate().config().components().section("supervisor")
        .integer("p11_timeout_seconds", ObsGovClosedPhase.DEFAULT_TIMEOUT_SECONDS, 1, 86_400);
    // a closeout in a process without IG reads IG's counters from its durable tables
    return new ObsGovClosedPhase(Duration.ofSeconds(timeout), run -> run.substrate().stateStore()
        .compose(state -> IgCountersEndpoint.serveIfAbsent(run.vertx(), state)));
  }

  /** P8 over the rtdl_core pack's projectors, waiting while they make progress. */
  private static CaughtUpPhase rtdlCaughtUp(PlatformRuntime rt) {
    PackSpec rtdlCore = PackCatalog.spineGreen(rt.services()).stream().filter(p -> p.name().equals("rtdl_core"))
        .findFirst().orElseThrow();
    return new CaughtUpPhase(rt.packs(), rtdlCore, PackCatalog.rtdlCore(rt.services()),
        catchUpBounds(rt, "p8"));
  }

  /** The key the supervisor presents at P4: {@code components.supervisor.api_key}, else the operator's in the file. */
  public static String operatorKey(PlatformConfig cfg) {
    ConfigNode supervisor = cfg.components().section("supervisor");
    return cfg.clientKey(supervisor.optString("api_key", null), OPERATOR, supervisor.key("api_key"));
  }

  /** P5 announces the world P3 prepared: the same plan, derived from the same configuration and cap. */
  private static ReadyPublishedPhase.World preparedWorld(RunContext run) {
    WorldPlan plan = OracleReadyPhase.plan(run);
    return new ReadyPublishedPhase.World(plan.engineRunRoot(), plan.params().scenarioId());
  }
}
