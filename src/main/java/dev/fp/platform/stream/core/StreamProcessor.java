package dev.fp.platform.stream.core;

/**
 * The pure core of a stream component (ARCHITECTURE §4 "core", rtdl_design §1): what one record of this run does to
 * the component's state, its counters and the outside world. The shell calls it batch by batch:
 *
 * <ol>
 *   <li>{@link #prefetch} for every record of the batch: name the state keys {@code apply} will read; the shell
 *       reads them with one {@code multiGet} per table;</li>
 *   <li>{@link #apply} for every record, in log order, with a view in which reads see the batch's own earlier writes;
 *       it writes mutations, counter deltas and external effects into the context;</li>
 *   <li>the shell runs the effects (before anything is committed), then commits every mutation, the counters and the
 *       checkpoint in one StateStore batch. A failure anywhere re-delivers the whole batch, so {@code apply} must be
 *       deterministic — no wall clock, no randomness — and idempotent through its state (e.g. a ledger keyed by the
 *       record's identity).</li>
 * </ol>
 *
 * <p>Example — count events per event type (table {@code ex_counts}):
 * <pre>{@code
 * Table<String, Long> COUNTS = new Table<>("ex_counts", KeyCodec.utf8(), ValueCodec.json(Long.class));
 *
 * StreamProcessor<Void> perType = new StreamProcessor<>() {
 *   public void prefetch(StreamRecord r, KeyRequests keys) {
 *     keys.need(COUNTS, r.eventType());
 *   }
 *   public void apply(StreamRecord r, ProcessorContext<Void> ctx) {
 *     Long n = ctx.get(COUNTS, r.eventType());
 *     ctx.put(COUNTS, r.eventType(), n == null ? 1 : n + 1);
 *     ctx.count("events_total", 1);
 *   }
 * };
 * }</pre>
 *
 * @param <E> the component's external effect (e.g. an evidence record to write); {@code Void} when it has none
 */
public interface StreamProcessor<E> {

  /** Names every state key {@link #apply} will read for {@code record}. */
  void prefetch(StreamRecord record, KeyRequests keys);

  /**
   * Names keys that only the prefetched state or the batch's other records reveal (e.g. a traffic record needs the
   * rows of the entities its stored flow anchor names). Called once per batch, after the keys named by
   * {@link #prefetch} are loaded into {@code reads} (stored values: no record is applied yet); the shell then loads
   * these keys too, before anything is applied. Most cores need nothing here.
   *
   * @param records the batch's accepted records, in the order they will be applied
   */
  default void prefetchDependent(java.util.List<StreamRecord> records, BatchReads reads, KeyRequests keys) {
  }

  /**
   * Applies {@code record}: reads through {@code ctx} (only prefetched keys), writes puts, deletes, counter deltas and
   * effects into it. Throwing fails the batch, which is then re-delivered.
   */
  void apply(StreamRecord record, ProcessorContext<E> ctx);
}
