package dev.fp.substrate.eventlog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded {@link EventLog}: {@code <root>/<topic>/partition=<p>.jsonl}, one record per line (see
 * {@link FileRecordCodec}), offset = 0-based line number ({@code file_line}), partition chosen by
 * {@link KeyPartitioner}. A publish completes after its lines are written and fsynced (when {@code fsync} is on), so
 * an acknowledged record survives kill -9; several processes may share a root (appends take a file lock). A
 * complete line that is not a record fails the read with {@link CorruptLogException}; a position past the end fails
 * with {@link StalePositionException}. All file I/O runs on a dedicated worker pool.
 */
final class FileEventLog implements EventLog {
  public static final String OFFSET_KIND = "file_line";
  static final int WORKER_POOL_SIZE = 8;

  private final Vertx vertx;
  private final boolean fsync;
  private final FileTopics topics;
  private final WorkerExecutor worker;
  private final PublishSignals signals;
  private final Map<TopicPartition, FilePartition> files = new ConcurrentHashMap<>();
  private final Map<TopicPartition, PartitionWriter> writers = new ConcurrentHashMap<>();

  FileEventLog(Vertx vertx, Path root, boolean fsync) {
    this.vertx = vertx;
    this.fsync = fsync;
    this.topics = new FileTopics(root);
    this.worker = vertx.createSharedWorkerExecutor("fp-eventlog-file-" + root.toAbsolutePath(), WORKER_POOL_SIZE);
    this.signals = new PublishSignals(vertx);
  }

  @Override
  public Future<Void> createTopic(String topic, int partitions) {
    if (partitions < 1) {
      return Future.failedFuture(new IllegalArgumentException("createTopic " + topic + ": partitions must be >= 1"));
    }
    return blocking("createTopic", topic, () -> {
      FileTopics.requireValidName(topic);
      topics.create(topic, partitions);
      return null;
    });
  }

  @Override
  public Future<Set<String>> topics() {
    return blocking("topics", "*", topics::names);
  }

  @Override
  public Future<Integer> partitions(String topic) {
    Integer cached = topics.cachedPartitions(topic);
    return cached != null ? Future.succeededFuture(cached) : blocking("partitions", topic, () -> topics.partitions(topic));
  }

  @Override
  public Future<List<EbRef>> publish(String topic, List<OutRecord> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return partitions(topic).compose(n -> {
      int[] partitionOf = new int[records.size()];
      Map<Integer, List<OutRecord>> byPartition = new HashMap<>();
      for (int i = 0; i < records.size(); i++) {
        partitionOf[i] = KeyPartitioner.partition(records.get(i).partitionKey(), n);
        byPartition.computeIfAbsent(partitionOf[i], p -> new ArrayList<>()).add(records.get(i));
      }
      Map<Integer, Future<PartitionWriter.Appended>> appends = new HashMap<>();
      byPartition.forEach((p, recs) -> appends.put(p, writer(topic, p).compose(w -> w.append(recs))));
      return Future.all(new ArrayList<>(appends.values())).map(all -> refs(topic, partitionOf, appends));
    }).onSuccess(refs -> signals.fire(topic));
  }

  private static List<EbRef> refs(String topic, int[] partitionOf, Map<Integer, Future<PartitionWriter.Appended>> appends) {
    Map<Integer, Long> next = new HashMap<>();
    List<EbRef> refs = new ArrayList<>(partitionOf.length);
    for (int p : partitionOf) {
      PartitionWriter.Appended a = appends.get(p).result();
      long line = next.merge(p, a.firstLine(), (cur, first) -> cur + 1);
      refs.add(new EbRef(topic, p, Long.toString(line), OFFSET_KIND, a.publishedAtUtc()));
    }
    return refs;
  }

  @Override
  public Future<ReadBatch> read(String topic, int partition, Position from, int max) {
    if (max < 1) {
      return Future.failedFuture(new IllegalArgumentException("read " + topic + "/" + partition + ": max must be >= 1"));
    }
    return file(topic, partition).compose(f -> blocking("read", topic + "/" + partition, () -> read(f, topic, partition, from, max)));
  }

