package dev.fp.rtdl.ieg.store;

/**
 * An identifier's link to an entity, written once when the entity is created (its first/last seen live on the
 * entity): the entity's type, scope and the event that first carried it.
 */
public record IdentifierRecord(String entityType, String scenarioRunId, String sourceEventId) {
}
