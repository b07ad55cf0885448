package dev.fp.control.sr;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.JsonDoc;
import dev.fp.contract.Topics;
import dev.fp.substrate.eventlog.EbRef;
import dev.fp.substrate.eventlog.EventLog;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.OutRecord;
import dev.fp.substrate.eventlog.Position;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SR's side of {@code sr-control-bus}: publishes control messages (canonical JSON, partition key = SR run id) and
 * reads the whole bus back from the oldest record (trim horizon) to find READYs. The control bus holds one message per
 * READY (plus re-emits), so a full read is cheap; it is how SR avoids sending a READY that is already there and how
 * the P5 gate proves READY is present.
 */
final class ReadyBus {
  private static final int READ_MAX = 1000;
  private final EventLog log;

  ReadyBus(EventLog log) {
    this.log = log;
  }

  /** A control message read back: where it is and its parsed envelope. */
  record Message(LogRecord record, Map<String, Object> envelope) {
    String messageId() {
      return String.valueOf(envelope.get("message_id"));
    }

    Map<?, ?> payload() {
      return envelope.get("payload") instanceof Map<?, ?> p ? p : Map.of();
    }

    String kind() {
      return envelope.get("attributes") instanceof Map<?, ?> a ? String.valueOf(a.get("kind")) : "";
    }

    EbRef ref(String offsetKind) {
      return new EbRef(record.topic(), record.partition(), record.offset(), offsetKind, record.publishedAtUtc());
    }
  }

  String offsetKind() {
    return log.offsetKind();
  }

  Future<EbRef> publish(Map<String, Object> envelope, String runId) {
    return log.publish(Topics.SR_CONTROL_BUS, List.of(OutRecord.json(runId, CanonicalJson.write(envelope))))
        .map(refs -> refs.get(0));
  }

  /** The first control message carrying {@code messageId}, if any. */
  Future<Optional<Message>> find(String messageId) {
    return readAll().map(all -> all.stream().filter(m -> messageId.equals(m.messageId())).findFirst());
  }

  /** Every control message ({@code topic == fp.bus.control.v1}) on the bus, oldest first per partition. */
  Future<List<Message>> readAll() {
    return log.partitions(Topics.SR_CONTROL_BUS).compose(n -> {
      List<Message> out = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (int p = 0; p < n; p++) {
        int partition = p;
        chain = chain.compose(v -> readPartition(partition, Position.trimHorizon(), out));
      }
      return chain.map(v -> out);
    });
  }

  private Future<Void> readPartition(int partition, Position from, List<Message> out) {
    return log.read(Topics.SR_CONTROL_BUS, partition, from, READ_MAX).compose(batch -> {
      for (LogRecord r : batch.records()) {
        JsonDoc.parse(r.data().getBytes(StandardCharsets.UTF_8))
            .filter(e -> Topics.CONTROL_MESSAGE_TOPIC.equals(e.get("topic")))
            .ifPresent(e -> out.add(new Message(r, e)));
      }
      return batch.records().isEmpty() ? Future.succeededFuture() : readPartition(partition, batch.next(), out);
    });
  }
}
