package dev.fp.rtdl.dl;

import dev.fp.contract.Json;
import dev.fp.contract.PlatformRunIds;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.pack.Readiness;
import dev.fp.platform.query.PostureQueryClient;
import dev.fp.platform.stream.CountersTable;
import dev.fp.rtdl.dl.core.LadderPolicy;
import dev.fp.rtdl.dl.core.Mode;
import dev.fp.rtdl.dl.core.Posture;
import dev.fp.rtdl.dl.core.PostureEvaluator;
import dev.fp.rtdl.dl.core.SignalSample;
import dev.fp.rtdl.dl.core.SignalState;
import dev.fp.rtdl.dl.store.DlTables;
import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.GroupLease;
import dev.fp.substrate.eventlog.LeaseHolders;
import dev.fp.substrate.state.KeyRange;
import dev.fp.substrate.state.KeyValue;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Degrade Ladder daemon, process {@value DegradeLadder#PROCESS_ID} of pack {@code rtdl_decision_lane}, for one
 * platform run (reference rtdl §5): every {@code poll_interval_ms} it samples the policy's signals (component health
 * files, consumer lag, its own store), evaluates the posture, and commits it to {@code dl_current_posture} (and the
 * history when the mode changed) in one StateStore batch fenced by its lease; then appends the control event of a
 * change and writes its health artifacts. DF and AL read the posture through {@link PostureQueryClient}.
 */
