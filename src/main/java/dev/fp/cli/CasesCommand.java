package dev.fp.cli;

import dev.fp.Main;
import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code fp cases show|list}: Case Management's cases as JSON, through the running platform process's operator API
 * ({@code /v1/ops/cases/{id}}, {@code /v1/ops/runs/{run}/cases}; the profile's operator key). The run is
 * {@code --run}, else the active one (ACTIVE_RUN_ID).
 */
@Command(name = "cases", mixinStandardHelpOptions = true,
    subcommands = {CasesCommand.Show.class, CasesCommand.ListCases.class},
    description = "Cases of a run as JSON: one with its timeline and labels (show), or the run's cases by state (list).")
public final class CasesCommand {

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "A case: its state (folded from its timeline), the timeline and its labels.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Parameters(index = "0", paramLabel = "CASE-ID", description = "32 hex characters")
    String caseId;

    @Option(names = "--run", paramLabel = "PLATFORM-RUN-ID", description = "the case's run (default: the active run)")
    String run;

    @Override
    public Integer call() throws Exception {
      PlatformConfig cfg = profile.load();
      Optional<String> r = run(cfg, run);
      return r.isEmpty() ? noRun(cfg) : get(cfg, "/v1/ops/cases/" + encode(caseId) + "?run=" + encode(r.get()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The run's cases with their state.")
  static final class ListCases implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Option(names = "--run", paramLabel = "PLATFORM-RUN-ID", description = "the run (default: the active run)")
    String run;

    @Option(names = "--state", paramLabel = "STATE",
        description = "only cases in this state: NEW, IN_PROGRESS, ACTION_PENDING, ACTION_FAILED, LABEL_PENDING, "
            + "LABEL_REJECTED or RESOLVED (default: all)")
    String state;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "cases at most (${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
      PlatformConfig cfg = profile.load();
      Optional<String> r = run(cfg, run);
      return r.isEmpty() ? noRun(cfg) : get(cfg, "/v1/ops/runs/" + encode(r.get()) + "/cases?limit=" + limit
          + (state == null ? "" : "&state=" + encode(state)));
    }
  }

  private static Optional<String> run(PlatformConfig cfg, String given) {
    return given != null ? Optional.of(given)
        : new PlatformRunIds(Clock.systemUTC()).resolve(cfg.runsRoot(), System.getenv());
  }

  private static int noRun(PlatformConfig cfg) {
    System.err.println("fp cases: no --run given and no active run (" + PlatformRunIds.activeRunFile(cfg.runsRoot())
        + ")");
    return Main.EXIT_USAGE;
  }

  private static int get(PlatformConfig cfg, String path) throws Exception {
    if (StateCommand.owner(cfg).isEmpty()) {
      System.err.println("fp cases: no platform process of profile " + cfg.profile() + " is running; cases are read "
          + "through its operator API (start one: fp up --serve)");
      return Main.EXIT_SUBSTRATE;
    }
    String key = cfg.clientKeys().keyOf(StateCommand.OPERATOR).orElse(null);
    if (key == null) {
      System.err.println("fp cases: the operator API needs an operator key (principal " + StateCommand.OPERATOR
          + ") in " + cfg.apiKeysFile());
      return Main.EXIT_USAGE;
    }
    URI uri = URI.create("http://" + cfg.http().host() + ":" + cfg.http().port() + path);
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(120)).header("X-IG-Api-Key", key).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      System.err.println("fp cases: " + uri.getPath() + " answered " + r.statusCode() + ": " + r.body());
      return r.statusCode() == 400 || r.statusCode() == 404 ? Main.EXIT_USAGE : Main.EXIT_INTERNAL;
    }
    System.out.println(Json.writePretty(Json.readTree(r.body())));
    return Main.EXIT_OK;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
