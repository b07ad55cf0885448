package dev.fp.rtdl.ieg.core;

import dev.fp.contract.Hashing;
import dev.fp.substrate.eventlog.TopicPartition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The graph version of a committed state (reference rtdl §2): {@code sha256} of the canonical checkpoint basis
 * {@code {"stream_id", "topics": {topic: {"partitions": {"<p>": {"next_offset", "offset_kind"}}}}}} built from every
 * committed checkpoint of the consumer group. {@code next_offset} is the committed checkpoint — the last record
 * processed, resumed strictly after, as the reference's {@code kinesis_sequence} checkpoints are. Because the basis
 * changes only with a commit, the version is one per committed batch; {@link #hex32} is the 32-hex form the decision
 * schema pins.
 *
 * @param basis the basis as a JSON-ready map
 */
public record GraphVersion(String versionId, Map<String, Object> basis) {
  /** The version of {@code checkpoints} (committed offset per partition; null offsets are left out). */
  public static GraphVersion of(String streamId, String offsetKind, Map<TopicPartition, String> checkpoints) {
    Map<String, Map<String, Object>> partitionsByTopic = new TreeMap<>();
    checkpoints.forEach((tp, offset) -> {
      if (offset != null) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("next_offset", offset);
        p.put("offset_kind", offsetKind);
        partitionsByTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(String.valueOf(tp.partition()), p);
      }
    });
    Map<String, Object> topics = new TreeMap<>();
    partitionsByTopic.forEach((topic, ps) -> topics.put(topic, Map.of("partitions", ps)));
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("stream_id", streamId);
    basis.put("topics", topics);
    return new GraphVersion(Hashing.canonicalHash(basis), basis);
  }

  /** The first 32 hex characters of the version (the decision payload's {@code graph_version.version_id}). */
  public String hex32() {
    return versionId.substring(0, 32);
  }
}
