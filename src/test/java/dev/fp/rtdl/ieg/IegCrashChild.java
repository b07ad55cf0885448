package dev.fp.rtdl.ieg;

import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.stream.core.ShellCounters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test-only child process of {@link IegCrashTest}: a platform process running IEG for one run on the profile
 * {@code t} of the given folder, printing {@code COMMITTED <records>} (durable counters as last committed) every 20 ms
 * until it is killed. The killed predecessor's lease blocks the start until it expires, so the deployment is retried
 * (as a pack restart would be). Args: config folder, platform_run_id.
 */
public final class IegCrashChild {
  private IegCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    PlatformConfig cfg = ConfigLoader.load("t", Path.of(args[0]), Map.of());
    PlatformRuntime rt = PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE).toCompletionStage()
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
    IegVerticle ieg = null;
    for (int attempt = 0; ieg == null; attempt++) {
      IegVerticle candidate = new IegVerticle(rt.services(), args[1]);
      try {
        rt.vertx().deployVerticle(candidate).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        ieg = candidate;
      } catch (java.util.concurrent.ExecutionException e) {
        if (attempt > 100) {
          e.printStackTrace();
          System.exit(1);
        }
        Thread.sleep(200);
      }
    }
    while (true) {
      System.out.println("COMMITTED " + ieg.shell().counters().get(ShellCounters.RECORDS));
      System.out.flush();
      Thread.sleep(20);
    }
  }
}
