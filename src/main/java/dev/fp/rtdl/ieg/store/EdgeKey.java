package dev.fp.rtdl.ieg.store;

/** One direction of an edge: from {@code entityId} to a neighbour of {@code neighbourType}. */
public record EdgeKey(String platformRunId, String entityId, String neighbourType, String neighbourId) {
}
