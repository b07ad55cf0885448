package dev.fp.substrate.eventlog;

import dev.fp.contract.Timestamps;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The single writer of one partition in this process: appends queue up and one worker drains them, committing
 * everything queued since its last write together (group commit: one write and one fsync for many publishes). Each
 * append completes on the context that requested it, after the fsync. An append whose records cannot be encoded
 * (text with a lone surrogate) fails alone, before anything of it is written; every append taken from the queue is
 * completed, whatever happens to the write.
 */
final class PartitionWriter {
  /** Where an append landed: its first line and the timestamp stamped on all its lines. */
  record Appended(long firstLine, String publishedAtUtc) {
  }

  private record Pending(List<OutRecord> records, Promise<Appended> promise, Context context) {
  }

  private static final int MAX_GROUP_RECORDS = 10_000;

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final FilePartition file;
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  PartitionWriter(Vertx vertx, WorkerExecutor worker, FilePartition file) {
    this.vertx = vertx;
    this.worker = worker;
    this.file = file;
  }

  Future<Appended> append(List<OutRecord> records) {
    Promise<Appended> promise = Promise.promise();
    queue.add(new Pending(records, promise, vertx.getOrCreateContext()));
    scheduleDrain();
    return promise.future();
  }

  private void scheduleDrain() {
    if (draining.compareAndSet(false, true)) {
      worker.executeBlocking(this::drain, false);
    }
  }

  private Void drain() {
    try {
      for (List<Pending> group = takeGroup(); !group.isEmpty(); group = takeGroup()) {
        try {
          commit(group);
        } catch (RuntimeException e) {
          group.forEach(p -> fail(p, e));
        }
      }
    } finally {
      draining.set(false);
    }
    if (!queue.isEmpty()) {
      scheduleDrain();
    }
    return null;
  }

  private List<Pending> takeGroup() {
    List<Pending> group = new ArrayList<>();
    int records = 0;
    for (Pending p = queue.peek(); p != null && (group.isEmpty() || records + p.records().size() <= MAX_GROUP_RECORDS);
         p = queue.peek()) {
      group.add(queue.poll());
      records += p.records().size();
    }
    return group;
  }

  private void commit(List<Pending> group) {
    String publishedAt = Timestamps.nowUtc();
    List<byte[]> lines = new ArrayList<>();
    List<Pending> encoded = new ArrayList<>(group.size());
    for (Pending p : group) {
      List<byte[]> own = new ArrayList<>(p.records().size());
      try {
        for (OutRecord r : p.records()) {
          own.add(FileRecordCodec.encode(r, publishedAt));
        }
      } catch (RuntimeException e) {
        fail(p, new EventLogException("publish", file.name(), "a record cannot be encoded, nothing of this "
            + "publish was written: " + e.getMessage(), e));
        continue;
      }
      lines.addAll(own);
      encoded.add(p);
    }
    if (encoded.isEmpty()) {
      return;
    }
    long first;
    try {
      first = file.append(lines);
    } catch (Exception e) {
      encoded.forEach(p -> fail(p, e));
      return;
    }
    for (Pending p : encoded) {
      Appended result = new Appended(first, publishedAt);
      p.context().runOnContext(v -> p.promise().tryComplete(result));
      first += p.records().size();
    }
  }

  private static void fail(Pending p, Throwable e) {
    p.context().runOnContext(v -> p.promise().tryFail(e));
  }
}
