package dev.fp.control.sr;

import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.EventLogException;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.eventlog.Position;
import dev.fp.substrate.eventlog.ReadBatch;
import io.vertx.core.Future;

import java.util.List;
import java.util.Set;

/** A decorator of the event-log port whose publishes fail (the bus is down for writes); reads go through. */
final class FailingPublishEventLog implements EventLog {
  private final EventLog d;

  FailingPublishEventLog(EventLog delegate) {
    this.d = delegate;
  }

  @Override
  public Future<List<EbRef>> publish(String topic, List<OutRecord> records) {
    return Future.failedFuture(new EventLogException("publish", topic, "injected: bus unavailable", null));
  }

  @Override
  public Future<Void> createTopic(String topic, int partitions) { return d.createTopic(topic, partitions); }

  @Override
  public Future<Set<String>> topics() { return d.topics(); }

  @Override
  public Future<Integer> partitions(String topic) { return d.partitions(topic); }

  @Override
  public Future<ReadBatch> read(String topic, int partition, Position from, int max) {
    return d.read(topic, partition, from, max);
  }

  @Override
  public Future<dev.fp.substrate.eventlog.Backlog> backlog(String topic, int partition, Position from, long limit) {
    return d.backlog(topic, partition, from, limit);
  }

  @Override
  public AutoCloseable onPublished(String topic, Runnable callback) { return d.onPublished(topic, callback); }

  @Override
  public String offsetKind() { return d.offsetKind(); }

  @Override
  public Future<Void> close() { return d.close(); }
}
