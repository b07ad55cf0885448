package dev.fp.substrate.eventlog;

import dev.fp.substrate.eventlog.EventLogConfig.KinesisSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parity {@link EventLog}: one Kinesis stream per topic (stream name = topic), one shard per partition
 * ({@code shardId-00000000000<p>} ↔ partition p), offset = sequence number ({@code kinesis_sequence}). Publishing is
 * {@link KinesisPublisher}, reading {@link KinesisReader}. No SDK type crosses the port: a missing stream is
 * {@link NoSuchTopicException}, other failures are {@link EventLogException} with the SDK error as cause.
 */
final class KinesisEventLog implements EventLog {
  public static final String OFFSET_KIND = "kinesis_sequence";
  static final long ACTIVE_POLL_MS = 100;
  static final long ACTIVE_TIMEOUT_MS = 60_000;
  private static final int LIST_PAGE = 100;

  private final Vertx vertx;
  private final KinesisClients.Client sdk;
  private final KinesisAsyncClient client;
  private final KinesisCalls calls;
  private final KinesisPublisher publisher;
  private final KinesisReader reader;
  private final PublishSignals signals;

  KinesisEventLog(Vertx vertx, KinesisSettings settings) {
    this.vertx = vertx;
    this.sdk = KinesisClients.build(settings);
    this.client = sdk.kinesis();
    this.calls = new KinesisCalls(vertx);
    this.publisher = new KinesisPublisher(vertx, client, calls);
    this.reader = new KinesisReader(client, calls);
    this.signals = new PublishSignals(vertx);
  }

  /** CreateStream (an existing stream keeps its shard count), then waits, bounded, until the stream is ACTIVE. */
  @Override
  public Future<Void> createTopic(String topic, int partitions) {
    return calls.call("createTopic", topic, () -> client.createStream(b -> b.streamName(topic).shardCount(partitions)))
        .<Void>mapEmpty()
        .recover(err -> KinesisCalls.sdkCause(err, ResourceInUseException.class) != null
            ? Future.succeededFuture() : Future.failedFuture(err))
        .compose(v -> awaitActive(topic, System.currentTimeMillis() + ACTIVE_TIMEOUT_MS));
  }

  private Future<Void> awaitActive(String topic, long deadline) {
    return calls.call("createTopic", topic, () -> client.describeStreamSummary(b -> b.streamName(topic)))
        .compose(resp -> {
          StreamStatus status = resp.streamDescriptionSummary().streamStatus();
          if (status == StreamStatus.ACTIVE) {
            return Future.succeededFuture();
          }
          if (System.currentTimeMillis() > deadline) {
            return Future.failedFuture(new EventLogException("createTopic", topic, "stream still " + status
                + " after " + ACTIVE_TIMEOUT_MS + " ms", null));
          }
          Promise<Void> later = Promise.promise();
          vertx.setTimer(ACTIVE_POLL_MS, t -> awaitActive(topic, deadline).onComplete(later));
          return later.future();
        });
  }

  @Override
  public Future<Set<String>> topics() {
    return listFrom(null, new TreeSet<>());
  }

  private Future<Set<String>> listFrom(String after, Set<String> acc) {
    return calls.call("topics", "*", () -> client.listStreams(b -> b.limit(LIST_PAGE).exclusiveStartStreamName(after)))
        .compose((ListStreamsResponse resp) -> {
          List<String> names = resp.streamNames();
          acc.addAll(names);
          return Boolean.TRUE.equals(resp.hasMoreStreams()) && !names.isEmpty()
              ? listFrom(names.get(names.size() - 1), acc) : Future.succeededFuture(acc);
        });
  }

  @Override
  public Future<Integer> partitions(String topic) {
    return calls.call("partitions", topic, () -> client.describeStreamSummary(b -> b.streamName(topic)))
        .map(resp -> resp.streamDescriptionSummary().openShardCount());
  }

  @Override
  public Future<List<EbRef>> publish(String topic, List<OutRecord> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return publisher.publish(topic, records).onSuccess(refs -> signals.fire(topic));
  }

  @Override
  public Future<ReadBatch> read(String topic, int partition, Position from, int max) {
    if (max < 1) {
      return Future.failedFuture(new IllegalArgumentException("read " + topic + "/" + partition + ": max must be >= 1"));
    }
    return reader.read(topic, partition, from, max);
  }

  @Override
  public Future<Backlog> backlog(String topic, int partition, Position from, long limit) {
    if (from.kind() == Position.Kind.LATEST) {
      return Future.failedFuture(new IllegalArgumentException("backlog " + topic + "/" + partition
          + ": not after LATEST"));
    }
    return reader.backlog(topic, partition, from, limit);
  }

  @Override
  public AutoCloseable onPublished(String topic, Runnable callback) {
    return signals.register(topic, callback);
  }

  @Override
  public String offsetKind() {
    return OFFSET_KIND;
  }

  /** Closes the SDK client and its Netty threads on a worker thread. */
  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      KinesisClients.close(sdk);
      return null;
    });
  }
}
