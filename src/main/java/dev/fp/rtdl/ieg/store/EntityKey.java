package dev.fp.rtdl.ieg.store;

/** An entity of a run's graph. */
public record EntityKey(String platformRunId, String entityId) {
}