public final class DegradeLadderVerticle extends VerticleBase implements Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(DegradeLadderVerticle.class);

  private final PlatformServices services;
  private final String platformRunId;
  private final DlConfig cfg;
  private final DlTables.ScopeKey scope;
  private StateStore store;
  private GroupLease lease;
  private PostureEvaluator evaluator;
  private SignalSources sources;
  private ControlEvents controlEvents;
  private MessageConsumer<JsonObject> queries;
  private Posture current;
  private Map<String, Long> counters;
  private Instant graceUntil;
  private long timer = -1;
  private boolean ticking;
  private volatile boolean running;

  public DegradeLadderVerticle(PlatformServices services, String platformRunId) {
    this(services, platformRunId, DlConfig.from(services.config().components().section("dl")));
  }

  public DegradeLadderVerticle(PlatformServices services, String platformRunId, DlConfig cfg) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.cfg = cfg;
    this.scope = new DlTables.ScopeKey(platformRunId, PostureQueryClient.GLOBAL_SCOPE);
  }

  @Override
  public Future<?> start() {
    Path dir = services.health().componentDir(platformRunId, DegradeLadder.DIRECTORY);
    controlEvents = new ControlEvents(dir);
    return vertx.executeBlocking(this::loadPolicy)
        .compose(v -> services.substrate().stateStore())
        .compose(s -> {
          store = s;
          List<dev.fp.substrate.state.Table<?, ?>> tables = new ArrayList<>(DlTables.ALL);
          tables.add(CountersTable.TABLE);
          return store.ensureTables(tables);
        })
        .compose(v -> GroupLease.acquire(vertx, new CheckpointStore(services.substrate().db(), services.clock()),
            DegradeLadder.groupId(platformRunId), LeaseHolders.newHolder(DegradeLadder.groupId(platformRunId)),
            cfg.leaseTtl(), lost -> {
              LOG.error("degrade ladder {}: lease lost ({}), stopping evaluation", platformRunId, lost.getMessage());
              halt();
            }))
        .compose(l -> {
          lease = l;
          return store.get(DlTables.CURRENT, scope);
        })
        .compose(p -> {
          current = p;
          return CountersTable.read(store, platformRunId, DegradeLadder.NAME, DlCounters.ALL);
        })
        .compose(c -> {
          counters = new TreeMap<>(c.values());
          return republishOutbox();
        })
        .onSuccess(v -> {
          Instant now = services.clock().instant();
          // missing signals are OK for a while after the ladder (or the run, if later) started: components start too
          graceUntil = later(runStart(now), now).plusSeconds(evaluator.policy().bootstrapGraceSeconds());
          queries = vertx.eventBus().consumer(PostureQueryClient.address(platformRunId), this::answer);
          running = true;
          tick();
          timer = vertx.setPeriodic(cfg.pollInterval().toMillis(), t -> tick());
          LOG.info("degrade ladder {}: started (policy {}@{}, posture {})", platformRunId,
              evaluator.policy().policyId(), evaluator.policy().revision(),
              current == null ? "none yet" : current.mode() + " seq " + current.postureSeq());
        })
        .onFailure(err -> {
          if (lease != null) {
            lease.release();
          }
        });
  }

  private Instant runStart(Instant fallback) {
    try {
      return PlatformRunIds.parse(platformRunId);
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private Void loadPolicy() throws Exception {
    String text = String.join("\n", services.config().readConfLines(cfg.policyFile()));
    Map<String, Object> doc = Json.readYamlObject(text.getBytes(StandardCharsets.UTF_8));
    try {
      LadderPolicy policy = LadderPolicy.parse(doc);
      List<String> tracked = new ArrayList<>(policy.requiredSignals());
      tracked.addAll(policy.optionalSignals());
      sources = SignalSources.parse(doc, tracked);
      evaluator = new PostureEvaluator(policy);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("degrade ladder policy " + cfg.policyFile() + ": " + e.getMessage(), e);
    }
    return null;
  }

  /** History rows whose control event a crash kept from being appended: append them now, then mark them. */
  private Future<Void> republishOutbox() {
    return store.scan(DlTables.HISTORY, KeyRange.prefix(DlTables.historyPrefix(platformRunId, scope.scopeKey())),
            10_000)
        .compose(rows -> {
          List<KeyValue<DlTables.HistoryKey, DlTables.HistoryEntry>> pending = rows.stream()
              .filter(r -> !r.value().published()).toList();
          if (pending.isEmpty()) {
            return Future.succeededFuture();
          }
          return vertx.executeBlocking(() -> {
            pending.forEach(r -> controlEvents.append(platformRunId, r.value().posture()));
            return null;
          }).compose(v -> {
            WriteBatch batch = new WriteBatch().fence(lease.current());
            pending.forEach(r -> batch.put(DlTables.HISTORY, r.key(), new DlTables.HistoryEntry(r.value().posture(),
                true)));
            return store.commit(batch);
          });
        });
  }

  private void tick() {
    if (!running || ticking) {
      return;
    }
    ticking = true;
    Path runRoot = services.health().componentDir(platformRunId, DegradeLadder.DIRECTORY).getParent();
    Future<List<SignalSample>> files = vertx.executeBlocking(() -> sources.sampleFiles(runRoot));
    Future<Boolean> storeOk = store.get(DlTables.CURRENT, scope).map(p -> true).otherwise(false);
    Future.all(files, storeOk)
        .compose(v -> {
          Instant now = services.clock().instant();
          List<SignalSample> samples = new ArrayList<>(files.result());
          for (String name : sources.storeSignals()) {
            samples.add(new SignalSample(name, now, storeOk.result(), store.description(),
                storeOk.result() ? "posture row readable" : "posture read failed"));
          }
          Posture next = evaluator.next(scope.scopeKey(), current, samples, now, graceUntil);
          Map<String, Long> nextCounters = count(next);
          WriteBatch batch = new WriteBatch().fence(lease.current())
              .put(DlTables.CURRENT, scope, next)
              .put(CountersTable.TABLE, new CountersTable.Key(platformRunId, DegradeLadder.NAME), nextCounters);
          DlTables.HistoryKey hk = new DlTables.HistoryKey(platformRunId, scope.scopeKey(), next.postureSeq());
          if (next.changed()) {
            batch.put(DlTables.HISTORY, hk, new DlTables.HistoryEntry(next, false));
          }
          return store.commit(batch).compose(c -> {
            current = next;
            counters = nextCounters;
            if (next.changed()) {
              LOG.info("degrade ladder {}: posture {} (seq {}): {}", platformRunId, next.mode(), next.postureSeq(),
                  next.reason());
              return vertx.executeBlocking(() -> controlEvents.append(platformRunId, next))
                  .compose(appended -> store.commit(new WriteBatch().fence(lease.current())
                      .put(DlTables.HISTORY, hk, new DlTables.HistoryEntry(next, true))));
            }
            return Future.<Void>succeededFuture();
          });
        })
        .compose(v -> vertx.executeBlocking(() -> {
          writeArtifacts();
          return null;
        }))
        .onFailure(err -> LOG.warn("degrade ladder {}: evaluation failed, retrying next tick: {}", platformRunId,
            err.toString()))
        .onComplete(ar -> ticking = false);
  }

  private Map<String, Long> count(Posture next) {
    Map<String, Long> c = new TreeMap<>(counters);
    c.merge(DlCounters.TICKS, 1L, Long::sum);
    if (next.changeKind().equals(Posture.MODE_CHANGE)) {
      c.merge(DlCounters.TRANSITIONS, 1L, Long::sum);
    }
    if (next.mode() == Mode.FAIL_CLOSED && (current == null || current.mode() != Mode.FAIL_CLOSED)) {
      c.merge(DlCounters.FORCED_FAIL_CLOSED, 1L, Long::sum);
    }
    if (next.reason().startsWith("EVALUATOR_FAIL_CLOSED")) {
      c.merge(DlCounters.EVALUATOR_ERRORS, 1L, Long::sum);
    }
    for (String name : evaluator.policy().requiredSignals()) {
      boolean ok = SignalState.OK.name().equals(next.signalStates().get(name));
      c.merge(ok ? DlCounters.REQUIRED_OK : DlCounters.REQUIRED_BAD, 1L, Long::sum);
    }
    return c;
  }

  /** Health (reference §5): RED when a required signal is not OK, AMBER when not NORMAL, else GREEN. */
  private void writeArtifacts() {
    Posture p = current;
    List<String> badRequired = evaluator.policy().requiredSignals().stream()
        .filter(n -> !SignalState.OK.name().equals(p.signalStates().get(n))).toList();
    HealthState state = !badRequired.isEmpty() ? HealthState.RED
        : p.mode() != Mode.NORMAL ? HealthState.AMBER : HealthState.GREEN;
    List<String> reasons = !badRequired.isEmpty() ? List.of("REQUIRED_SIGNAL_NOT_OK")
        : p.mode() != Mode.NORMAL ? List.of("POSTURE_" + p.mode()) : List.of();
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("scope_key", p.scopeKey());
    extras.put("decision_mode", p.mode().name());
    extras.put("posture_seq", p.postureSeq());
    extras.put("posture_reason", p.reason());
    extras.put("signal_states", p.signalStates());
    extras.put("bad_required_signals", badRequired);
    services.health().write(platformRunId, DegradeLadder.DIRECTORY,
        new HealthReport(state, reasons, new TreeMap<>(counters)), extras, extras);
  }

  private void answer(Message<JsonObject> msg) {
    String scopeKey = msg.body() == null ? null : msg.body().getString("scope_key");
    if (scopeKey == null) {
      msg.reply(new JsonObject().put("status", "ERROR").put("detail", "scope_key is required"));
      return;
    }
    store.get(DlTables.CURRENT, new DlTables.ScopeKey(platformRunId, scopeKey)).onComplete(ar -> {
      if (ar.failed()) {
        msg.reply(new JsonObject().put("status", "ERROR").put("detail", ar.cause().toString()));
      } else if (ar.result() == null) {
        msg.reply(new JsonObject().put("status", "MISSING"));
      } else {
        msg.reply(new JsonObject().put("status", "OK").put("posture", new JsonObject(ar.result().toDecision())));
      }
    });
  }

  private void halt() {
    running = false;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  @Override
  public Future<?> stop() {
    halt();
    Future<Void> unregister = queries == null ? Future.succeededFuture() : queries.unregister();
    return unregister.compose(v -> lease == null ? Future.succeededFuture() : lease.release());
  }

  @Override
  public Future<Result> readiness() {
    return Future.succeededFuture(running ? new Result(true, "evaluating") : new Result(false, "not_started"));
  }

  /** The posture last committed (tests); null before the first evaluation. */
  Posture current() {
    return current;
  }
}
