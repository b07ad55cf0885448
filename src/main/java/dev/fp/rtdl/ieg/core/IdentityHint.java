package dev.fp.rtdl.ieg.core;

/**
 * An identifier a graph-mutating event carries (reference rtdl §2 step 9, mode {@code field_map}): its type (the
 * payload field, e.g. {@code party_id}), its value as text ({@code str(value)}) and the entity type it names
 * ({@code party}).
 */
public record IdentityHint(String identifierType, String identifierValue, String entityType) {
}
