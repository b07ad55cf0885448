package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.core.CtCounters;
import dev.fp.caselabels.ct.core.TriggerCore;
import dev.fp.caselabels.ct.core.TriggerPolicy;
import dev.fp.caselabels.ct.core.TriggerPublish;
import dev.fp.caselabels.ct.store.CtTables;
import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;

import java.util.List;

/**
 * The Case Trigger (CT, case_ops_obs §1): reads decisions and action outcomes from {@code fp.bus.rtdl.v1}, turns the
 * ones its policy selects into CaseTriggers and publishes them through IG onto {@code fp.bus.case.v1}. This class
 * says what CT is to the shell and to the {@code case_labels} pack.
 */
public final class CaseTrigger {
  public static final String PROCESS_ID = "case_trigger_worker";
  public static final String NAME = "ct";
  public static final String DIRECTORY = "case_trigger";
  public static final List<String> TOPICS = List.of(Topics.RTDL);

  private CaseTrigger() {
  }

  static StreamComponent<TriggerPublish> component(TriggerPolicy policy, EffectRunner<TriggerPublish> publisher) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, CtTables.ALL, CtCounters.ALL,
        new TriggerCore(policy), publisher, CtCounters.PUBLISH_AMBIGUOUS, new CtArtifacts(policy));
  }

  public static ProcessSpec process(PlatformServices services) {
    return ProcessSpec.forRun(PROCESS_ID, run -> new CaseTriggerVerticle(services, run));
  }

  /** CT in the {@code case_labels} pack, with its P10 checks. */
  public static Projector projector(PlatformServices services) {
    return new Projector(process(services), NAME, DIRECTORY, TOPICS, CaseTrigger::closeout);
  }

  /**
   * P10's CT checks (the phase itself checks {@code triggers_seen > 0}): IG answered ADMIT or DUPLICATE for every
   * trigger, and no failed outcome still waits for its decision (the rtdl topic is final once P9 passed).
   */
  static Future<List<GateCheck>> closeout(RunContext run) {
    return run.substrate().stateStore().compose(store -> CountersTable.read(store, run.runId(), NAME, CtCounters.ALL)
        .map(c -> {
          String where = store.description() + " " + CountersTable.TABLE.name() + " (" + run.runId() + ", " + NAME
              + ")";
          long seen = c.get(CtCounters.TRIGGERS_SEEN);
          long admitted = c.get(CtCounters.PUBLISHED) + c.get(CtCounters.DUPLICATES);
          long waiting = CtArtifacts.waiting(c);
          return List.of(
              GateCheck.of(admitted == seen, "ct_triggers_admitted", where,
                  "every trigger ADMIT or DUPLICATE at IG", admitted + " of " + seen + " (quarantine "
                      + c.get(CtCounters.QUARANTINE) + ", rejected " + c.get(CtCounters.PUBLISH_REJECTED) + ")",
                  "read ct_publish (fp state scan ct_publish " + run.runId() + ") and IG's quarantine"),
              GateCheck.of(waiting == 0, "ct_outcomes_waiting", where, "0", String.valueOf(waiting),
                  "failed outcomes whose decision never arrived: fp state scan ct_waiting_outcomes " + run.runId()));
        }));
  }
}
