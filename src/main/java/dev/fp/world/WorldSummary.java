package dev.fp.world;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code fp world generate} did: where the run root is, its identity, rows per output, and whether an
 * identical world was already there (then nothing was written).
 */
public record WorldSummary(Path root, String runId, String manifestFingerprint, String parameterHash,
                           Map<String, Long> rowsPerOutput, long totalRows, long elapsedMillis, boolean alreadyPresent) {
}
