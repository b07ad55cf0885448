package dev.fp.control.sr.core;

import java.util.Map;
import java.util.Optional;

/**
 * What was read for one gate: the locators of its bundle root, index and passed flag (for the receipt), the flag's
 * bytes (empty when absent) and every file under the bundle root keyed by its path relative to that root.
 *
 * @param indexName the index file's path relative to the bundle root
 */
public record GateEvidence(String gateId, String bundleRootRef, String indexRef, String flagRef, String indexName,
                           Optional<byte[]> flag, Map<String, byte[]> files) {
}
