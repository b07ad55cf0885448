package dev.fp.world;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Timestamps;
import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowWriter;
import dev.fp.world.core.ArrivalSeqTable;
import dev.fp.world.core.CampaignCatalogue;
import dev.fp.world.core.ChunkPlan;
import dev.fp.world.core.Draws;
import dev.fp.world.core.FlowModel;
import dev.fp.world.core.GateBundle;
import dev.fp.world.core.Horizon;
import dev.fp.world.core.InterfacePack;
import dev.fp.world.core.MerchantBook;
import dev.fp.world.core.OutputSpec;
import dev.fp.world.core.Segment;
import dev.fp.world.core.WorldIdentity;
import dev.fp.world.core.WorldOutputs;
import dev.fp.world.core.WorldParams;
import dev.fp.world.core.WorldPins;
import dev.fp.contract.WireTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes an engine-shaped run root for {@link WorldParams}: every output's parts (two parts at a time, one per
 * core), the campaign catalogue, the interface pack, a passing validation bundle per gate and, last,
 * {@code run_receipt.json} — the completion marker. Equal parameters give byte-identical files. Idempotent: when the
 * folder already holds the identical receipt nothing is written; a folder holding anything else is refused, so a
 * partial or different world is never mixed with this one. Blocking; memory is bounded by the open writers.
 */
public final class WorldGenerator {
  public static final String RECEIPT = "run_receipt.json";
  private static final Logger LOG = LoggerFactory.getLogger(WorldGenerator.class);

  private final WorldParams params;
  private final Path root;
  private final WorldIdentity identity;
  private final WorldPins pins;

  public WorldGenerator(WorldParams params, Path root) {
    this.params = params;
    this.root = root;
    this.identity = WorldIdentity.derive(params);
    this.pins = identity.pins(params);
  }

  public WorldSummary generate() {
    long start = System.nanoTime();
    byte[] receipt = receipt();
    if (alreadyGenerated(receipt)) {
      LOG.info("world {} already generated at {}: nothing to do", identity.runId(), root);
      return summary(Map.of(), start, true);
    }
    try {
      Map<String, Long> counts = writeParts();
      writeCampaignCatalogue(counts);
      writeInterfacePack();
      writeGateBundles(counts);
      Files.write(root.resolve(RECEIPT), receipt);
      WorldSummary s = summary(counts, start, false);
      LOG.info("world {} generated at {}: {} rows in {} ms ({} rows/s)", identity.runId(), root, s.totalRows(),
          s.elapsedMillis(), s.totalRows() * 1000 / Math.max(1, s.elapsedMillis()));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("world generate: cannot write under " + root, e);
    }
  }

