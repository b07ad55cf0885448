package dev.fp.rtdl.ieg.store;

/**
 * An identifier's link to an entity, written once when the entity is created: the entity's type and scenario run
 * (its sightings live on the entity row).
 */
public record IdentifierRecord(String entityType, String scenarioRunId) {
}
