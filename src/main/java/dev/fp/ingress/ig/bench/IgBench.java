package dev.fp.ingress.ig.bench;

import dev.fp.platform.FileTrees;
import dev.fp.contract.PlatformRunIds;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.ingress.ig.core.Receipts;
import dev.fp.ingress.ig.store.RunCountersStore;
import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code fp bench ig}: starts a platform with IG on the chosen profile against fresh state (a temp runs root; on
 * parity a fresh PostgreSQL schema), then drives it from separate processes: batches (the {@link IgLoad} process),
 * single pushes at full speed ({@code wrk} when installed, else {@link IgLoad}), and single pushes at a fixed rate
 * for latency, after an unreported warm-up of batch admissions (the JIT compiles the admission path for ~40 s). Every envelope is a new event, so the counts are admissions. Returns one result per phase.
 */
public final class IgBench {
  static final String KEY = "bench-ig-key";
  private final Options o;

  /**
   * @param profile          embedded or local_parity
   * @param confDir          folder with the profile yaml and policies (null: ./conf or the bundled copy)
   * @param warmupEvents     batch admissions before the measured phases (JIT warm-up), not reported
   * @param events           envelopes sent in the batch phase
   * @param batchSize        envelopes per batch request
   * @param batchClients     concurrent batch requests
   * @param singleSeconds    length of the full-speed single-push phase (0: no such phase)
   * @param singleConnections connections of the full-speed single-push phase
   * @param rates            envelopes per second of the latency phases (one phase each)
   * @param rateSeconds      length of each latency phase (0: no latency phases)
   * @param igSettings       {@code components.ig} settings for the run (e.g. evidence_layout=segment)
   * @param baseline         also run every phase against {@link NullRoute} on the same server (HTTP and JSON only)
   * @param reportEvery      split the batch phase into windows of this many envelopes, one row each (0: one row), to
   *                         show whether the rate holds as the store grows
   */
  public record Options(String profile, Path confDir, long warmupEvents, long events, int batchSize, int batchClients,
                        int singleSeconds, int singleConnections, List<Integer> rates, int rateSeconds,
                        Map<String, String> igSettings, boolean baseline, long reportEvery) {
  }

  /** Name suffix of a phase run against the null route. */
  public static final String NULL_ROUTE = " (null route)";

  /** One phase's outcome as printed and written to docs/PERFORMANCE.md. */
  public record Phase(String name, String tool, JsonObject result) {
  }

  public IgBench(Options options) {
    this.o = options;
  }

  public List<Phase> run() throws Exception {
    Path state = Files.createTempDirectory("fp-bench-ig-");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("FP_RUNS_ROOT", state.resolve("runs").toString());
    env.put("FP_HTTP_PORT", "0");
    String schema = "bench_ig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    env.put("FP_PG_SCHEMA", schema);
    Path keys = state.resolve("keys.txt");
    Files.writeString(keys, KEY + "\n");
    env.put("FP_API_KEYS_FILE", keys.toString());
    PlatformConfig cfg = ConfigLoader.load(o.profile(), confDir(state), env);
    String run = new PlatformRunIds(Clock.systemUTC()).mint();
    PlatformRunIds.pin(cfg.runsRoot(), run);
    PlatformRuntime rt = await(PlatformRuntime.start(cfg, Clock.systemUTC(), Catalog.NONE));
    try {
      await(new SubstrateBootstrap(rt.substrate()).bootstrap());
      String ig = await(rt.vertx().deployVerticle(new IgVerticle(rt.services())));
      String url = "http://127.0.0.1:" + rt.http().actualPort();
      if (o.warmupEvents() > 0) {
        JsonObject warm = load("batch", url, run, "w-", o.warmupEvents(), o.batchSize(), o.batchClients());
        System.out.println("warm-up (not reported): " + warm.getLong("envelopes") + " envelopes, "
            + warm.getLong("admitted_per_second") + " admitted/s");
      }
      List<Phase> phases = new ArrayList<>();
      long window = o.reportEvery() > 0 ? o.reportEvery() : o.events();
      for (long sent = 0; sent < o.events(); sent += window) {
        long n = Math.min(window, o.events() - sent);
        JsonObject r = load("batch", url, run, "b-", n, o.batchSize(), o.batchClients());
        if (o.reportEvery() > 0) {
          r.put("load", "IgLoad batches, admissions " + (sent + o.warmupEvents()) + "–" + (sent + n
              + o.warmupEvents()) + " in the store");
          long rss = residentKib();
          if (rss > 0) {
            r.put("server_rss_mib", rss / 1024);
          }
        }
        phases.add(new Phase("batch", "IgLoad", r));
      }
      if (o.singleSeconds() > 0) {
        phases.add(singles(rt, url, run, state));
      }
      for (int rate : o.rateSeconds() > 0 ? o.rates() : List.<Integer>of()) {
        phases.add(new Phase("rate", "IgLoad", load("rate", url, run, "r" + rate + "-", o.rateSeconds(), rate, 256)));
      }
      await(rt.vertx().undeploy(ig));
      if (o.baseline()) {
        phases.addAll(baseline(rt, url + NullRoute.BASE, run));
      }
      return phases;
    } finally {
      dropBenchSchema(rt, schema);
      await(rt.shutdown());
      FileTrees.delete(state);   // a 2 000 000-admission run leaves ~7 GB here
    }
  }

