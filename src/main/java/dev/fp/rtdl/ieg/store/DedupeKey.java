package dev.fp.rtdl.ieg.store;

/** The semantic identity of a graph-mutating event within a run (reference rtdl §2, invariant (b)4). */
public record DedupeKey(String platformRunId, String eventClass, String eventId) {
}
