package dev.fp.rtdl.al;

import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.StreamComponent;
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
}