  /** The same load against the null route (IG is stopped by then, so it competes for nothing). */
  private List<Phase> baseline(PlatformRuntime rt, String url, String run) throws Exception {
    var routes = NullRoute.mount(rt.http().router());
    try {
      List<Phase> phases = new ArrayList<>();
      phases.add(new Phase("batch" + NULL_ROUTE, "IgLoad", load("batch", url, run, "nb-", o.events(), o.batchSize(),
          o.batchClients())));
      if (o.singleSeconds() > 0) {
        phases.add(new Phase("single" + NULL_ROUTE, "IgLoad", load("single", url, run, "ns-", o.singleSeconds(), 0,
            o.singleConnections())));
      }
      for (int rate : o.rateSeconds() > 0 ? o.rates() : List.<Integer>of()) {
        phases.add(new Phase("rate" + NULL_ROUTE, "IgLoad", load("rate", url, run, "nr" + rate + "-", o.rateSeconds(),
            rate, 256)));
      }
      return phases;
    } finally {
      routes.forEach(io.vertx.ext.web.Route::remove);
    }
  }

  /** On PostgreSQL the bench worked in a schema of its own making: drop it, so runs leave nothing behind. */
  private static void dropBenchSchema(PlatformRuntime rt, String schema) throws Exception {
    var db = rt.substrate().db();
    if ("postgres".equals(db.dialect().name())) {
      await(db.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE", io.vertx.sqlclient.Tuple.tuple()));
    }
  }

  private Phase singles(PlatformRuntime rt, String url, String run, Path state) throws Exception {
    if (Wrk.available()) {
      long before = admitted(rt, run);
      JsonObject r = new Wrk(state).run(url, KEY, run, o.singleSeconds(), o.singleConnections());
      long delta = admitted(rt, run) - before;
      return new Phase("single", "wrk", r.put("admitted", delta)
          .put("admitted_per_second", Math.round(delta / r.getDouble("seconds", (double) o.singleSeconds()))));
    }
    return new Phase("single", "IgLoad", load("single", url, run, "s-", o.singleSeconds(), 0, o.singleConnections()));
  }

  /**
   * The profile's folder, or (with IG settings) a copy of it whose profile gains a {@code components.ig} section;
   * null keeps the loader's default (./conf, else the bundled copy).
   */
  private Path confDir(Path state) throws IOException {
    if (o.igSettings().isEmpty()) {
      return o.confDir();
    }
    Path source = o.confDir() != null ? o.confDir() : Path.of("conf");
    Path copy = state.resolve("conf");
    Files.createDirectories(copy.resolve("policies"));
    try (var files = Files.list(source.resolve("policies"))) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve("policies").resolve(p.getFileName()));
      }
    }
    String yaml = withIgSettings(Files.readString(source.resolve(o.profile() + ".yaml")), o.igSettings());
    Files.writeString(copy.resolve(o.profile() + ".yaml"), yaml);
    return copy;
  }

  /**
   * The profile's YAML with {@code settings} in its {@code components.ig} block: keys the block already has are
   * replaced, the others added; the block (and {@code components}) is created when the profile has none. Text-level,
   * for the two-space indentation of the shipped profiles (a YAML mapping may not name a key twice).
   */
  static String withIgSettings(String yaml, Map<String, String> settings) {
    List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
    List<String> added = new ArrayList<>();
    settings.forEach((k, v) -> added.add("    " + k + ": " + v));
    int components = lines.indexOf("components:");
    if (components < 0) {
      lines.add("components:");
      lines.add("  ig:");
      lines.addAll(added);
      return String.join("\n", lines) + "\n";
    }
    int end = blockEnd(lines, components, 0);
    int ig = lines.subList(components, end).indexOf("  ig:");
    if (ig < 0) {
      lines.add(end, "  ig:");
      lines.addAll(end + 1, added);
      return String.join("\n", lines);
    }
    ig += components;
    int igEnd = blockEnd(lines, ig, 2);
    for (int i = igEnd - 1; i > ig; i--) {
      String line = lines.get(i);
      if (settings.keySet().stream().anyMatch(k -> line.startsWith("    " + k + ":"))) {
        lines.remove(i);
      }
    }
    lines.addAll(ig + 1, added);
    return String.join("\n", lines);
  }

  /** The index after the block that starts at {@code start}: the next line indented {@code indent} or less. */
  private static int blockEnd(List<String> lines, int start, int indent) {
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int lead = line.length() - line.stripLeading().length();
      if (!line.isBlank() && !line.stripLeading().startsWith("#") && lead <= indent) {
        return i;
      }
    }
    return lines.size();
  }

  /** Admissions of the run so far, from IG's durable counters (wrk only sees HTTP statuses). */
  private static long admitted(PlatformRuntime rt, String run) throws Exception {
    Map<String, Long> counters = await(rt.substrate().stateStore().compose(store -> new RunCountersStore(store).read(run)));
    return counters.getOrDefault("decision." + Receipts.ADMIT, 0L);
  }

  /**
   * Resident set of this JVM (the server: heap, RocksDB block cache and memtables, code) in KiB from
   * {@code /proc/self/status}, so a window series shows whether memory stays within heap plus the RocksDB budget as
   * the store grows; 0 where there is no such file.
   */
  static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /** Runs {@link IgLoad} in its own JVM and returns its JSON line. */
  private static JsonObject load(String mode, String url, String run, String prefix, long n, int arg, int clients)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), IgLoad.class.getName(),
        mode, url, KEY, run, prefix + UUID.randomUUID().toString().substring(0, 8) + "-", Long.toString(n),
        Integer.toString(arg), Integer.toString(clients));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0 || out.isEmpty()) {
      throw new IllegalStateException("bench load " + mode + " failed (exit " + p.exitValue() + "): " + out);
    }
    return new JsonObject(out.substring(out.lastIndexOf('\n') + 1));
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
