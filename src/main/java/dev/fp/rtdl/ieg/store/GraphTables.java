package dev.fp.rtdl.ieg.store;

import dev.fp.substrate.state.KeyCodec;
import dev.fp.substrate.state.KeyTuple;
import dev.fp.substrate.state.Table;
import dev.fp.substrate.state.ValueCodec;

import java.util.List;

/**
 * IEG's StateStore tables; every key starts with the platform_run_id, so a run's rows are one key prefix.
 * <ul>
 *   <li>{@code ieg_dedupe}: {@code (run, event_class, event_id)} → {@link DedupeEntry}: the graph-mutating events
 *       applied, with their payload hash (same hash again = duplicate, another = payload mismatch);</li>
 *   <li>{@code ieg_apply_failures}: {@code (run, failure_id)} → {@link FailureRecord}, one per record that could not be
 *       applied, keyed by the deterministic failure id;</li>
 *   <li>{@code ieg_entities}: {@code (run, entity_id)} → {@link EntityRecord}, with first/last seen by event time;</li>
 *   <li>{@code ieg_identifiers}: {@code (run, identifier_type, identifier_value, entity_id)} → {@link IdentifierRecord}:
 *       "which entities carry this identifier" is a prefix scan;</li>
 *   <li>{@code ieg_edges}: {@code (run, entity_id, neighbour_type, neighbour_id)} → {@link EdgeRecord}, stored both
 *       ways, so "the neighbours of an entity (of a type)" is a prefix scan.</li>
 * </ul>
 */
public final class GraphTables {
  public static final Table<DedupeKey, DedupeEntry> DEDUPE = new Table<>("ieg_dedupe",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.eventClass(), k.eventId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new DedupeKey(r.string(), r.string(), r.string());
      }), ValueCodec.json(DedupeEntry.class));

  public static final Table<FailureKey, FailureRecord> FAILURES = new Table<>("ieg_apply_failures",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.failureId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new FailureKey(r.string(), r.string());
      }), ValueCodec.json(FailureRecord.class));

  public static final Table<EntityKey, EntityRecord> ENTITIES = new Table<>("ieg_entities",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.entityId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new EntityKey(r.string(), r.string());
      }), ValueCodec.json(EntityRecord.class));

  public static final Table<IdentifierKey, IdentifierRecord> IDENTIFIERS = new Table<>("ieg_identifiers",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.identifierType(), k.identifierValue(), k.entityId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new IdentifierKey(r.string(), r.string(), r.string(), r.string());
      }), ValueCodec.json(IdentifierRecord.class));

  public static final Table<EdgeKey, EdgeRecord> EDGES = new Table<>("ieg_edges",
      KeyCodec.of(k -> KeyTuple.of(k.platformRunId(), k.entityId(), k.neighbourType(), k.neighbourId()), b -> {
        KeyTuple.Reader r = KeyTuple.reader(b);
        return new EdgeKey(r.string(), r.string(), r.string(), r.string());
      }), ValueCodec.json(EdgeRecord.class));

  public static final List<Table<?, ?>> ALL = List.of(DEDUPE, FAILURES, ENTITIES, IDENTIFIERS, EDGES);

  private GraphTables() {
  }

  /** The encoded prefix of every row of a run, in any of the tables. */
  public static byte[] runPrefix(String platformRunId) {
    return KeyTuple.of(platformRunId);
  }

  /** The prefix of the identifier rows of one identifier: the entities that carry it. */
  public static byte[] identifierPrefix(String platformRunId, String identifierType, String identifierValue) {
    return KeyTuple.of(platformRunId, identifierType, identifierValue);
  }

  /** The prefix of an entity's edges, of every neighbour type ({@code neighbourType} null) or of one. */
  public static byte[] edgePrefix(String platformRunId, String entityId, String neighbourType) {
    return neighbourType == null ? KeyTuple.of(platformRunId, entityId)
        : KeyTuple.of(platformRunId, entityId, neighbourType);
  }
}
