package dev.fp.rtdl.ieg.store;

/** An identifier observation: the identifier (type, value) and an entity that carries it. */
public record IdentifierKey(String platformRunId, String identifierType, String identifierValue, String entityId) {
}