  private boolean alreadyGenerated(byte[] receipt) {
    Path existing = root.resolve(RECEIPT);
    try {
      if (Files.isRegularFile(existing) && Arrays.equals(Files.readAllBytes(existing), receipt)) {
        return true;
      }
      if (Files.isDirectory(root)) {
        try (var entries = Files.list(root)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalStateException("world generate: " + root + " is not empty and does not hold this "
                + "world (run_id " + identity.runId() + "); choose an empty --out or delete the folder");
          }
        }
      }
      Files.createDirectories(root);
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("world generate: cannot inspect " + root, e);
    }
  }

  private Map<String, Long> writeParts() throws IOException {
    Draws draws = new Draws(params.seed());
    Horizon horizon = horizon();
    MerchantBook merchants = new MerchantBook(draws, MerchantBook.countFor(params.flows()));
    ChunkPlan plan = new ChunkPlan(draws, params.flows(), params.parts());
    ArrivalSeqTable seqs = new ArrivalSeqTable(model(draws, horizon, merchants), plan, merchants.size());
    AtomicLong done = new AtomicLong();
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Map<String, Long>>> parts = new ArrayList<>();
      for (int p = 0; p < params.parts(); p++) {
        int part = p;
        FlowModel model = model(draws, horizon, merchants);
        parts.add(pool.submit(() -> new PartWriter(root, pins, model, WorldOutputs.projections(pins, model), plan,
            seqs, draws, done).write(part)));
      }
      Map<String, Long> counts = new TreeMap<>();
      for (Future<Map<String, Long>> f : parts) {
        awaitWithProgress(f, done);
        get(f).forEach((id, n) -> counts.merge(id, n, Long::sum));
      }
      return counts;
    } finally {
      pool.shutdownNow();
    }
  }

  private void awaitWithProgress(Future<?> f, AtomicLong done) {
    while (!f.isDone()) {
      try {
        f.get(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        LOG.info("world generate: {}/{} flows ({}%)", done.get(), params.flows(), 100 * done.get() / params.flows());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // get(f) below reports it
        return;
      } catch (ExecutionException e) {
        return; // get(f) below rethrows the part's failure with its cause
      }
    }
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("world generate interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("world generate failed: " + e.getCause(), e.getCause());
    }
  }

  private FlowModel model(Draws draws, Horizon horizon, MerchantBook merchants) {
    return new FlowModel(draws, horizon, merchants, pins, params.flows(), params.fraudRate());
  }

  private Horizon horizon() {
    return new Horizon(WireTime.toMicros(params.start()), WireTime.toMicros(params.end()));
  }

  private void writeCampaignCatalogue(Map<String, Long> counts) throws IOException {
    OutputSpec spec = WorldOutputs.specs().stream()
        .filter(s -> s.outputId().equals(WorldOutputs.CAMPAIGN_CATALOGUE)).findFirst().orElseThrow();
    Path file = root.resolve(spec.folder(pins)).resolve(WorldOutputs.CAMPAIGN_CATALOGUE + ".parquet");
    Files.createDirectories(file.getParent());
    Draws draws = new Draws(params.seed());
    Horizon horizon = horizon();
    FlowModel model = model(draws, horizon, new MerchantBook(draws, 1));
    try (FlatRowWriter writer = new FlatRowWriter(file, spec.schema(), PartWriter.ROW_GROUP_BYTES)) {
      CampaignCatalogue.rows(pins, model, horizon, params.fraudRate(), new FlatRow(spec.schema()), writer::write);
      counts.put(spec.outputId(), writer.rows());
    }
  }

  private void writeInterfacePack() throws IOException {
    Path dir = Files.createDirectories(root.resolve(InterfacePack.FOLDER));
    List<OutputSpec> specs = WorldOutputs.specs();
    Files.writeString(dir.resolve(InterfacePack.CATALOGUE), InterfacePack.catalogue(specs), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(InterfacePack.GATE_MAP), InterfacePack.gateMap(specs), StandardCharsets.UTF_8);
  }

  private void writeGateBundles(Map<String, Long> counts) throws IOException {
    for (Segment s : Segment.values()) {
      Map<String, Long> segmentCounts = new TreeMap<>();
      for (OutputSpec o : WorldOutputs.specs()) {
        if (o.segment().equals(s.code())) {
          segmentCounts.put(o.outputId(), counts.getOrDefault(o.outputId(), 0L));
        }
      }
      Path dir = Files.createDirectories(root.resolve(s.bundleRootTemplate()
          .replace("{manifest_fingerprint}", pins.manifestFingerprint())));
      for (Map.Entry<String, byte[]> f : GateBundle.files(s, pins, segmentCounts).entrySet()) {
        Files.write(dir.resolve(f.getKey()), f.getValue());
      }
    }
  }

  private byte[] receipt() {
    Map<String, Object> generator = new TreeMap<>();
    generator.put("name", WorldIdentity.GENERATOR);
    generator.put("version", WorldIdentity.GENERATOR_VERSION);
    generator.put("flows", params.flows());
    generator.put("fraud_rate", params.fraudRate());
    generator.put("horizon_start", Timestamps.format(params.start()));
    generator.put("horizon_end", Timestamps.format(params.end()));
    generator.put("parts", params.parts());
    generator.put("scenario_id", params.scenarioId());
    Map<String, Object> r = new TreeMap<>();
    r.put("run_id", identity.runId());
    r.put("seed", params.seed());
    r.put("parameter_hash", identity.parameterHash());
    r.put("manifest_fingerprint", identity.manifestFingerprint());
    r.put("contracts_layout", WorldIdentity.GENERATOR + "/" + WorldIdentity.GENERATOR_VERSION);
    r.put("contracts_root", InterfacePack.FOLDER);
    r.put("runs_root", ".");
    r.put("external_roots", List.of());
    // the horizon end, not the wall clock: the receipt must be reproducible like the rest of the world
    r.put("created_utc", Timestamps.format(params.end()));
    r.put("generator", generator);
    return CanonicalJson.lineBytes(r);
  }

  private WorldSummary summary(Map<String, Long> counts, long startNanos, boolean already) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    return new WorldSummary(root, identity.runId(), identity.manifestFingerprint(), identity.parameterHash(),
        Map.copyOf(counts), total, (System.nanoTime() - startNanos) / 1_000_000, already);
  }
}
