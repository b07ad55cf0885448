package dev.fp.oracle.sort;

import dev.fp.oracle.core.SortStats;

import java.nio.file.Path;
import java.util.List;

/** What one external sort produced: stats of input and output (equal, or the sort failed), and the part files. */
public record SortResult(SortStats rawStats, SortStats sortedStats, List<Path> parts, int spilledRuns,
                         long elapsedMillis) {
}
