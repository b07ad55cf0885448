package dev.fp.caselabels.ls;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fp.caselabels.ls.core.LedgerEntry;
import dev.fp.caselabels.ls.core.LsCounters;
import dev.fp.caselabels.ls.core.WriteResult;
import dev.fp.caselabels.ls.core.WriterBoundary;
import dev.fp.caselabels.ls.store.LsTables;
import dev.fp.contract.Json;
import dev.fp.contract.LabelTaxonomy;
import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.query.LabelStoreClient;
import dev.fp.platform.stream.CountersTable;
import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.GroupLease;
import dev.fp.substrate.eventlog.LeaseHolders;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Label Store daemon, process {@value LabelStore#PROCESS_ID} of pack {@code case_labels}, for one platform run.
 * It holds the run's LS lease, answers {@link LabelStoreClient#WRITE_ADDRESS} — one request at a time, each one
 * StateStore batch (ledger, timeline, mismatch and rejection rows, counters) fenced by the lease, answered only after
 * the commit — and {@link LabelStoreClient#QUERY_ADDRESS} from committed state ({@link LabelQueries}); it rewrites its
 * health artifacts every {@code artifacts_interval_ms} and at stop.
 */
public final class LabelStoreVerticle extends VerticleBase implements Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(LabelStoreVerticle.class);
  private static final TypeReference<List<Object>> JSON_LIST = new TypeReference<>() {
  };

  private final PlatformServices services;
  private final String platformRunId;
  private final LsConfig cfg;
  private StateStore store;
  private GroupLease lease;
  private WriterBoundary boundary;
  private LabelQueries queries;
  private Map<String, Long> counters;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  /** The last write request's completion: the next one starts after it, so two writes of one id cannot both be NEW. */
  private Future<Void> writeTail = Future.succeededFuture();
  private long timer = -1;
  private volatile boolean running;

  public LabelStoreVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, LsConfig.from(services.config().components().section(LabelStore.NAME)));
  }

  public LabelStoreVerticle(PlatformServices services, String platformRunId, LsConfig cfg) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(this::loadTaxonomy)
        .compose(taxonomy -> {
          boundary = new WriterBoundary(platformRunId, taxonomy, LabelStore::assertionRef);
          return services.substrate().stateStore();
        })
        .compose(s -> {
          store = s;
          queries = new LabelQueries(store, platformRunId);
          List<Table<?, ?>> tables = new ArrayList<>(LsTables.ALL);
          tables.add(CountersTable.TABLE);
          return store.ensureTables(tables);
        })
        .compose(v -> GroupLease.acquire(vertx, new CheckpointStore(services.substrate().db(), services.clock()),
            LabelStore.groupId(platformRunId), LeaseHolders.newHolder(LabelStore.groupId(platformRunId)),
            cfg.leaseTtl(), lost -> {
              LOG.error("label store {}: lease lost ({}), no longer answering", platformRunId, lost.getMessage());
              halt();
            }))
        .compose(l -> {
          lease = l;
          return CountersTable.read(store, platformRunId, LabelStore.NAME, LsCounters.ALL);
        })
        .onSuccess(c -> {
          counters = new TreeMap<>(c.values());
          consumers.add(vertx.eventBus().consumer(LabelStoreClient.WRITE_ADDRESS, this::write));
          consumers.add(vertx.eventBus().consumer(LabelStoreClient.QUERY_ADDRESS, queries::answer));
          running = true;
          timer = vertx.setPeriodic(cfg.artifactsInterval().toMillis(), t -> writeArtifacts());
          LOG.info("label store {}: started ({} accepted so far)", platformRunId, counters.get(LsCounters.ACCEPTED));
        })
        .onFailure(err -> {
          if (lease != null) {
            lease.release();
          }
        });
  }

  private LabelTaxonomy loadTaxonomy() throws Exception {
    String text = String.join("\n", services.config().readConfLines(cfg.taxonomyFile()));
    try {
      return LabelTaxonomy.parse(Json.readYamlObject(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("label store taxonomy " + cfg.taxonomyFile() + ": " + e.getMessage(), e);
    }
  }

  private void write(Message<JsonObject> msg) {
    writeTail = writeTail.transform(ar -> running ? commitWrite(msg) : refuse(msg, "label store stopped"));
  }

  private Future<Void> commitWrite(Message<JsonObject> msg) {
    JsonArray items = msg.body() != null && msg.body().getValue("assertions") instanceof JsonArray a ? a : null;
    if (items == null) {
      msg.fail(400, "label store write: body must be {\"assertions\": [LabelAssertion…]}");
      return Future.succeededFuture();
    }
    if (items.size() > cfg.maxAssertionsPerWrite()) {
      msg.fail(413, "label store write: " + items.size() + " assertions, at most " + cfg.maxAssertionsPerWrite()
          + " per request");
      return Future.succeededFuture();
    }
    List<Object> assertions;
    try {
      assertions = Json.read(items.encode(), JSON_LIST);
    } catch (Exception e) {
      msg.fail(400, "label store write: unreadable assertions: " + e.getMessage());
      return Future.succeededFuture();
    }
    List<LsTables.LedgerKey> keys = WriterBoundary.idsOf(assertions).stream()
        .map(id -> new LsTables.LedgerKey(platformRunId, id)).toList();
    return store.multiGet(LsTables.ASSERTIONS, keys).compose(rows -> {
      Map<String, LedgerEntry> stored = new TreeMap<>();
      rows.forEach((k, v) -> stored.put(k.labelAssertionId(), v));
      WriterBoundary.Plan plan = boundary.plan(assertions, stored, counters, Timestamps.now(services.clock()));
      return store.commit(batchOf(plan)).map(v -> plan);
    }).onSuccess(plan -> {
      counters = plan.counters();
      msg.reply(new JsonObject().put("results", new JsonArray(plan.results().stream().map(WriteResult::toMap)
          .map(JsonObject::new).toList())));
    }).onFailure(err -> {
      LOG.warn("label store {}: write of {} assertions not committed: {}", platformRunId, assertions.size(),
          err.toString());
      msg.fail(503, "label store commit failed, nothing accepted: " + err);
    }).mapEmpty();
  }

  private WriteBatch batchOf(WriterBoundary.Plan plan) {
    WriteBatch batch = new WriteBatch().fence(lease.current());
    plan.ledger().forEach((id, row) -> batch.put(LsTables.ASSERTIONS, new LsTables.LedgerKey(platformRunId, id), row));
    plan.timeline().forEach(e -> batch.put(LsTables.TIMELINE, LsTables.timelineKey(e, platformRunId,
        plan.ledger().get(e.labelAssertionId()).eventId()), e));
    plan.mismatches().forEach(m -> batch.put(LsTables.MISMATCHES,
        new LsTables.MismatchKey(platformRunId, m.labelAssertionId(), m.seq()), m));
    plan.rejections().forEach(r -> batch.put(LsTables.REJECTIONS, new LsTables.RejectionKey(platformRunId, r.seq()),
        new LsTables.RejectionRow(r.reasonCode(), r.detail(), r.labelAssertionId(), r.assertion(),
            r.observedAtUtc())));
    return batch.put(CountersTable.TABLE, new CountersTable.Key(platformRunId, LabelStore.NAME),
        new TreeMap<>(plan.counters()));
  }

  private static Future<Void> refuse(Message<JsonObject> msg, String why) {
    msg.fail(503, why);
    return Future.succeededFuture();
  }

  private Future<Void> writeArtifacts() {
    Map<String, Long> c = counters;
    if (c == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      String now = Timestamps.now(services.clock());
      HealthReport h = LsArtifacts.health(c);
      services.health().write(platformRunId, LabelStore.DIRECTORY, h,
          Map.of("anomalies", LsArtifacts.anomalies(c)), Map.of());
      Path dir = services.health().componentDir(platformRunId, LabelStore.DIRECTORY);
      JsonFiles.write(dir.resolve(LsArtifacts.RECONCILIATION), LsArtifacts.reconciliation(platformRunId, now, h, c));
      JsonFiles.write(dir.getParent().resolve(LsArtifacts.CONTRIBUTION),
          LsArtifacts.contribution(platformRunId, now, c));
      return null;
    }, false).<Void>mapEmpty().onFailure(err -> LOG.warn("label store {}: artifacts not written: {}", platformRunId,
        err.toString()));
  }

  private void halt() {
    running = false;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
  }

  @Override
  public Future<?> stop() {
    halt();
    return writeTail.transform(ar -> writeArtifacts())
        .transform(ar -> lease == null ? Future.succeededFuture() : lease.release());
  }

  @Override
  public Future<Result> readiness() {
    return Future.succeededFuture(running ? new Result(true, "serving") : new Result(false, "not_started"));
  }
}