  private static ReadBatch read(FilePartition f, String topic, int partition, Position from, int max) throws IOException {
    if (from.kind() == Position.Kind.LATEST) {
      long end = f.lineCount();
      return new ReadBatch(List.of(), end == 0 ? Position.trimHorizon() : Position.after(Long.toString(end - 1)));
    }
    List<LogRecord> records = f.read(firstLine(f, topic, partition, from), max);
    Position next = records.isEmpty() ? from : Position.after(records.get(records.size() - 1).offset());
    return new ReadBatch(records, next);
  }

  @Override
  public Future<Backlog> backlog(String topic, int partition, Position from, long limit) {
    return file(topic, partition).compose(f -> blocking("backlog", topic + "/" + partition, () -> {
      long lines = f.lineCount();
      long first = from.kind() == Position.Kind.LATEST ? lines : firstLine(f, topic, partition, from);
      long behind = Math.max(0, lines - first);
      String firstPublished = behind == 0 ? null : f.read(first, 1).get(0).publishedAtUtc();
      return new Backlog(behind, true, lines == 0 ? null : Long.toString(lines - 1), firstPublished);
    }));
  }

  /** The line a read from {@code from} starts at (not LATEST). */
  private static long firstLine(FilePartition f, String topic, int partition, Position from) throws IOException {
    return switch (from.kind()) {
      case TRIM_HORIZON -> 0;
      case AFTER -> existingLine(f, topic, partition, from) + 1;
      case AT -> existingLine(f, topic, partition, from);
      case LATEST -> throw new IllegalArgumentException("LATEST has no first line");
    };
  }

  private static long existingLine(FilePartition f, String topic, int partition, Position p) throws IOException {
    long line;
    try {
      line = Long.parseLong(p.offset());
    } catch (NumberFormatException e) {
      throw new StalePositionException(topic, partition, p, "not a file line number");
    }
    if (line < 0 || line >= f.lineCount()) {
      throw new StalePositionException(topic, partition, p, "the partition has " + f.lineCount() + " lines");
    }
    return line;
  }

  @Override
  public AutoCloseable onPublished(String topic, Runnable callback) {
    return signals.register(topic, callback);
  }

  @Override
  public String offsetKind() {
    return OFFSET_KIND;
  }

  @Override
  public Future<Void> close() {
    return this.<Void>blocking("close", "*", () -> {
      for (FilePartition f : files.values()) {
        f.close();
      }
      files.clear();
      writers.clear();
      return null;
    }).eventually(worker::close);
  }

  private Future<PartitionWriter> writer(String topic, int partition) {
    TopicPartition tp = new TopicPartition(topic, partition);
    PartitionWriter w = writers.get(tp);
    if (w != null) {
      return Future.succeededFuture(w);
    }
    return file(topic, partition).map(f -> writers.computeIfAbsent(tp, k -> new PartitionWriter(vertx, worker, f)));
  }

  private Future<FilePartition> file(String topic, int partition) {
    FilePartition f = files.get(new TopicPartition(topic, partition));
    if (f != null) {
      return Future.succeededFuture(f);
    }
    return partitions(topic).compose(n -> {
      if (partition < 0 || partition >= n) {
        return Future.failedFuture(new IllegalArgumentException(
            "topic " + topic + " has partitions 0.." + (n - 1) + ", not " + partition));
      }
      return blocking("open", topic + "/" + partition, () -> files.computeIfAbsent(new TopicPartition(topic, partition),
          tp -> open(tp, topics.partitionFile(topic, partition))));
    });
  }

  private FilePartition open(TopicPartition tp, Path path) {
    try {
      return new FilePartition(tp.topic(), tp.partition(), path, fsync);
    } catch (IOException e) {
      throw new EventLogException("open", tp.toString(), "cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  private interface Blocking<T> {
    T call() throws Exception;
  }

  /** Runs blocking file work on the log's worker pool; failures other than the port's typed ones name op and key. */
  private <T> Future<T> blocking(String op, String where, Blocking<T> work) {
    return worker.executeBlocking(() -> {
      try {
        return work.call();
      } catch (NoSuchTopicException | CorruptLogException | StalePositionException | IllegalArgumentException
               | EventLogException e) {
        throw e;
      } catch (Exception e) {
        throw new EventLogException(op, where, e.toString(), e);
      }
    }, false);
  }
}
