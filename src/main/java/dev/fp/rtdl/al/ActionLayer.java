package dev.fp.rtdl.al;

import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.CountersTable;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;
import dev.fp.rtdl.al.core.ActionCore;
import dev.fp.rtdl.al.core.AlCounters;
import dev.fp.rtdl.al.core.AlPolicy;
import dev.fp.rtdl.al.core.OutcomePublish;
import dev.fp.rtdl.al.store.AlTables;

import java.util.List;

/**
 * The Action Layer (AL, reference rtdl §7): consumes action intents from {@code fp.bus.rtdl.v1}, executes each once
 * on its simulated provider, and publishes the outcome through IG. This class says what AL is to the shell and to its
 * pack.
 */
public final class ActionLayer {
  public static final String PROCESS_ID = "al_worker";
  public static final String NAME = "al";
  public static final String DIRECTORY = "action_layer";
  public static final List<String> TOPICS = List.of(Topics.RTDL);

  private ActionLayer() {
  }

  static StreamComponent<OutcomePublish> component(AlPolicy policy, EffectRunner<OutcomePublish> publisher) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, AlTables.ALL, AlCounters.ALL,
        new ActionCore(policy), publisher, AlCounters.PUBLISH_AMBIGUOUS, new AlArtifacts());
  }

  public static ProcessSpec process(PlatformServices services) {
    return ProcessSpec.forRun(PROCESS_ID, run -> new ActionLayerVerticle(services, run));
  }

  /** AL in the {@code rtdl_decision_lane} pack, with P9's AL check. */
  public static Projector projector(PlatformServices services) {
    return new Projector(process(services), NAME, DIRECTORY, TOPICS, ActionLayer::closeout);
  }

  /**
   * P9's AL check (reference §9 "intake == outcomes"): intents were taken in, every intent of the run has exactly one
   * outcome (or was a replay of one), and every outcome was settled with IG.
   */
  static Future<List<GateCheck>> closeout(RunContext run) {
    return run.substrate().stateStore().compose(store -> CountersTable.read(store, run.runId(), NAME, AlCounters.ALL)
        .map(c -> {
          String where = store.description() + " " + CountersTable.TABLE.name();
          long intake = c.get(AlCounters.INTAKE);
          long outcomes = c.get(AlCounters.EXECUTED) + c.get(AlCounters.DENIED) + c.get(AlCounters.FAILED);
          long replays = c.get(AlCounters.DUPLICATE_INTENT) + c.get(AlCounters.INTENT_MISMATCH);
          long settled = c.get(AlCounters.PUBLISH_ADMIT) + c.get(AlCounters.PUBLISH_DUPLICATE)
              + c.get(AlCounters.PUBLISH_QUARANTINE) + c.get(AlCounters.PUBLISH_REJECTED);
          return List.of(
              GateCheck.of(intake > 0, "al_intake", where, "> 0", String.valueOf(intake),
                  "AL took in no action intent: check DF and " + PROCESS_ID),
              GateCheck.of(intake == outcomes + replays && outcomes == settled, "al_intake_equals_outcomes", where,
                  "intake = outcomes + replays, outcomes = settled publishes",
                  "intake " + intake + ", outcomes " + outcomes + ", replays " + replays + ", settled " + settled,
                  "read " + PROCESS_ID + ".log and action_layer/reconciliation"));
        }));
  }
}
