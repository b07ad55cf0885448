package dev.fp.rtdl.dla;

import dev.fp.contract.Topics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.EffectRunner;
import dev.fp.platform.stream.StreamComponent;
import dev.fp.rtdl.dla.core.AuditWrite;
import dev.fp.rtdl.dla.core.DlaCounters;
import dev.fp.rtdl.dla.core.LineageCore;
import dev.fp.rtdl.dla.store.DlaTables;

import java.util.List;

/**
 * The Decision Log &amp; Audit (DLA, reference rtdl §8): reads the rtdl topic, builds each decision's lineage chain
 * and writes the audit record of every resolved chain (evidence + {@code fp.bus.audit.v1}). This class says what DLA is
 * to the shell and to its pack.
 */
public final class DecisionLogAudit {
  public static final String PROCESS_ID = "dla_worker";
  public static final String NAME = "dla";
  public static final String DIRECTORY = "decision_log_audit";
  public static final List<String> TOPICS = List.of(Topics.RTDL);

  private DecisionLogAudit() {
  }

  static StreamComponent<AuditWrite> component(EffectRunner<AuditWrite> effects) {
    return new StreamComponent<>(NAME, PROCESS_ID, DIRECTORY, TOPICS, DlaTables.ALL, DlaCounters.ALL,
        new LineageCore(), effects, DlaCounters.APPEND_FAILURE, new DlaArtifacts());
  }

  public static ProcessSpec process(PlatformServices services) {
    return ProcessSpec.forRun(PROCESS_ID, run -> new DecisionLogAuditVerticle(services, run));
  }
}
