package dev.fp.oracle.sort;

import java.nio.file.Path;

/**
 * Knobs of one external sort. The heap it uses is about {@code memoryMb} (two run buffers of 30% each, the output
 * row group, merge buffers) plus one source row group; rows beyond that spill to {@code tempDir}.
 *
 * @param memoryMb        heap budget in MiB (at least {@value #MIN_MEMORY_MB})
 * @param rowsPerPart     rows per output part file
 * @param tempDir         where spill runs go (deleted afterwards)
 * @param progressSeconds interval of progress log lines
 */
public record SortSettings(int memoryMb, long rowsPerPart, Path tempDir, int progressSeconds) {
  public static final int DEFAULT_MEMORY_MB = 256;
  public static final int MIN_MEMORY_MB = 16;
  public static final long DEFAULT_ROWS_PER_PART = 250_000L;
  public static final int DEFAULT_PROGRESS_SECONDS = 5;
  static final int MAX_FAN_IN = 64;

  public SortSettings {
    if (memoryMb < MIN_MEMORY_MB) {
      throw new IllegalArgumentException("--memory-mb: at least " + MIN_MEMORY_MB + ", got " + memoryMb);
    }
    if (rowsPerPart < 1) {
      throw new IllegalArgumentException("--rows-per-part: at least 1, got " + rowsPerPart);
    }
  }

  public static SortSettings defaults(Path tempDir) {
    return new SortSettings(DEFAULT_MEMORY_MB, DEFAULT_ROWS_PER_PART, tempDir, DEFAULT_PROGRESS_SECONDS);
  }

  long runBudgetBytes() {
    return memoryMb * 1024L * 1024L * 3 / 10;
  }

  int rowGroupBytes() {
    return (int) Math.min(64L * 1024 * 1024, memoryMb * 1024L * 1024L / 8);
  }

  int spillReadBufferBytes(int runs) {
    long pool = memoryMb * 1024L * 1024L / 10;
    return (int) Math.max(64 * 1024, Math.min(1024 * 1024, pool / Math.max(1, runs)));
  }
}
