package dev.fp.substrate.state.bench;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The reference admission workload on a {@link StateStore} (issue 11): per admission a claim put, then a settle put of
 * the same key and a receipt-index put, 16-byte random keys, {@code batchSize} admissions per batch and two commits per
 * batch (claims; settles + receipts), {@code lanes} batches in flight. Prints the admission rate per
 * {@code reportEvery} admissions, then the latency of random gets of present keys issued one at a time from an event
 * loop.
 */
public final class StateStoreBench {
  static final Table<byte[], Admission> ADMISSIONS = new Table<>("bench_admissions", KeyCodec.bytes(),
      ValueCodec.json(Admission.class));
  static final Table<byte[], Receipt> RECEIPTS = new Table<>("bench_receipts", KeyCodec.bytes(),
      ValueCodec.json(Receipt.class));
  private static final long ADMISSION_SEED = 0x5EEDL;
  private static final long RECEIPT_SEED = 0xBEEFL;
  private static final String RUN = "platform_20261206T000000Z";

  /** An IG admission row as it is claimed and then settled (about 300 bytes of JSON when settled). */
  public record Admission(String state, String platform_run_id, String event_class, String event_id,
                          String payload_hash, String eb_topic, Long eb_offset, String receipt_id) {
  }

  /** The receipt-id index: receipt → admission. */
  public record Receipt(String dedupe_key) {
  }

  public record Options(long admissions, int batchSize, int lanes, long reportEvery, int gets) {
  }

  /** One reporting window: admissions {@code [from, to)} and how long they took. */
  public record Window(long from, long to, double seconds) {
    public long perSecond() {
      return Math.round((to - from) / seconds);
    }
  }

  /**
   * @param cpuSeconds       process CPU time (all threads) of the write phase: unlike wall time, it hardly changes
   *                         when other processes share the machine
   * @param writerCpuSeconds CPU time of the store's writer thread in the write phase (0 when the store has none)
   */
  public record Result(List<Window> windows, double seconds, long commits, double cpuSeconds, double writerCpuSeconds,
                       double[] getMillis) {
  }

  private final Vertx vertx;
  private final StateStore store;
  private final Options o;
  private final PrintStream out;

  public StateStoreBench(Vertx vertx, StateStore store, Options options, PrintStream out) {
    this.vertx = vertx;
    this.store = store;
    this.o = options;
    this.out = out;
  }

  public static List<Table<?, ?>> tables() {
    return List.of(ADMISSIONS, RECEIPTS);
  }

