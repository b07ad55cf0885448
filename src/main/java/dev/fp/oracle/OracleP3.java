package dev.fp.oracle;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.OracleException;
import dev.fp.contract.PackManifest;
import dev.fp.contract.StreamViewDocs;
import dev.fp.oraclestore.EngineWorld;
import dev.fp.oraclestore.OracleRoot;
import dev.fp.oraclestore.Roots;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P3 ORACLE_READY for the supervisor. {@link #run} does the entry actions: (a) sync the local world into the
 * engine run root when a source is given, (b) pack + seal, (c) stream-sort every required output — each output on
 * its own, so one failing output is reported with its code and remedy while the others finish, and outputs with a
 * valid receipt are skipped. {@link #checkGate} evaluates the exit gate from durable evidence only: the seal, and
 * per output its parts, manifest and receipt. {@link #resetOutput} is the allowed retry: it deletes only that
 * output's stream-view prefix.
 *
 * <p>All blocking work (Parquet, files, waiting on the object store) runs on a dedicated worker pool, never on an
 * event loop.
 */
public final class OracleP3 implements AutoCloseable {
  private static final long MAX_JOB_HOURS = 12;

  private final ObjectStore store;
  private final Clock clock;
  private final WorkerExecutor workers;

  public OracleP3(Vertx vertx, ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.workers = vertx.createSharedWorkerExecutor("fp-oracle", 2, MAX_JOB_HOURS, TimeUnit.HOURS);
  }

  public Future<P3Result> run(P3Request request) {
    return workers.executeBlocking(() -> runBlocking(request), false);
  }

  public Future<List<GateCheck>> checkGate(P3Request request) {
    return workers.executeBlocking(() -> gate(request), false);
  }

  /** Deletes the stream view of one output (its {@code output_id=} prefix only); returns objects deleted. */
  public Future<Integer> resetOutput(P3Request request, String outputId) {
    return workers.executeBlocking(() -> root(request.effectiveStreamViewRoot())
        .deletePrefix(SortJob.outputPrefix(outputId)), false);
  }

  private P3Result runBlocking(P3Request r) {
    OracleRoot engine = root(r.engineRunRoot());
    if (r.syncSource() != null) {
      new SyncJob().run(Path.of(r.syncSource()), engine);
    }
    OracleRoot pack = root(r.effectivePackRoot());
    PackJob.Result packed = new PackJob(clock).run(engine, pack, r.scenarioId(), r.engineRelease(),
        PackManifest.SEALED_OK);
    EngineWorld world = EngineWorld.open(engine, r.scenarioId());
    SortJob sort = new SortJob(world, root(r.effectiveStreamViewRoot()), r.sort(), clock);
    List<P3Result.OutputResult> results = new ArrayList<>();
    for (String id : r.outputIds()) {
      try {
        SortJob.Outcome o = sort.sort(id);
        results.add(new P3Result.OutputResult(id, o.skipped() ? "SKIPPED" : "SORTED", o.receipt(), o.rows(),
            null, null, null));
      } catch (OracleException e) {
        results.add(new P3Result.OutputResult(id, "FAILED", null, 0, e.code(), e.getMessage(), e.remedy()));
      }
    }
    return new P3Result(packed.oraclePackId(), pack.locator(PackManifest.SEAL), List.copyOf(results));
  }

  private List<GateCheck> gate(P3Request r) {
    List<GateCheck> checks = new ArrayList<>();
    OracleRoot pack = root(r.effectivePackRoot());
    Map<String, Object> seal = pack.read(PackManifest.SEAL).flatMap(JsonDoc::parse).orElse(Map.of());
    boolean sealed = PackManifest.SEALED_OK.equals(seal.get("seal_status"));
    checks.add(new GateCheck("oracle.pack_sealed", sealed, pack.locator(PackManifest.SEAL),
        sealed ? "seal_status=SEALED_OK" : "expected seal_status=SEALED_OK, found " + (seal.isEmpty() ? "no seal"
            : seal.get("seal_status")), "run `fp oracle pack` (MANIFEST_MISMATCH: set a fresh pack root)"));
    OracleRoot view = root(r.effectiveStreamViewRoot());
    for (String id : r.outputIds()) {
      checks.addAll(outputChecks(view, id));
    }
    return checks;
  }

  private static List<GateCheck> outputChecks(OracleRoot view, String id) {
    String prefix = SortJob.outputPrefix(id);
    List<String> keys = view.list(prefix);
    String remedy = "run `fp oracle sort --output-id " + id + "`; on STREAM_VIEW_PARTIAL_EXISTS delete only "
        + view.locator(prefix) + " first";
    long parts = keys.stream().filter(k -> k.endsWith(".parquet")).count();
    boolean receiptOk = view.read(prefix + StreamViewDocs.RECEIPT).flatMap(JsonDoc::parse)
        .map(m -> "OK".equals(m.get("status"))).orElse(false);
    return List.of(
        new GateCheck("oracle.stream_view." + id + ".parts", parts > 0, view.locator(prefix + "part-*.parquet"),
            parts + " part file(s)", remedy),
        new GateCheck("oracle.stream_view." + id + ".manifest", keys.contains(prefix + StreamViewDocs.MANIFEST),
            view.locator(prefix + StreamViewDocs.MANIFEST), "manifest must exist", remedy),
        new GateCheck("oracle.stream_view." + id + ".receipt", receiptOk,
            view.locator(prefix + StreamViewDocs.RECEIPT), "receipt must exist with status OK", remedy));
  }

  private OracleRoot root(String root) {
    return Roots.open(root, () -> store);
  }

  @Override
  public void close() {
    workers.close();
  }
}
