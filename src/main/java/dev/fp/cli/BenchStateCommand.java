package dev.fp.cli;

import dev.fp.platform.FileTrees;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.log.Logging;
import dev.fp.substrate.sql.Db;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.StateStores;
import dev.fp.substrate.state.bench.StateStoreBench;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code fp bench state}: the reference admission workload on the profile's StateStore, in a store of its own (a temp
 * directory on RocksDB, a fresh schema on PostgreSQL, both removed afterwards). Prints the numbers; they are copied to
 * docs/PERFORMANCE.md by hand ("StateStore").
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = "StateStore: admissions/s per window (claim, settle, receipt index; two commits per batch) and get "
        + "latency, on a fresh store of the profile's kind.")
public final class BenchStateCommand implements Callable<Integer> {
  @Option(names = "--profile", paramLabel = "NAME", description = "embedded (RocksDB, default) or local_parity (PostgreSQL)")
  String profile;

  @Option(names = "--config-dir", paramLabel = "DIR", description = "profile folder (default ./conf)")
  Path configDir;

  @Option(names = "--admissions", defaultValue = "2000000", description = "admissions written (${DEFAULT-VALUE})")
  long admissions;

  @Option(names = "--batch-size", defaultValue = "1000", description = "admissions per batch (${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--lanes", defaultValue = "1", description = "batches in flight (${DEFAULT-VALUE})")
  int lanes;

  @Option(names = "--report-every", defaultValue = "250000", description = "admissions per printed window (${DEFAULT-VALUE})")
  long reportEvery;

  @Option(names = "--gets", defaultValue = "100000", description = "random gets after the writes (${DEFAULT-VALUE})")
  int gets;

  @Override
  public Integer call() throws Exception {
    Logging.configure("text", "WARN");
    if (admissions < batchSize || batchSize < 1 || lanes < 1 || reportEvery < 1 || gets < 1) {
      System.err.println("fp bench state: --admissions >= --batch-size >= 1, --lanes, --report-every, --gets >= 1");
      return 2;
    }
    String name = ConfigLoader.profileName(profile, System.getenv());
    Path tmp = Files.createTempDirectory("fp-bench-state-");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("FP_RUNS_ROOT", tmp.resolve("runs").toString());
    env.put("FP_PG_SCHEMA", "bench_state_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    PlatformConfig cfg = ConfigLoader.load(name, configDir, env);
    Vertx vertx = Vertx.vertx();
    try {
      StateStore store = Await.result(StateStores.create(vertx, cfg.state(), Clock.systemUTC()), 120);
      System.out.println("fp bench state --profile " + name + " --admissions " + admissions + " --batch-size "
          + batchSize + " --lanes " + lanes + " --gets " + gets);
      System.out.println("store: " + store.description() + budget(cfg) + "; " + BenchCommand.Ig.machine()
          + "; load average " + BenchCommand.Ig.loadAverage());
      StateStoreBench.Result r;
      try {
        r = new StateStoreBench(vertx, store, new StateStoreBench.Options(admissions, batchSize, lanes, reportEvery,
            gets), System.out).run();
        summary(r, cfg);
      } finally {
        Await.result(store.close(), 300);
      }
      return 0;
    } finally {
      dropBenchSchema(vertx, cfg);
      Await.result(vertx.close(), 60);
      FileTrees.delete(tmp);
    }
  }

  private void summary(StateStoreBench.Result r, PlatformConfig cfg) throws IOException {
    long done = r.windows().isEmpty() ? 0 : r.windows().get(r.windows().size() - 1).to();
    System.out.printf("overall: %,d admissions in %.1f s = %,d/s (%,d commits, %,d row writes)%n", done, r.seconds(),
        Math.round(done / r.seconds()), r.commits(), done * 3);
    System.out.printf("CPU of the writes: %.1f s for the process = %.1f µs per admission%s%n", r.cpuSeconds(),
        r.cpuSeconds() * 1e6 / done, r.writerCpuSeconds() == 0 ? "" : String.format("; writer thread %.1f s = %.1f µs "
            + "per admission (its ceiling: %,d admissions/s)", r.writerCpuSeconds(), r.writerCpuSeconds() * 1e6 / done,
        Math.round(done / r.writerCpuSeconds())));
    System.out.printf("get (random present key, one at a time from an event loop, %,d gets): p50 %.3f ms, p99 %.3f ms, "
        + "p99.9 %.3f ms%n", gets, r.getMillis()[0], r.getMillis()[1], r.getMillis()[2]);
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf("RSS after the run: %,d MiB (Java heap used %,d MiB, committed %,d MiB, max %,d MiB)%s%n",
        rssKib() / 1024, heap.getUsed() >> 20, heap.getCommitted() >> 20, heap.getMax() >> 20,
        cfg.state().rocksdb() == null ? "" : "; RocksDB directory " + (size(cfg.state().rocksdb().path()) >> 20) + " MiB");
  }

  private static String budget(PlatformConfig cfg) {
    var s = cfg.state().rocksdb();
    return s == null ? "" : String.format(", off-heap budget %,d MiB (block cache %,d + memtables %,d)",
        s.budgetBytes() >> 20, s.blockCacheBytes() >> 20, s.memtableBytes() >> 20);
  }

  /** Resident set size of this process (Linux), KiB; 0 where /proc is missing. */
  private static long rssKib() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return 0;
    }
    return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
  }

  private static long size(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** On PostgreSQL the bench worked in a schema of its own making: drop it, so runs leave nothing behind. */
  private static void dropBenchSchema(Vertx vertx, PlatformConfig cfg) throws Exception {
    if (cfg.sql().postgres() != null) {
      Db db = Await.result(Db.open(vertx, cfg.sql()), 120);
      Await.result(db.query("DROP SCHEMA IF EXISTS " + cfg.sql().postgres().schema() + " CASCADE", Tuple.tuple()), 120);
      Await.result(db.close(), 60);
    }
  }

}
