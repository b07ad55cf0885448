package dev.fp.rtdl.dl;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;

/** What the Degrade Ladder is to its pack: process id, name (its lease group), run folder. */
public final class DegradeLadder {
  public static final String PROCESS_ID = "dl_worker";
  public static final String NAME = "dl";
  public static final String DIRECTORY = "degrade_ladder";

  private DegradeLadder() {
  }

  /** One live ladder per run: the lease of this group. */
  public static String groupId(String platformRunId) {
    return NAME + ".v0::" + platformRunId;
  }

  public static ProcessSpec process(PlatformServices services) {
    return ProcessSpec.forRun(PROCESS_ID, run -> new DegradeLadderVerticle(services, run));
  }
}
