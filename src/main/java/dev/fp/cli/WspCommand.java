package dev.fp.cli;

import dev.fp.app.PackCatalog;
import dev.fp.app.PhaseCatalog;
import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.control.wsp.ReadyOutcome;
import dev.fp.control.wsp.WspConfig;
import dev.fp.control.wsp.WspEvidence;
import dev.fp.control.wsp.WspInstance;
import dev.fp.control.wsp.WspVerticle;
import dev.fp.ops.RunsApi;
import dev.fp.platform.Metrics;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.Substrate;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.health.HealthArtifacts;
import dev.fp.platform.log.ProcessLogs;
import dev.fp.substrate.eventlog.LeaseHeldException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code fp wsp}: the World Stream Producer by hand. {@code once} takes WSP's consumer-group lease, reads
 * {@code sr-control-bus} to its end, streams every READY due now and exits — and refuses, naming the holder, while
 * the {@code control_ingress} pack's consumer holds the lease (the seed forbids manual runs beside the packs).
 * {@code status} prints the active run's READY records and per-output progress. Exit codes: 0 every READY handled
 * streamed or skipped, 3 a READY failed or stayed deferred, or the lease is held.
 */
@Command(name = "wsp", mixinStandardHelpOptions = true,
    description = "World Stream Producer: stream READY worlds to IG by hand (once) or show progress (status).",
    subcommands = {WspCommand.Once.class, WspCommand.Status.class})
