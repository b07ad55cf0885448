package dev.fp.cli;

import dev.fp.ingress.ig.bench.IgBench;
import dev.fp.ingress.ig.bench.PerformanceDoc;
import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.log.Logging;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fp bench}: benchmarks that write their numbers to docs/PERFORMANCE.md (ARCHITECTURE §9). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (results go to docs/PERFORMANCE.md).",
    subcommands = {BenchCommand.Ig.class, BenchStateCommand.class, BenchCommand.Lane.class})
public final class BenchCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** {@code fp bench} without a benchmark name: usage on stderr, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code fp bench ig}: IG admissions per second (batch and single push) and push latency at a fixed rate. */
  @Command(name = "ig", mixinStandardHelpOptions = true,
      description = "Ingestion Gate: admissions/s through batches and single pushes, p50/p99 at a fixed push rate.")
  public static final class Ig implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "NAME", description = "embedded (default) or local_parity")
    String profile;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "profile and policy folder (default ./conf)")
    Path configDir;

    @Option(names = "--events", defaultValue = "200000", description = "envelopes in the batch phase (${DEFAULT-VALUE})")
    long events;

    @Option(names = "--warmup-events", defaultValue = "100000",
        description = "batch admissions before the measured phases, not reported: the JIT compiles the admission path "
            + "(${DEFAULT-VALUE}; 0 = none)")
    long warmupEvents;

    @Option(names = "--batch-size", defaultValue = "500", description = "envelopes per batch (${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--batch-clients", defaultValue = "6", description = "concurrent batches (${DEFAULT-VALUE})")
    int batchClients;

    @Option(names = "--single-seconds", defaultValue = "20", description = "full-speed push phase (${DEFAULT-VALUE} s; 0 = none)")
    int singleSeconds;

    @Option(names = "--single-connections", defaultValue = "256",
        description = "connections of the full-speed push phase (${DEFAULT-VALUE})")
    int singleConnections;

    @Option(names = "--rate", defaultValue = "5000,1000", split = ",",
        description = "pushes/s of the latency phases, one phase per rate (${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--rate-seconds", defaultValue = "20", description = "latency phase (${DEFAULT-VALUE} s; 0 = no latency phases)")
    int rateSeconds;

    @Option(names = "--report-every", defaultValue = "0", paramLabel = "N",
        description = "split the batch phase into windows of N admissions, one row each (default: one row)")
    long reportEvery;

    @Option(names = "--baseline", description = "also run each phase against a null route of the same server (parses the "
        + "JSON body, answers 200) and print IG's figures beside it with the ratio")
    boolean baseline;

    @Option(names = "--ig-set", paramLabel = "KEY=VALUE",
        description = "components.ig setting for the run, repeatable (e.g. evidence_layout=segment)")
    java.util.Map<String, String> igSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--write", paramLabel = "FILE", defaultValue = "docs/PERFORMANCE.md",
        description = "results file, section '## Ingestion Gate' (${DEFAULT-VALUE}); 'none' to skip")
    String write;

    @Override
    public Integer call() throws Exception {
      Logging.configure("text", "WARN");
      String name = ConfigLoader.profileName(profile, System.getenv());
      IgBench.Options options = new IgBench.Options(name, configDir, warmupEvents, events, batchSize, batchClients, singleSeconds,
          singleConnections, rates, rateSeconds, igSettings, baseline, reportEvery);
      String loadBefore = loadAverage();
      List<IgBench.Phase> phases = new IgBench(options).run();
      String load = "load average " + loadBefore + " before, " + loadAverage() + " after (1/5/15 min)";
      for (IgBench.Phase p : phases) {
        JsonObject r = p.result().copy();
        r.remove("raw");
        System.out.println(p.name() + " (" + p.tool() + "): " + r.encode());
      }
      PerformanceDoc.ratios(phases).forEach(System.out::println);
      if (!"none".equals(write)) {
        String command = "fp bench ig --profile " + name + " --warmup-events " + warmupEvents + " --events " + events
            + " --batch-size " + batchSize
            + " --batch-clients " + batchClients + " --single-seconds " + singleSeconds + " --single-connections "
            + singleConnections + " --rate " + rates.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
            + " --rate-seconds " + rateSeconds + (baseline ? " --baseline" : "") + (reportEvery > 0 ? " --report-every " + reportEvery : "") + igSettings.entrySet().stream()
            .map(e -> " --ig-set " + e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining());
        PerformanceDoc.write(Path.of(write), name, command, machine() + "; " + load,
            LocalDate.now(ZoneOffset.UTC).toString(), phases);
        System.out.println("written to " + write + " (section " + "Ingestion Gate, " + name + ")");
      }
      return 0;
    }

    /** The machine's load average (other processes compete with the bench on a shared machine). */
    static String loadAverage() {
      try {
        String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split("\\s+");
        return f[0] + "/" + f[1] + "/" + f[2];
      } catch (java.io.IOException e) {
        return "n/a";
      }
    }

    static String machine() {
      long gib = Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024));
      return Runtime.getRuntime().availableProcessors() + " cores, " + gib + " GiB, " + System.getProperty("os.name")
          + ", Java " + System.getProperty("java.version");
    }
  }

  /** {@code fp bench lane}: the RTDL decision lane's decisions/s, CPU per decision and latencies (printed). */
  @Command(name = "lane", mixinStandardHelpOptions = true,
      description = "RTDL decision lane (IG, DL, DF, AL, DLA; no CSFB/OFP/IEG): decisions/s, CPU µs per decision, "
          + "latency traffic admission → decision → audit record.")
  public static final class Lane implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "NAME", description = "embedded (default) or local_parity")
    String profile;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "profile and policy folder (default ./conf)")
    Path configDir;

    @Option(names = "--events", defaultValue = "100000", description = "measured traffic events (${DEFAULT-VALUE})")
    long events;

    @Option(names = "--warmup-events", defaultValue = "20000",
        description = "traffic events decided before the measurement, not reported (${DEFAULT-VALUE}; 0 = none)")
    long warmupEvents;

    @Option(names = "--rate", defaultValue = "0",
        description = "traffic events/s of the feed; 0 = as fast as IG admits them (${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--batch-size", defaultValue = "500", description = "traffic events per admission (${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() throws Exception {
      Logging.configure("text", "WARN");
      String name = ConfigLoader.profileName(profile, System.getenv());
      String loadBefore = Ig.loadAverage();
      JsonObject r = new dev.fp.rtdl.bench.LaneBench(new dev.fp.rtdl.bench.LaneBench.Options(name, configDir,
          warmupEvents, events, rate, batchSize)).run();
      System.out.println("fp bench lane --profile " + name + " --warmup-events " + warmupEvents + " --events " + events
          + " --rate " + rate + " --batch-size " + batchSize);
      System.out.println(Ig.machine() + "; load average " + loadBefore + " before, " + Ig.loadAverage()
          + " after (1/5/15 min)");
      System.out.println(r.encode());
      return 0;
    }
  }
}
