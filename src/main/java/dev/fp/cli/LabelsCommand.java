package dev.fp.cli;

import dev.fp.Main;
import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
 * {@code fp labels timeline|as-of}: a subject's labels as JSON, asked of the running platform process's Label Store
 * through its operator API ({@code GET /v1/ops/labels}, the profile's operator key). The process that serves the
 * {@code case_labels} pack ({@code fp up --serve} or {@code fp run}) owns the labels, so there is no offline path.
 */
@Command(name = "labels", mixinStandardHelpOptions = true,
    subcommands = {LabelsCommand.Timeline.class, LabelsCommand.AsOf.class},
    description = "Read the Label Store: a subject's label timeline, or its labels as of an observed time")
public final class LabelsCommand {

  static class Subject {
    @Mixin
    ProfileOptions profile;

    @Option(names = "--event-id", required = true, paramLabel = "EVENT_ID", description = "the labelled event")
    String eventId;

    @Option(names = "--label-type", paramLabel = "TYPE", description = "one label type (default: every type)")
    String labelType;

    @Option(names = "--run", paramLabel = "PLATFORM_RUN_ID", description = "platform run (default: ACTIVE_RUN_ID)")
    String run;

    int ask(String asOf) throws Exception {
      PlatformConfig cfg = profile.load();
      Optional<String> runId = run != null ? Optional.of(run)
          : new PlatformRunIds(Clock.systemUTC()).resolve(cfg.runsRoot(), System.getenv());
      if (runId.isEmpty()) {
        System.err.println("fp labels: no active run; pass --run");
        return Main.EXIT_USAGE;
      }
      Optional<Long> owner = StateCommand.owner(cfg);
      if (owner.isEmpty()) {
        System.err.println("fp labels: no platform process of profile " + cfg.profile() + " is running; the Label "
            + "Store answers inside one (fp up --serve)");
        return Main.EXIT_SUBSTRATE;
      }
      String key = cfg.clientKeys().keyOf(StateCommand.OPERATOR).orElse(null);
      if (key == null) {
        System.err.println("fp labels: the operator API needs an operator key (principal " + StateCommand.OPERATOR
            + ") in " + cfg.apiKeysFile());
        return Main.EXIT_USAGE;
      }
      StringBuilder query = new StringBuilder("platform_run_id=" + encode(runId.get()) + "&event_id="
          + encode(eventId));
      if (labelType != null) {
        query.append("&label_type=").append(encode(labelType));
      }
      if (asOf != null) {
        query.append("&as_of=").append(encode(asOf));
      }
      URI uri = URI.create("http://" + cfg.http().host() + ":" + cfg.http().port() + "/v1/ops/labels?" + query);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(60)).header("X-IG-Api-Key", key).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        System.err.println("fp labels: " + uri.getPath() + " (platform process " + owner.get() + ") answered "
            + r.statusCode() + ": " + r.body());
        return r.statusCode() == 400 ? Main.EXIT_USAGE : Main.EXIT_INTERNAL;
      }
      System.out.println(Json.writePretty(Json.readTree(r.body())));
      return Main.EXIT_OK;
    }

    private static String encode(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }

  @Command(name = "timeline", mixinStandardHelpOptions = true,
      description = "Every label assertion about the event, in (observed, effective, id) order.")
  static final class Timeline extends Subject implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return ask(null);
    }
  }

  @Command(name = "as-of", mixinStandardHelpOptions = true,
      description = "The event's label (RESOLVED, CONFLICT or NOT_FOUND) per type as of an observed time.")
  static final class AsOf extends Subject implements Callable<Integer> {
    @Option(names = "--as-of", required = true, paramLabel = "TIME",
        description = "observed time, YYYY-MM-DDTHH:MM:SS.ffffffZ")
    String asOf;

    @Override
    public Integer call() throws Exception {
      return ask(asOf);
    }
  }
}
