package dev.fp.rtdl.df;

import dev.fp.contract.Hashing;
import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.Enricher;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.rtdl.df.core.DecisionCore;
import dev.fp.rtdl.df.core.DecisionPublish;
import dev.fp.rtdl.df.core.DecisionRule;
import dev.fp.rtdl.df.core.DfCounters;
import dev.fp.rtdl.df.core.TriggerGate;
import dev.fp.rtdl.df.store.DfTables;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Decision Fabric (DF, reference rtdl §6): one decision per admitted traffic event — context from CSFB, OFP, IEG
 * and the Degrade Ladder, the registry bundle, the rule and the risk policy — published with its action intent
 * through IG onto {@code fp.bus.rtdl.v1}. This class says what DF is to the shell and to its pack.
 */
public final class DecisionFabric {
  public static final String PROCESS_ID = "df_worker";
  public static final String NAME = "df";
  public static final String DIRECTORY = "decision_fabric";
  public static final List<String> TOPICS = List.of(Topics.TRAFFIC_FRAUD, Topics.TRAFFIC_BASELINE);

  private DecisionFabric() {
  }

  /** The component; its mutations (the ledger's PENDING rows) are stored before the publish runs. */
  static StreamComponent<DecisionPublish> component(DecisionCore core, Enricher enricher,
                                                    EffectRunner<DecisionPublish> publisher) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, DfTables.ALL, DfCounters.ALL, core, publisher,
        DfCounters.PUBLISH_AMBIGUOUS, new DfArtifacts()).withEnricher(enricher).withStoreBeforeEffects();
  }

  /**
   * {@code sha256(canonical {trigger_policy, context_policy, registry_snapshot, risk_policy})}, each the content digest
   * of what decided: the trigger allowlist, the context settings, the two policy files.
   */
  static String runConfigDigest(DfConfig cfg, DecisionRule rule) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("join_wait_budget_ms", cfg.joinWaitBudgetMs());
    context.put("ofp_wait_budget_ms", cfg.ofpWaitBudgetMs());
    context.put("use_ieg", cfg.useIeg());
    context.put("posture_max_age_seconds", cfg.postureMaxAgeSeconds());
    context.put("required_feature_group", DecisionRule.CORE_GROUP);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trigger_policy", Hashing.canonicalHash(List.copyOf(new TreeSet<>(TriggerGate.ALLOWED))));
    m.put("context_policy", Hashing.canonicalHash(context));
    m.put("registry_snapshot", rule.registry().contentDigest());
    m.put("risk_policy", rule.risk().contentDigest());
    return Hashing.canonicalHash(m);
  }

  public static ProcessSpec process(PlatformServices services) {
    return ProcessSpec.forRun(PROCESS_ID, run -> new DecisionFabricVerticle(services, run));
  }

  /**
   * DF in the {@code rtdl_decision_lane} pack, with P9's DF checks.
   *
   * @param truthFolder the run's world's {@code s4_flow_truth_labels_6B} folder (the decision quality's truth)
   */
  public static Projector projector(PlatformServices services, Function<RunContext, Path> truthFolder) {
    return new Projector(process(services), NAME, DIRECTORY, TOPICS, run -> closeout(run, truthFolder.apply(run)));
  }

  /**
   * P9's DF checks (reference §9 "rtdl has decision + intent"): decisions were made, and every decision and its intent
   * were settled with IG (admitted, or a duplicate of an admitted one); then the decision quality against the world's
   * truth is written next to DF's reconciliation (the check says how escalations split between fraud and legit flows).
   */
  static Future<List<GateCheck>> closeout(RunContext run, Path truthFolder) {
    return run.substrate().stateStore().compose(store -> published(run, store).compose(checks ->
        quality(run, store, truthFolder).map(q -> {
          List<GateCheck> all = new ArrayList<>(checks);
          all.add(q);
          return all;
        })));
  }

  private static Future<GateCheck> quality(RunContext run, StateStore store, Path truthFolder) {
    String where = run.runRoot().resolve(DfDecisionQuality.FILE).toString();
    return DfDecisionQuality.write(run, store, truthFolder)
        .map(doc -> GateCheck.pass("df_decision_quality", where, qualityLine(doc)))
        .otherwise(err -> GateCheck.fail("df_decision_quality", where, "DF's decisions joined with the world's truth",
            String.valueOf(err.getMessage()), "check the world's truth at " + truthFolder + " and " + PROCESS_ID
                + ".log"));
  }

  /** E.g. {@code flows escalated: fraud 12/40 (recall 0.3), legit 50/2000; precision 0.19}. */
  @SuppressWarnings("unchecked")
  static String qualityLine(Map<String, Object> doc) {
    Map<String, Object> e = (Map<String, Object>) ((Map<String, Object>) doc.get("flows")).get("escalated_vs_fraud");
    long tp = ((Number) e.get("true_positive")).longValue();
    long fp = ((Number) e.get("false_positive")).longValue();
    long fn = ((Number) e.get("false_negative")).longValue();
    long tn = ((Number) e.get("true_negative")).longValue();
    return "flows escalated: fraud " + tp + "/" + (tp + fn) + " (recall " + e.get("recall") + "), legit " + fp + "/"
        + (fp + tn) + " (rate " + e.get("legit_escalation_rate") + "); precision " + e.get("precision");
  }

  private static Future<List<GateCheck>> published(RunContext run, StateStore store) {
    return CountersTable.read(store, run.runId(), NAME, DfCounters.ALL)
        .map(c -> {
          String where = store.description() + " " + CountersTable.TABLE.name();
          long decisions = c.get(DfCounters.DECISIONS);
          long published = c.get(DfCounters.PUBLISH_ADMIT) + c.get(DfCounters.PUBLISH_DUPLICATE);
          long intents = c.get(DfCounters.INTENT_ADMIT) + c.get(DfCounters.INTENT_DUPLICATE);
          return List.of(
              GateCheck.of(decisions > 0, "df_decisions", where, "> 0", String.valueOf(decisions),
                  "DF decided nothing: check the traffic topics and " + PROCESS_ID + ".log"),
              GateCheck.of(published == decisions && intents == decisions, "df_published", where,
                  "every decision and its intent admitted by IG",
                  "decisions " + decisions + ", published " + published + ", intents " + intents,
                  "read decision_fabric/reconciliation and the IG answers in " + PROCESS_ID + ".log"));
        });
  }
}
