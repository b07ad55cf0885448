package dev.fp.rtdl;

import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.rtdl.al.ActionLayer;
import dev.fp.rtdl.al.ActionLayerVerticle;
import dev.fp.rtdl.al.AlConfig;
import dev.fp.rtdl.al.core.AlCounters;
import dev.fp.rtdl.df.DecisionFabric;
import dev.fp.rtdl.df.DecisionFabricVerticle;
import dev.fp.rtdl.df.DfConfig;
import dev.fp.rtdl.df.core.DfCounters;
import dev.fp.rtdl.dla.DecisionLogAudit;
import dev.fp.rtdl.dla.DecisionLogAuditVerticle;
import dev.fp.rtdl.dla.DlaConfig;
import dev.fp.rtdl.dla.core.DlaCounters;
import dev.fp.substrate.state.StateStore;
import dev.fp.testing.CrashChildren;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static dev.fp.testing.CrashChildren.crashAt;
import static dev.fp.testing.CrashChildren.deploy;
import static dev.fp.testing.CrashChildren.get;
import static dev.fp.testing.CrashChildren.print;
import static dev.fp.testing.CrashChildren.settled;

/**
 * Test-only child process of {@link DecisionLaneCrashTest}: a platform process running IG, DF, AL and DLA for one run
 * on the profile {@code t} of the given folder. Args: config folder, platform_run_id, crash point — {@code none} or
 * {@code <df|al|dla>:<before|after>:<n>} ({@link CrashChildren#crashAt}; before, DF: decided and stored, not
 * published; AL: intents executed, outcomes not recorded; DLA: chains built, nothing written; after: IG answered / the
 * audit written and published, not committed). Every 50 ms it prints
 * {@code PROGRESS <df settled> <al settled> <dla audit records>} from the durable counters. The killed predecessor's
 * leases block the start until they expire, so each deployment is retried (as a pack restart would be).
 */
public final class DecisionLaneCrashChild {
  private DecisionLaneCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    PlatformConfig cfg = ConfigLoader.load("t", Path.of(args[0]), Map.of());
    String run = args[1];
    String point = args[2];
    PlatformRuntime rt = get(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    PlatformServices s = rt.services();
    deploy(rt, () -> new IgVerticle(s));
    deploy(rt, () -> new ActionLayerVerticle(s, run, AlConfig.from(cfg.components().section("al")),
        crashAt("al", point)));
    deploy(rt, () -> new DecisionLogAuditVerticle(s, run, DlaConfig.from(cfg.components().section("dla")),
        crashAt("dla", point)));
    deploy(rt, () -> new DecisionFabricVerticle(s, run, DfConfig.from(cfg.components().section("df")),
        crashAt("df", point)));
    StateStore store = get(rt.substrate().stateStore());
    while (true) {
      long df = settled(store, run, DecisionFabric.NAME, DfCounters.PUBLISH_ADMIT, DfCounters.PUBLISH_DUPLICATE);
      long al = settled(store, run, ActionLayer.NAME, AlCounters.PUBLISH_ADMIT, AlCounters.PUBLISH_DUPLICATE);
      long dla = settled(store, run, DecisionLogAudit.NAME, DlaCounters.AUDIT_RECORDS);
      print("PROGRESS " + df + " " + al + " " + dla);
      Thread.sleep(50);
    }
  }
}
