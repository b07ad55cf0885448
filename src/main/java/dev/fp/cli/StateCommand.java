package dev.fp.cli;

import dev.fp.Main;
import dev.fp.contract.Json;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.state.StateInspector;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code fp state tables|get|scan}: the hot state (StateStore tables such as {@code ig_admissions}) as JSON. When a
 * platform process of this profile is running (a live {@code jvm_pid} in a pack's {@code state.json}) it owns the
 * store, so the command asks that process's operator API ({@code /v1/ops/state}, the profile's operator key);
 * otherwise it opens the store read-only (RocksDB as a secondary instance, PostgreSQL directly). Keys are
 * {@code /}-separated parts, {@code i:N} for an integer part (see {@link StateInspector}).
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    subcommands = {StateCommand.Tables.class, StateCommand.Get.class, StateCommand.Scan.class},
    description = "Look at hot state (StateStore tables) as JSON, e.g. fp state scan ig_unsettled <run>/PUBLISH_AMBIGUOUS")
public final class StateCommand {
  static final String OPERATOR = "HUMAN::operator";

  @Command(name = "tables", mixinStandardHelpOptions = true, description = "List the StateStore tables.")
  static final class Tables implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Override
    public Integer call() throws Exception {
      return run(profile.load(), "/v1/ops/state/tables", s -> Future.succeededFuture(StateInspector.tables(s)));
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Read the row of one key.")
  static final class Get implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "KEY", description = "key parts separated by /, i:N for an integer part")
    String key;

    @Override
    public Integer call() throws Exception {
      return run(profile.load(), "/v1/ops/state/tables/" + encode(table) + "?key=" + encode(key),
          s -> StateInspector.get(s, table, key));
    }
  }

  @Command(name = "scan", mixinStandardHelpOptions = true, description = "Rows whose key starts with KEY-PREFIX.")
  static final class Scan implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "KEY-PREFIX", defaultValue = "",
        description = "leading key parts separated by /, e.g. <platform_run_id>/PUBLISH_AMBIGUOUS (default: all)")
    String prefix;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "rows at most (${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
      return run(profile.load(), "/v1/ops/state/tables/" + encode(table) + "?prefix=" + encode(prefix) + "&limit="
          + limit, s -> StateInspector.scan(s, table, prefix, limit));
    }
  }

  private static int run(PlatformConfig cfg, String path,
                         Function<StateStore, Future<Map<String, Object>>> local) throws Exception {
    Optional<Long> owner = owner(cfg);
    if (owner.isPresent()) {
      return viaApi(cfg, owner.get(), path);
    }
    Vertx vertx = Vertx.vertx();
    try {
      StateStore store;
      try {
        store = Await.result(StateStores.openReadOnly(vertx, cfg.state()), 60);
      } catch (Exception e) {
        System.err.println("fp state: cannot open the state store " + cfg.state().endpoint() + " read-only: "
            + e.getMessage());
        return Main.EXIT_SUBSTRATE;
      }
      try {
        System.out.println(Json.writePretty(Await.result(Future.<Void>succeededFuture().compose(v -> local.apply(store)),
            120)));
        return Main.EXIT_OK;
      } catch (IllegalArgumentException e) {
        System.err.println("fp state: " + e.getMessage());
        return Main.EXIT_USAGE;
      } finally {
        Await.result(store.close(), 30);
      }
    } finally {
      Await.result(vertx.close(), 30);
    }
  }

  private static int viaApi(PlatformConfig cfg, long pid, String path) throws Exception {
    String key = cfg.clientKeys().keyOf(OPERATOR).orElse(null);
    if (key == null) {
      System.err.println("fp state: platform process " + pid + " owns the state store; its API needs an operator key "
          + "(principal " + OPERATOR + ") in " + cfg.apiKeysFile());
      return Main.EXIT_USAGE;
    }
    URI uri = URI.create("http://" + cfg.http().host() + ":" + cfg.http().port() + path);
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
        .header("X-IG-Api-Key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      System.err.println("fp state: " + uri + " (platform process " + pid + ") answered " + r.statusCode() + ": "
          + r.body());
      return r.statusCode() == 400 ? Main.EXIT_USAGE : Main.EXIT_INTERNAL;
    }
    System.out.println(Json.writePretty(Json.readTree(r.body())));
    return Main.EXIT_OK;
  }

  /** A live platform process of this profile (not this one), from the packs' state files. */
  static Optional<Long> owner(PlatformConfig cfg) throws Exception {
    Path operate = cfg.platformRoot().resolve("operate");
    if (!Files.isDirectory(operate)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(operate)) {
      return dirs.map(d -> d.resolve("state.json")).filter(Files::isRegularFile)
          .map(f -> JsonFiles.read(f).get("jvm_pid"))
          .filter(p -> p instanceof Number n && n.longValue() != ProcessHandle.current().pid())
          .map(p -> ((Number) p).longValue())
          .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .findFirst();
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
