package dev.fp.substrate.eventlog;

import dev.fp.contract.Timestamps;
import io.vertx.core.Future;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a shard with GetShardIterator + GetRecords. The NextShardIterator of each read is cached under the position it
 * continues from, so a reader that goes on from {@link ReadBatch#next()} costs one GetRecords per read (the reference
 * asked for a fresh iterator every poll, which made LATEST lose records published between polls). An iterator
 * that expired is re-acquired from the position, which carries the last sequence number. An AFTER position the shard
 * rejects (InvalidArgumentException or ResourceNotFoundException) fails with {@link StalePositionException}; so does
 * an AT position. {@link #backlog} reads pages forward and counts them.
 *
 * <p>Cached iterators are shared by every reader of this log instance: a LATEST read with no records keeps the
 * iterator taken at the first LATEST read of that shard, so "latest" means the end when this instance first looked.
 */
final class KinesisReader {
  static final int MAX_GET_RECORDS = 10_000;
  static final int MAX_EMPTY_PAGES = 5;
  private static final int MAX_CACHED_ITERATORS = 4096;

  private record Key(String topic, int partition, Position position) {
  }

  private final KinesisAsyncClient client;
  private final KinesisCalls calls;
  private final Map<Key, String> iterators = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
      return size() > MAX_CACHED_ITERATORS;
    }
  });

  KinesisReader(KinesisAsyncClient client, KinesisCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** One GetRecords result: the batch, and how far behind the shard's tip it ends (null when not reported). */
  private record Page(ReadBatch batch, Long millisBehindLatest) {
  }

  Future<ReadBatch> read(String topic, int partition, Position from, int max) {
    return page(new Key(topic, partition, from), max).map(Page::batch);
  }

  /**
   * Counts the records after {@code from} page by page until a page is empty and the shard reports nothing behind it,
   * or {@code limit} is reached, or {@value #MAX_EMPTY_PAGES} empty pages in a row still report records behind (then
   * the count is not exact).
   */
  Future<Backlog> backlog(String topic, int partition, Position from, long limit) {
    String known = from.kind() == Position.Kind.AFTER ? from.offset() : null;
    return count(topic, partition, from, limit, new Backlog(0, false, known, null), 0);
  }

  private Future<Backlog> count(String topic, int partition, Position from, long limit, Backlog sofar, int empty) {
    if (sofar.records() >= limit || empty >= MAX_EMPTY_PAGES) {
      return Future.succeededFuture(sofar);
    }
    int max = (int) Math.min(MAX_GET_RECORDS, limit - sofar.records());
    return page(new Key(topic, partition, from), max).compose(p -> {
      List<LogRecord> records = p.batch().records();
      if (records.isEmpty()) {
        boolean atTip = p.millisBehindLatest() == null || p.millisBehindLatest() == 0;
        return atTip ? Future.succeededFuture(new Backlog(sofar.records(), true, sofar.lastOffset(),
            sofar.firstPublishedAtUtc())) : count(topic, partition, p.batch().next(), limit, sofar, empty + 1);
      }
      Backlog more = new Backlog(sofar.records() + records.size(), false, records.get(records.size() - 1).offset(),
          sofar.firstPublishedAtUtc() != null ? sofar.firstPublishedAtUtc() : records.get(0).publishedAtUtc());
      return count(topic, partition, p.batch().next(), limit, more, 0);
    });
  }

  private Future<Page> page(Key key, int max) {
    String cached = iterators.get(key);
    if (cached == null) {
      return acquire(key).compose(it -> getRecords(key, it, max));
    }
    return getRecords(key, cached, max).recover(err -> {
      if (KinesisCalls.sdkCause(err, ExpiredIteratorException.class) == null) {
        return Future.failedFuture(err);
      }
      iterators.remove(key);
      return acquire(key).compose(it -> getRecords(key, it, max));
    });
  }

  private Future<String> acquire(Key key) {
    GetShardIteratorRequest.Builder req = GetShardIteratorRequest.builder().streamName(key.topic())
        .shardId(shardId(key.partition()));
    switch (key.position().kind()) {
      case TRIM_HORIZON -> req.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
      case LATEST -> req.shardIteratorType(ShardIteratorType.LATEST);
      case AFTER -> req.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
          .startingSequenceNumber(key.position().offset());
      case AT -> req.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
          .startingSequenceNumber(key.position().offset());
    }
    return calls.call("read", key.topic(), () -> client.getShardIterator(req.build()))
        .map(resp -> resp.shardIterator())
        .recover(err -> Future.failedFuture(stale(key, err) ? new StalePositionException(key.topic(), key.partition(),
            key.position(), err.getMessage()) : err));
  }

  private static boolean stale(Key key, Throwable err) {
    return (key.position().kind() == Position.Kind.AFTER || key.position().kind() == Position.Kind.AT)
        && (err instanceof NoSuchTopicException || KinesisCalls.sdkCause(err, InvalidArgumentException.class) != null);
  }

  private Future<Page> getRecords(Key key, String iterator, int max) {
    int limit = Math.min(max, MAX_GET_RECORDS);
    return calls.call("read", key.topic(), () -> client.getRecords(b -> b.shardIterator(iterator).limit(limit)))
        .map(resp -> new Page(batch(key, resp), resp.millisBehindLatest()));
  }

  private ReadBatch batch(Key key, GetRecordsResponse resp) {
    List<LogRecord> records = resp.records().stream().map(r -> record(key, r)).toList();
    Position next = records.isEmpty() ? key.position() : Position.after(records.get(records.size() - 1).offset());
    if (resp.nextShardIterator() != null) {
      iterators.put(new Key(key.topic(), key.partition(), next), resp.nextShardIterator());
    }
    return new ReadBatch(records, next);
  }

  private static LogRecord record(Key key, Record r) {
    String arrived = r.approximateArrivalTimestamp() == null ? "" : Timestamps.format(r.approximateArrivalTimestamp());
    return new LogRecord(key.topic(), key.partition(), r.sequenceNumber(), r.partitionKey(), r.data().asUtf8String(),
        arrived);
  }

  static String shardId(int partition) {
    return String.format("shardId-%012d", partition);
  }
}
