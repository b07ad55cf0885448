package dev.fp.substrate.eventlog;

import java.util.Arrays;

/**
 * Sparse index of the complete lines of one partition file: the byte offset of every {@value #STRIDE}th line, the
 * line count and the end of the last complete line. A read seeks to the nearest mark and skips at most
 * {@code STRIDE - 1} lines, so memory stays at 8 bytes per {@value #STRIDE} records. Not thread-safe: the owning
 * {@link FilePartition} guards it.
 */
final class LineIndex {
  static final int STRIDE = 64;

  /** Where a read of {@code line} starts: the marked line at or before it and that line's byte offset. */
  record Seek(long markLine, long markOffset, long lines, long end) {
  }

  private long[] marks = new long[16];
  private long lines;
  private long end;

  long lines() { return lines; }

  /** Byte offset just after the last complete line. */
  long end() { return end; }

  void add(long lineStart, long lineEnd) {
    if (lines % STRIDE == 0) {
      int slot = (int) (lines / STRIDE);
      if (slot == marks.length) {
        marks = Arrays.copyOf(marks, marks.length * 2);
      }
      marks[slot] = lineStart;
    }
    lines++;
    end = lineEnd;
  }

  Seek seek(long line) {
    long slot = Math.min(line, Math.max(lines - 1, 0)) / STRIDE;
    return new Seek(slot * STRIDE, lines == 0 ? 0 : marks[(int) slot], lines, end);
  }
}
