package dev.fp.caselabels.ct;

import dev.fp.caselabels.ct.core.CtCounters;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.state.StateStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static dev.fp.testing.CrashChildren.crashAt;
import static dev.fp.testing.CrashChildren.deploy;
import static dev.fp.testing.CrashChildren.get;
import static dev.fp.testing.CrashChildren.print;
import static dev.fp.testing.CrashChildren.settled;

/**
 * Test-only child process of {@link CaseTriggerCrashTest}: a platform process running IG and CT for one run on the
 * profile {@code t} of the given folder. Args: config folder, platform_run_id, crash point — {@code none} or
 * {@code ct:<before|after>:<n>} ({@link dev.fp.testing.CrashChildren#crashAt}; before: triggers derived and their
 * ledger rows staged, nothing published; after: IG answered for every trigger of the batch, nothing committed).
 * Every 50 ms it prints {@code PROGRESS <triggers IG admitted or answered DUPLICATE>} from the durable counters.
 */
public final class CaseTriggerCrashChild {
  private CaseTriggerCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    PlatformConfig cfg = ConfigLoader.load("t", Path.of(args[0]), Map.of());
    String run = args[1];
    String point = args[2];
    PlatformRuntime rt = get(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    PlatformServices s = rt.services();
    deploy(rt, () -> new IgVerticle(s));
    deploy(rt, () -> new CaseTriggerVerticle(s, run, CtConfig.from(cfg.components().section("ct")),
        crashAt("ct", point)));
    StateStore store = get(rt.substrate().stateStore());
    while (true) {
      print("PROGRESS " + settled(store, run, CaseTrigger.NAME, CtCounters.PUBLISHED, CtCounters.DUPLICATES));
      Thread.sleep(50);
    }
  }
}
