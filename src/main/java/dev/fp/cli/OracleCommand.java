package dev.fp.cli;

import dev.fp.Main;
import dev.fp.contract.CanonicalJson;
import dev.fp.contract.JsonDoc;
import dev.fp.contract.OracleException;
import dev.fp.contract.OutputMode;
import dev.fp.contract.PackManifest;
import dev.fp.oracle.CheckJob;
import dev.fp.oracle.CheckReport;
import dev.fp.oracle.PackJob;
import dev.fp.oracle.SortJob;
import dev.fp.oracle.SyncJob;
import dev.fp.oracle.sort.SortSettings;
import dev.fp.oraclestore.EngineWorld;
import dev.fp.oraclestore.OracleRoot;
import dev.fp.oraclestore.Roots;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.objectstore.ObjectStoreException;
import dev.fp.substrate.objectstore.ObjectStores;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fp oracle}: the Oracle Store jobs that make a world streamable (sync, pack + seal, check, stream sort).
 * Roots are local paths or {@code s3://bucket/prefix} (the profile's object store). Exit codes: 0 ok, 2 bad input,
 * 3 a check failed or evidence conflicts (MANIFEST_MISMATCH, STREAM_RECEIPT_MISMATCH, …), 4 object store
 * unavailable, 5 invalid configuration. A failure prints its code, what was found, and the remedy.
 */
@Command(name = "oracle", mixinStandardHelpOptions = true, description = "Oracle Store: sync, pack, check, sort.",
    subcommands = {OracleCommand.Sync.class, OracleCommand.Pack.class, OracleCommand.Check.class,
        OracleCommand.Sort.class})
public final class OracleCommand {

  /** Shared plumbing: profile, object store on demand, failure reporting. */
  abstract static class Job implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    private Vertx vertx;
    private ObjectStore store;
    private PlatformConfig config;

    @Override
    public final Integer call() throws Exception {
      config = profile.load();
      try {
        return execute();
      } catch (OracleException e) {
        System.err.println("fp oracle " + name() + ": " + e.getMessage());
        System.err.println("  remedy: " + e.remedy());
        return e.isInputError() ? Main.EXIT_USAGE : Main.EXIT_GATE_FAILED;
      } catch (ObjectStoreException e) {
        System.err.println("fp oracle " + name() + ": object store unavailable: " + e.getMessage());
        return Main.EXIT_SUBSTRATE;
      } catch (IllegalArgumentException e) {
        System.err.println("fp oracle " + name() + ": " + e.getMessage());
        return Main.EXIT_USAGE;
      } finally {
        close();
      }
    }

    abstract String name();

    abstract int execute() throws Exception;

    OracleRoot root(String root) {
      return Roots.open(root, () -> {
        if (store == null) {
          vertx = Vertx.vertx();
          store = ObjectStores.create(vertx, config.objectStore());
        }
        return store;
      });
    }

    void print(Map<String, Object> result, String text) {
      System.out.println(profile.jsonOutput() ? CanonicalJson.write(result) : text);
    }

    private void close() {
      if (store != null) {
        store.close().toCompletionStage().toCompletableFuture().join();
      }
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().join();
      }
    }
  }

  /** Output selection shared by check and sort: explicit ids, a YAML list, or a mode's required outputs. */
  static final class OutputChoice {
    @Option(names = "--output-id", description = "an output to process (repeatable)")
    List<String> outputIds = new ArrayList<>();

    @Option(names = "--output-ids-ref", description = "YAML file with an output_ids list")
    Path outputIdsRef;

    @Option(names = "--mode", defaultValue = "fraud",
        description = "without --output-id/--output-ids-ref: the required outputs of fraud (default) or baseline")
    String mode;

    List<String> resolve() throws IOException {
      if (!outputIds.isEmpty()) {
        return outputIds;
      }
      if (outputIdsRef != null) {
        Object ids = JsonDoc.parseYaml(Files.readAllBytes(outputIdsRef)).orElse(Map.of()).get("output_ids");
        if (!(ids instanceof List<?> l) || l.isEmpty()) {
          throw new IllegalArgumentException("--output-ids-ref " + outputIdsRef + ": no output_ids list");
        }
        return l.stream().map(String::valueOf).toList();
      }
      return OutputMode.valueOf(mode.toUpperCase()).requiredOutputs();
    }
  }

  /** {@code fp oracle sync}: copy a local engine run root into the object store (re-runs copy nothing). */
  @Command(name = "sync", mixinStandardHelpOptions = true, description = "Copy a local world to --engine-run-root.")
  static final class Sync extends Job {
    @Option(names = "--source", required = true, description = "local engine run root")
    Path source;

    @Option(names = "--engine-run-root", required = true, description = "target, e.g. s3://oracle-store/<prefix>")
    String engineRunRoot;

    @Override
    String name() {
      return "sync";
    }

    @Override
    int execute() {
      SyncJob.Result r = new SyncJob().run(source, root(engineRunRoot));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", r.source());
      m.put("engine_run_root", r.target());
      m.put("copied", r.copied());
      m.put("skipped", r.skipped());
      m.put("bytes", r.bytes());
      print(m, "synced " + r.source() + " -> " + r.target() + ": " + r.copied() + " copied, " + r.skipped()
          + " unchanged");
      return Main.EXIT_OK;
    }
  }

  /** {@code fp oracle pack}: write the pack manifest and seal (write-once). */
  @Command(name = "pack", mixinStandardHelpOptions = true, description = "Pack and seal a world.")
  static final class Pack extends Job {
    @Option(names = "--engine-run-root", required = true)
    String engineRunRoot;

    @Option(names = "--scenario-id", required = true)
    String scenarioId;

    @Option(names = "--engine-release", defaultValue = "fp-world-1", description = "default ${DEFAULT-VALUE}")
    String engineRelease;

    @Option(names = "--pack-root", description = "default: the engine run root")
    String packRoot;

    @Option(names = "--seal-status", defaultValue = PackManifest.SEALED_OK, description = "SEALED_OK | SEALED_FAILED")
    String sealStatus;

    @Override
    String name() {
      return "pack";
    }

    @Override
    int execute() {
      OracleRoot engine = root(engineRunRoot);
      OracleRoot pack = packRoot == null ? engine : root(packRoot);
      PackJob.Result r = new PackJob(Clock.systemUTC()).run(engine, pack, scenarioId, engineRelease, sealStatus);
      print(new LinkedHashMap<>(r.toMap()), (r.created() ? "sealed " : "already sealed (no change) ")
          + r.packRoot() + " oracle_pack_id " + r.oraclePackId());
      return Main.EXIT_OK;
    }
  }

  /** {@code fp oracle check}: the strict checker. */
  @Command(name = "check", mixinStandardHelpOptions = true, description = "Check a world and its pack.")
  static final class Check extends Job {
    @Option(names = "--engine-run-root", required = true)
    String engineRunRoot;

    @Option(names = "--scenario-id", description = "default: discovered from scenario_id=* folders")
    String scenarioId;

    @Option(names = "--pack-root", description = "default: the engine run root")
    String packRoot;

    @Option(names = "--allow-unsealed", description = "PACK_NOT_SEALED is a warning (default: an error)")
    boolean allowUnsealed;

    @Mixin
    OutputChoice outputs;

    @Override
    String name() {
      return "check";
    }

    @Override
    int execute() throws IOException {
      OracleRoot engine = root(engineRunRoot);
      CheckReport report = new CheckJob().run(engine, packRoot == null ? engine : root(packRoot), scenarioId,
          outputs.resolve(), !allowUnsealed);
      StringBuilder text = new StringBuilder("oracle check " + report.status());
      report.issues().forEach(i -> text.append("\n  ").append(i.severity()).append(' ').append(i.code())
          .append(": ").append(i.detail()));
      print(report.toMap(), text.toString());
      return report.passed() ? Main.EXIT_OK : Main.EXIT_GATE_FAILED;
    }
  }

  /** {@code fp oracle sort}: build the stream view of each output (external merge sort, bounded heap). */
  @Command(name = "sort", mixinStandardHelpOptions = true, description = "Stream-sort outputs by ts_utc.")
  static final class Sort extends Job {
    @Option(names = "--engine-run-root", required = true)
    String engineRunRoot;

    @Option(names = "--scenario-id", required = true)
    String scenarioId;

    @Option(names = "--stream-view-root", description = "default: <engine run root>/stream_view/ts_utc")
    String streamViewRoot;

    @Option(names = "--partition-granularity", defaultValue = "flat", description = "only flat is supported")
    String granularity;

    @Option(names = "--memory-mb", defaultValue = "" + SortSettings.DEFAULT_MEMORY_MB,
        description = "heap budget of the sort in MiB (default ${DEFAULT-VALUE})")
    int memoryMb;

    @Option(names = "--rows-per-part", defaultValue = "" + SortSettings.DEFAULT_ROWS_PER_PART,
        description = "rows per stream-view part (default ${DEFAULT-VALUE})")
    long rowsPerPart;

    @Option(names = "--temp-dir", description = "spill folder (default: the system temp folder)")
    Path tempDir;

    @Mixin
    OutputChoice outputs;

    @Override
    String name() {
      return "sort";
    }

    @Override
    int execute() throws IOException {
      if (!"flat".equals(granularity)) {
        throw OracleException.input("PARTITION_GRANULARITY_UNSUPPORTED", granularity, "use --partition-granularity flat");
      }
      OracleRoot engine = root(engineRunRoot);
      String viewRoot = streamViewRoot != null ? streamViewRoot
          : engine.uri() + "/stream_view/ts_utc";
      Path temp = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"), "fp-sort");
      SortJob job = new SortJob(EngineWorld.open(engine, scenarioId), root(viewRoot),
          new SortSettings(memoryMb, rowsPerPart, temp, SortSettings.DEFAULT_PROGRESS_SECONDS), Clock.systemUTC());
      List<Map<String, Object>> done = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (String id : outputs.resolve()) {
        SortJob.Outcome o = job.sort(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output_id", id);
        m.put("status", o.skipped() ? "SKIPPED" : "SORTED");
        m.put("rows", o.rows());
        m.put("parts", o.parts());
        m.put("receipt", o.receipt());
        m.put("elapsed_ms", o.elapsedMillis());
        done.add(m);
        text.append(o.skipped() ? "skipped (valid receipt) " : "sorted ").append(id).append(": ").append(o.rows())
            .append(" rows, ").append(o.parts()).append(" part(s)")
            .append(o.skipped() ? "" : String.format(", %,d ms, %d run(s) spilled", o.elapsedMillis(),
                o.spilledRuns())).append("\n  receipt ").append(o.receipt()).append('\n');
      }
      print(Map.of("stream_views", done), text.toString().stripTrailing());
      return Main.EXIT_OK;
    }
  }
}
