package dev.fp.substrate.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fp.substrate.eventlog.CheckpointStore.Checkpoint;
import dev.fp.substrate.eventlog.TopicPartition;

/**
 * The reserved table holding consumer checkpoints, so a checkpoint commits in the same batch as the state it follows.
 * Its name starts with an underscore, which {@link Table} names cannot, so it never collides with a component's
 * table. Key: {@code KeyTuple(group, topic, partition)}; value:
 * {@code {"offset", "offset_kind", "fencing_token", "updated_at_utc"}} (0 when the batch carried no fence).
 */
final class CheckpointTable {
  static final String NAME = "_checkpoints";

  private CheckpointTable() {
  }

  record Key(String groupId, TopicPartition partition) {
    byte[] encode() {
      return KeyTuple.of(groupId, partition.topic(), partition.partition());
    }
  }

  record Position(String offset, String offsetKind) {
    byte[] encode(long fencingToken, String updatedAtUtc) {
      ObjectNode doc = ValueCodec.Json.MAPPER.createObjectNode().put("offset", offset).put("offset_kind", offsetKind)
          .put("fencing_token", fencingToken).put("updated_at_utc", updatedAtUtc);
      return ValueCodec.jsonNode().encode(doc);
    }
  }

  /** Every checkpoint of one group. */
  static KeyRange group(String groupId) {
    return KeyRange.prefix(KeyTuple.of(groupId));
  }

  static Checkpoint decode(byte[] key, byte[] value) {
    KeyTuple.Reader r = KeyTuple.reader(key);
    r.string();
    TopicPartition tp = new TopicPartition(r.string(), (int) r.int64());
    JsonNode doc = ValueCodec.jsonNode().decode(value);
    return new Checkpoint(tp, doc.path("offset").asText(), doc.path("offset_kind").asText(),
        doc.path("fencing_token").asLong(), doc.path("updated_at_utc").asText());
  }
}