public final class WspCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code fp wsp once}. */
  @Command(name = "once", mixinStandardHelpOptions = true,
      description = "Stream every READY due now, then exit; refuses while the pack's WSP holds the lease.")
  static final class Once implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Spec
    CommandSpec spec;

    @Option(names = "--ig-url", paramLabel = "URL", description = "IG base URL (default: components.wsp.ig_url, "
        + "else this profile's http host:port)")
    String igUrl;

    @Option(names = "--retry-failed", description = "re-queue the active run's FAILED READYs first (re-drive)")
    boolean retryFailed;

    @Option(names = "--catch-up-seconds", paramLabel = "S", defaultValue = "60",
        description = "how long to read sr-control-bus to its end; default ${DEFAULT-VALUE}")
    int catchUpSeconds;

    @Override
    public Integer call() throws Exception {
      PlatformConfig cfg = profile.load();
      WspConfig wsp = WspConfig.from(cfg.components().section("wsp"), cfg);
      WspConfig effective = igUrl == null ? wsp : wsp.withIgUrl(igUrl);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Vertx vertx = Vertx.vertx();
      try {
        Substrate substrate = Await.result(Substrate.open(vertx, cfg), 60);
        try {
          return run(services(vertx, cfg, substrate), effective, out, err);
        } finally {
          Await.result(substrate.close(), 30);
        }
      } finally {
        ProcessLogs.unregister(WspVerticle.PROCESS_ID);
        Await.result(vertx.close(), 30);
      }
    }

    private int run(PlatformServices services, WspConfig wsp, PrintWriter out, PrintWriter err) throws Exception {
      Optional<String> active = new PlatformRunIds(services.clock()).resolve(services.config().runsRoot(),
          System.getenv());
      if (active.isPresent()) {
        ProcessLogs.register(WspVerticle.PROCESS_ID, WspEvidence.logFile(services.config().platformRoot(),
            services.config().profile(), active.get()));
      }
      WspInstance instance;
      try {
        instance = Await.result(WspInstance.start(services, wsp, false, PackCatalog.processIds(services)), 60);
      } catch (LeaseHeldException held) {
        if (retryFailed && active.isPresent()) {
          return askRunningWsp(services.config(), active.get(), held, out, err);
        }
        err.println("fp wsp once: refusing to run: " + held.getMessage());
        err.flush();
        return 3;
      }
      try {
        if (retryFailed && active.isPresent()) {
          out.println("re-queued " + Await.result(instance.requeueFailed(active.get()), 60) + " FAILED READY(s) of "
              + active.get());
        }
        List<ReadyOutcome> outcomes = Await.result(instance.once(Duration.ofSeconds(catchUpSeconds)),
            Long.MAX_VALUE / 4);
        print(outcomes, out);
        boolean ok = outcomes.stream().allMatch(o -> o.result().equals("STREAMED")
            || o.result().equals("SKIPPED_OUT_OF_SCOPE"));
        return ok ? 0 : 3;
      } finally {
        Await.result(instance.stop(), 60);
      }
    }

    /**
     * The pack's WSP holds the lease: the re-drive becomes a request to it, through the operator API of the process
     * that runs it ({@code POST /v1/ops/runs/{id}/ready-retries}); it re-queues under its own lease and streams on.
     */
    private int askRunningWsp(PlatformConfig cfg, String runId, LeaseHeldException held, PrintWriter out,
                              PrintWriter err) throws Exception {
      String url = "http://" + cfg.http().host() + ":" + cfg.http().port() + "/v1/ops/runs/" + runId
          + "/ready-retries";
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .header(RunsApi.KEY_HEADER, PhaseCatalog.operatorKey(cfg)).POST(HttpRequest.BodyPublishers.noBody()).build();
      HttpResponse<String> response;
      try {
        response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
            .send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        err.println("fp wsp once: the lease is held by " + held.holder() + " and its process does not answer at "
            + url + " (" + e.getMessage() + "); wait for the lease to expire or restart that process");
        err.flush();
        return 3;
      }
      if (response.statusCode() != 200) {
        err.println("fp wsp once: the running WSP (" + held.holder() + ") refused the re-drive: HTTP "
            + response.statusCode() + " " + response.body());
        err.flush();
        return 3;
      }
      Object requeued = new io.vertx.core.json.JsonObject(response.body()).getValue("requeued");
      out.println("re-queued " + requeued + " FAILED READY(s) of " + runId + " in the running WSP (" + held.holder()
          + "); it streams them on (fp wsp status)");
      out.flush();
      return 0;
    }

    private void print(List<ReadyOutcome> outcomes, PrintWriter out) throws Exception {
      if (profile.jsonOutput()) {
        out.println(Json.writePretty(outcomes));
      } else if (outcomes.isEmpty()) {
        out.println("no READY due on sr-control-bus");
      } else {
        outcomes.forEach(o -> out.println("READY " + o.messageId() + ": " + o.result() + " emitted=" + o.emitted()
            + (o.reason() == null ? "" : " reason=" + o.reason())));
      }
      out.flush();
    }
  }

  /** {@code fp wsp status}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "READY records and per-output stream progress of a run (default: the active run).")
  static final class Status implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "PLATFORM_RUN_ID", description = "platform run (default: ACTIVE_RUN_ID)")
    String run;

    @Override
    public Integer call() throws Exception {
      PlatformConfig cfg = profile.load();
      String runId = run != null ? run : new PlatformRunIds(Clock.systemUTC()).resolve(cfg.runsRoot(),
          System.getenv()).orElseThrow(() -> new IllegalArgumentException("no active run; pass --run"));
      Vertx vertx = Vertx.vertx();
      try {
        Substrate substrate = Await.result(Substrate.open(vertx, cfg), 60);
        try {
          WspEvidence evidence = new WspEvidence(vertx, substrate.db(), cfg.platformRoot(), cfg.profile(),
              Clock.systemUTC());
          Map<String, Object> status = Await.result(evidence.status(runId), 60);
          Optional<WspEvidence.StreamWindow> window = Await.result(evidence.streamWindow(runId), 60);
          print(status, window, spec.commandLine().getOut());
          return 0;
        } finally {
          Await.result(substrate.close(), 30);
        }
      } finally {
        Await.result(vertx.close(), 30);
      }
    }

    private void print(Map<String, Object> status, Optional<WspEvidence.StreamWindow> window, PrintWriter out)
        throws Exception {
      if (profile.jsonOutput()) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(status);
        all.put("stream_window", window.orElse(null));
        out.println(Json.writePretty(all));
      } else {
        out.println("run " + status.get("platform_run_id"));
        for (Object r : (List<?>) status.get("readies")) {
          Map<?, ?> m = (Map<?, ?>) r;
          out.println("  READY " + m.get("message_id") + " " + m.get("status") + " emitted=" + m.get("emitted")
              + (m.get("reason") == null ? "" : " reason=" + m.get("reason")));
        }
        ((Map<?, ?>) status.get("outputs")).values().forEach(p -> out.println("  output " + p));
        window.ifPresent(w -> out.println("  stream window " + w.firstPushUtc() + " -> " + w.lastAckUtc() + " ("
            + w.events() + " events in " + w.duration().toMillis() + " ms, "
            + String.format(java.util.Locale.ROOT, "%.0f", w.eventsPerSecond()) + " events/s)"));
      }
      out.flush();
    }
  }

  static PlatformServices services(Vertx vertx, PlatformConfig cfg, Substrate substrate) {
    Clock clock = Clock.systemUTC();
    return new PlatformServices(vertx, cfg, substrate, new Metrics(cfg.profile()), Router.router(vertx),
        new HealthArtifacts(cfg.platformRoot(), clock), clock);
  }
}