  public Result run() throws Exception {
    await(store.ensureTables(tables()));
    Context ctx = vertx.getOrCreateContext();
    Promise<Writes> writes = Promise.promise();
    long cpu0 = processCpuNanos();
    long writer0 = writerCpuNanos();
    ctx.runOnContext(v -> new Writes(writes).start());
    Writes w = await(writes.future());
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    double writer = (writerCpuNanos() - writer0) / 1e9;
    Promise<double[]> gets = Promise.promise();
    ctx.runOnContext(v -> new Gets(gets).next());
    return new Result(w.windows, w.seconds, w.commits, cpu, writer, await(gets.future()));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** CPU time of the RocksDB store's writer thread (by its name), 0 when there is none. */
  private static long writerCpuNanos() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("fp-state-writer"))
        .mapToLong(t -> ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId())).sum();
  }

  /** The write phase; every method runs on one context. */
  private final class Writes {
    private final Promise<Writes> done;
    private final long batches = o.admissions() / o.batchSize();
    private final List<Window> windows = new ArrayList<>();
    private long nextBatch;
    private long finishedBatches;
    private long admitted;
    private long commits;
    private int lanesOpen;
    private long started;
    private long windowStarted;
    private long windowFrom;
    private double seconds;

    Writes(Promise<Writes> done) {
      this.done = done;
    }

    void start() {
      started = System.nanoTime();
      windowStarted = started;
      lanesOpen = o.lanes();
      for (int i = 0; i < o.lanes(); i++) {
        lane();
      }
    }

    private void lane() {
      if (nextBatch >= batches) {
        if (--lanesOpen == 0) {
          seconds = (System.nanoTime() - started) / 1e9;
          done.tryComplete(this);
        }
        return;
      }
      long b = nextBatch++;
      store.commit(claims(b)).compose(v -> store.commit(settles(b))).onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
          return;
        }
        commits += 2;
        finished();
        lane();
      });
    }

    private void finished() {
      finishedBatches++;
      admitted = finishedBatches * o.batchSize();
      if (admitted - windowFrom >= o.reportEvery() || finishedBatches == batches) {
        long now = System.nanoTime();
        Window w = new Window(windowFrom, admitted, (now - windowStarted) / 1e9);
        windows.add(w);
        out.printf("admissions %,d-%,d: %,d/s (%.2f s)%n", w.from(), w.to(), w.perSecond(), w.seconds());
        windowFrom = admitted;
        windowStarted = now;
      }
    }
  }

  private WriteBatch claims(long batch) {
    WriteBatch w = new WriteBatch();
    for (long i = batch * o.batchSize(); i < (batch + 1) * o.batchSize(); i++) {
      w.put(ADMISSIONS, key(ADMISSION_SEED, i), admission(i, "PUBLISH_IN_FLIGHT", null, null, null));
    }
    return w;
  }

  private WriteBatch settles(long batch) {
    WriteBatch w = new WriteBatch();
    HexFormat hex = HexFormat.of();
    for (long i = batch * o.batchSize(); i < (batch + 1) * o.batchSize(); i++) {
      byte[] receipt = key(RECEIPT_SEED, i);
      w.put(ADMISSIONS, key(ADMISSION_SEED, i), admission(i, "ADMITTED", "fp.bus.traffic.fraud.v1", i,
          hex.formatHex(receipt)));
      w.put(RECEIPTS, receipt, new Receipt(hex.formatHex(key(ADMISSION_SEED, i))));
    }
    return w;
  }

  private static Admission admission(long i, String state, String topic, Long offset, String receipt) {
    String id = HexFormat.of().formatHex(key(7, i));
    return new Admission(state, RUN, "traffic_fraud", id, id + id, topic, offset, receipt);
  }

  /** A random-looking 16-byte key, reproducible from its index (so the get phase can ask for present keys). */
  static byte[] key(long seed, long i) {
    return ByteBuffer.allocate(16).putLong(mix(seed * 31 + 2 * i)).putLong(mix(seed * 31 + 2 * i + 1)).array();
  }

  /** MurmurHash3's 64-bit finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** The get phase: one get at a time, random present keys; on one context. */
  private final class Gets {
    private final Promise<double[]> done;
    private final long[] nanos = new long[o.gets()];
    private final SplittableRandom random = new SplittableRandom(42);
    private int n;

    Gets(Promise<double[]> done) {
      this.done = done;
    }

    void next() {
      if (n == nanos.length) {
        Arrays.sort(nanos);
        done.complete(new double[] {percentileMs(0.50), percentileMs(0.99), percentileMs(0.999)});
        return;
      }
      long t0 = System.nanoTime();
      store.get(ADMISSIONS, key(ADMISSION_SEED, random.nextLong(o.admissions() / o.batchSize() * o.batchSize())))
          .onComplete(ar -> {
            if (ar.failed() || ar.result() == null) {
              done.tryFail(ar.failed() ? ar.cause() : new IllegalStateException("a committed key was absent"));
              return;
            }
            nanos[n++] = System.nanoTime() - t0;
            next();
          });
    }

    private double percentileMs(double q) {
      return nanos.length == 0 ? 0 : nanos[Math.max(0, (int) Math.ceil(q * nanos.length) - 1)] / 1e6;
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(6, TimeUnit.HOURS);
  }
}
