package dev.fp.substrate.eventlog;

import dev.fp.contract.StrictUtf8;
import dev.fp.contract.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a batch with PutRecords, keeping per-partition-key order through partial failures.
 *
 * <p>Kinesis stores the entries of one PutRecords independently: entry 3 may fail while a later entry with the same
 * key succeeds, and resending entry 3 would put it after its successor. So the batch is sent in <em>waves</em>: wave
 * k holds the k-th record of every partition key, hence distinct keys only, and wave k+1 starts once every entry of
 * wave k is stored. Within a wave, failed entries (throttled or internal error) are resent alone with exponential
 * backoff, which cannot reorder anything; a request rejected as a whole for throughput or limits is resent whole.
 * Batches whose keys are all distinct (the usual case) are a single wave. A wave is split into requests of at most
 * {@value #MAX_RECORDS} records and {@value #MAX_BYTES} bytes, sent one after another.
 *
 * <p>Failure after {@value #MAX_ATTEMPTS} attempts, or any other error, fails the publish: earlier waves and the
 * stored part of the current one stay in the stream (the caller treats the publish as ambiguous). The SDK's own
 * retries may resend a request whose response was lost; that can duplicate records, never reorder them. Records are
 * encoded as strict UTF-8 before anything is sent: a record holding a lone surrogate fails the whole publish with
 * nothing stored (the SDK's own encoder would store {@code ?} in its place).
 */
final class KinesisPublisher {
  static final int MAX_RECORDS = 500;
  static final int MAX_BYTES = 5 * 1024 * 1024;
  static final int MAX_ATTEMPTS = 10;
  private static final long BASE_BACKOFF_MS = 50;
  private static final long MAX_BACKOFF_MS = 2_000;

  private final Vertx vertx;
  private final KinesisAsyncClient client;
  private final KinesisCalls calls;

  KinesisPublisher(Vertx vertx, KinesisAsyncClient client, KinesisCalls calls) {
    this.vertx = vertx;
    this.client = client;
    this.calls = calls;
  }

  Future<List<EbRef>> publish(String topic, List<OutRecord> records) {
    byte[][] data = new byte[records.size()][];
    for (int i = 0; i < data.length; i++) {
      try {
        data[i] = StrictUtf8.encode(records.get(i).data());
      } catch (StrictUtf8.MalformedTextException e) {
        return Future.failedFuture(new EventLogException("publish", topic, "record " + i + " of " + data.length
            + " (partition key " + records.get(i).partitionKey() + ") is not valid text, nothing was sent: "
            + e.getMessage(), e));
      }
    }
    EbRef[] refs = new EbRef[records.size()];
    Future<Void> chain = Future.succeededFuture();
    for (List<Integer> wave : waves(records)) {
      for (List<Integer> request : requests(records, data, wave)) {
        chain = chain.compose(v -> put(topic, records, data, request, refs, 1));
      }
    }
    return chain.map(v -> Arrays.asList(refs));
  }

  /** Record indices grouped so that wave k holds the k-th record of each partition key, in batch order. */
  static List<List<Integer>> waves(List<OutRecord> records) {
    Map<String, Integer> seen = new HashMap<>();
    List<List<Integer>> waves = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      int k = seen.merge(records.get(i).partitionKey(), 1, Integer::sum) - 1;
      if (k == waves.size()) {
        waves.add(new ArrayList<>());
      }
      waves.get(k).add(i);
    }
    return waves;
  }

  private static List<List<Integer>> requests(List<OutRecord> records, byte[][] data, List<Integer> wave) {
    List<List<Integer>> out = new ArrayList<>();
    List<Integer> cur = new ArrayList<>();
    long bytes = 0;
    for (int i : wave) {
      long size = data[i].length + records.get(i).partitionKey().getBytes(StandardCharsets.UTF_8).length;
      if (!cur.isEmpty() && (cur.size() == MAX_RECORDS || bytes + size > MAX_BYTES)) {
        out.add(cur);
        cur = new ArrayList<>();
        bytes = 0;
      }
      cur.add(i);
      bytes += size;
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }

  private Future<Void> put(String topic, List<OutRecord> records, byte[][] data, List<Integer> idx, EbRef[] refs,
                           int attempt) {
    List<PutRecordsRequestEntry> entries = idx.stream().map(i -> PutRecordsRequestEntry.builder()
        .partitionKey(records.get(i).partitionKey()).data(SdkBytes.fromByteArrayUnsafe(data[i])).build()).toList();
    return calls.call("publish", topic, () -> client.putRecords(b -> b.streamName(topic).records(entries)))
        .compose(resp -> {
          List<Integer> failed = collect(topic, resp, idx, refs);
          return failed.isEmpty() ? Future.<Void>succeededFuture()
              : retry(topic, records, data, failed, refs, attempt, firstError(resp));
        }, err -> isThrottled(err) ? retry(topic, records, data, idx, refs, attempt, err.getMessage())
            : Future.failedFuture(err));
  }

  private Future<Void> retry(String topic, List<OutRecord> records, byte[][] data, List<Integer> idx, EbRef[] refs,
                             int attempt, String reason) {
    if (attempt >= MAX_ATTEMPTS) {
      return Future.failedFuture(new EventLogException("publish", topic, idx.size() + " record(s) not stored after "
          + attempt + " attempts (earlier records of the batch may be stored): " + reason, null));
    }
    Promise<Void> later = Promise.promise();
    long delay = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << (attempt - 1));
    vertx.setTimer(delay, t -> put(topic, records, data, idx, refs, attempt + 1).onComplete(later));
    return later.future();
  }

  private static List<Integer> collect(String topic, PutRecordsResponse resp, List<Integer> idx, EbRef[] refs) {
    List<Integer> failed = new ArrayList<>();
    String now = Timestamps.nowUtc();
    for (int j = 0; j < idx.size(); j++) {
      PutRecordsResultEntry e = resp.records().get(j);
      if (e.errorCode() != null) {
        failed.add(idx.get(j));
      } else {
        refs[idx.get(j)] = new EbRef(topic, shardOrdinal(e.shardId()), e.sequenceNumber(),
            KinesisEventLog.OFFSET_KIND, now);
      }
    }
    return failed;
  }

  private static String firstError(PutRecordsResponse resp) {
    return resp.records().stream().filter(e -> e.errorCode() != null).findFirst()
        .map(e -> e.errorCode() + " " + e.errorMessage()).orElse("");
  }

  private static boolean isThrottled(Throwable err) {
    return KinesisCalls.sdkCause(err, ProvisionedThroughputExceededException.class) != null
        || KinesisCalls.sdkCause(err, LimitExceededException.class) != null;
  }

  /** {@code shardId-000000000003} → 3. */
  static int shardOrdinal(String shardId) {
    return Integer.parseInt(shardId.substring(shardId.lastIndexOf('-') + 1));
  }
}
