package dev.fp.cli;

import dev.fp.app.SpineGreen;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.RunService;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.KeyFiles;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.GateCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fp up}: bootstrap the substrate idempotently (P0's entry action) and report each item; with {@code --serve},
 * also start the packs for the active run and serve HTTP until SIGTERM.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Bootstrap buckets, topics and schema (idempotent); --serve keeps packs and HTTP running.")
public final class UpCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Option(names = "--serve", description = "after bootstrap, start the packs and serve until SIGTERM")
  boolean serve;

  @Option(names = "--packs", split = ",", paramLabel = "PACK",
      description = "packs to start with --serve (default all): rtdl_core, rtdl_decision_lane, case_labels, obs_gov, control_ingress")
  List<String> packs;

  @Override
  public Integer call() throws Exception {
    if (packs != null) {
      for (String p : packs) {
        if (!PackSpec.NAMES.contains(p)) {
          throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
              "--packs: unknown pack '" + p + "' (known: " + String.join(", ", PackSpec.NAMES) + ")");
        }
      }
    }
    PlatformConfig loaded = profile.load();
    // only a serving process authenticates anyone: it needs (and on embedded makes) a key file
    PlatformConfig cfg = serve ? KeyFiles.prepare(loaded, System.err) : loaded;
    PlatformRuntime rt = Await.result(SpineGreen.start(cfg, Clock.systemUTC()), 120);
    Thread hook = Shutdown.install(rt, cfg.drainSeconds());
    boolean keepRunning = false;
    try {
      SubstrateBootstrap bootstrap = new SubstrateBootstrap(rt.substrate());
      Await.result(bootstrap.bootstrap(), 300);
      List<GateCheck> checks = Await.result(bootstrap.check(), 120);
      StatusCommand.printChecks(checks);
      if (!checks.stream().allMatch(GateCheck::pass)) {
        return 4;
      }
      System.out.println("substrate bootstrap succeeded");
      if (!serve) {
        return 0;
      }
      String runId = Await.result(rt.vertx().executeBlocking(() ->
          new PlatformRunIds(rt.clock()).resolveOrCreate(cfg.runsRoot(), System.getenv())), 30);
      RunService runs = new RunService(rt);
      Await.result(runs.openRunId(), 30); // a torn-down run (P12 DONE) is closed: its packs are not started again
      rt.activeRun(runId);
      System.err.print(Banner.text(rt, runId));
      for (PackSpec pack : rt.catalog().packs(rt.services())) {
        if (packs == null || packs.contains(pack.name())) {
          List<String> started = Await.result(rt.packs().up(pack, runId), 120);
          System.out.println("pack " + pack.packId(cfg.profile()) + ": started " + started);
        }
      }
      Await.result(SpineGreen.mountOperatorApi(rt, runs), 30);
      rt.markStarted();
      keepRunning = true;
      new CountDownLatch(1).await();
      return 0;
    } finally {
      if (!keepRunning) {
        Shutdown.runNow(hook, rt, cfg.drainSeconds());
      }
    }
  }
}
