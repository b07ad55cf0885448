package dev.fp.platform.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.StateStore;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;
import dev.fp.substrate.state.WriteBatch;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segment layout's index, in the StateStore (RocksDB on embedded, PostgreSQL on parity): table
 * {@code evidence_records} maps (prefix, record id) to the record's segment (by sequence number), its 1-based line and
 * the SHA-256 of the stored line, so a re-write is checked for drift without reading the segment;
 * {@code evidence_segments} keeps each prefix's highest segment number. Rows are written only after their segment
 * object is durable, each as a {@link WriteBatch#putIfAbsent}: the first write of an id wins, also against another
 * writer of the same prefix.
 */
final class EvidenceIndex {
  /** Where a record lives. */
  record Entry(String id, long segmentSeq, int lineNo, String digest) {
  }

  /** The stored value of a record's row (the id is in the key). */
  record Place(@JsonProperty("segment_seq") long segmentSeq, @JsonProperty("line_no") int lineNo,
               @JsonProperty("digest") String digest) {
  }

  /** A record's key: its prefix and id. */
  record RecordKey(String prefix, String id) {
  }

  static final Table<RecordKey, Place> RECORDS = new Table<>("evidence_records",
      KeyCodec.of(k -> KeyTuple.of(k.prefix(), k.id()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new RecordKey(r.string(), r.string());
      }), ValueCodec.json(Place.class));

  static final Table<String, Long> SEGMENTS = new Table<>("evidence_segments",
      KeyCodec.of(KeyTuple::of, b -> KeyTuple.reader(b).string()), ValueCodec.json(Long.class));

  static final List<Table<?, ?>> TABLES = List.of(RECORDS, SEGMENTS);

  private final Future<StateStore> store;

  /** {@code state} is the substrate's StateStore; the index's tables are created on first use. */
  EvidenceIndex(Future<StateStore> state) {
    this.store = state.compose(s -> s.ensureTables(TABLES).map(s));
  }

  /** The highest segment number indexed under the prefix, or 0. */
  Future<Long> maxSegment(String prefix) {
    return store.compose(s -> s.get(SEGMENTS, prefix)).map(max -> max == null ? 0L : max);
  }

  /** The entries that exist among {@code ids}. */
  Future<Map<String, Entry>> find(String prefix, List<String> ids) {
    List<RecordKey> keys = new ArrayList<>(ids.size());
    ids.forEach(id -> keys.add(new RecordKey(prefix, id)));
    return store.compose(s -> s.multiGet(RECORDS, keys)).map(rows -> {
      Map<String, Entry> found = new HashMap<>(rows.size() * 2);
      rows.forEach((k, p) -> found.put(k.id(), new Entry(k.id(), p.segmentSeq(), p.lineNo(), p.digest())));
      return found;
    });
  }

  /**
   * Indexes the entries of one new segment in one batch, first write wins, and raises the prefix's highest segment
   * number: returns the entries that were already indexed (in an earlier segment), which keep their place.
   */
  Future<Map<String, Entry>> insert(String prefix, long segmentSeq, List<Entry> entries) {
    return store.compose(s -> s.get(SEGMENTS, prefix).compose(max -> {
      WriteBatch batch = new WriteBatch();
      for (Entry e : entries) {
        batch.putIfAbsent(RECORDS, new RecordKey(prefix, e.id()), new Place(e.segmentSeq(), e.lineNo(), e.digest()));
      }
      if (max == null || max < segmentSeq) {
        batch.put(SEGMENTS, prefix, segmentSeq);   // a hint for numbering: the segment object's put-if-absent decides
      }
      return s.commit(batch);
    })).compose(v -> find(prefix, entries.stream().map(Entry::id).toList())).map(found -> {
      Map<String, Entry> earlier = new HashMap<>();
      found.values().forEach(e -> {
        if (e.segmentSeq() != segmentSeq) {
          earlier.put(e.id(), e);
        }
      });
      return earlier;
    });
  }
}
