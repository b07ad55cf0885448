package dev.fp.oracle.sort;

import dev.fp.oracle.core.ByteSink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sorted run on local disk: records {@code [key: 8 bytes LE][length: varint][row bytes]} in order. Written once
 * by {@link #write}, read by {@link SpillRunCursor}, deleted by the sorter when merged.
 */
record SpillFile(Path file, int run, long rows) {

  static SpillFile write(Path file, int run, RunBuffer buffer) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteSink header = new ByteSink(16);
      for (int i = 0; i < buffer.rows(); i++) {
        header.reset();
        header.putLong(buffer.sortedKey(i));
        header.putVarint(buffer.length(i));
        out.write(header.array(), 0, header.size());
        out.write(buffer.bytes(), buffer.sortedOffset(i), buffer.length(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot write spill run " + file, e);
    }
    return new SpillFile(file, run, buffer.rows());
  }

  /** Merges cursors (already in run order) into a new spill file. */
  static SpillFile merge(Path file, int run, MergeQueue queue) {
    long rows = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteSink header = new ByteSink(16);
      RunCursor c;
      while ((c = queue.poll()) != null) {
        header.reset();
        header.putLong(c.key());
        header.putVarint(c.length());
        out.write(header.array(), 0, header.size());
        out.write(c.bytes(), c.offset(), c.length());
        rows++;
        queue.push(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot write merged run " + file, e);
    }
    return new SpillFile(file, run, rows);
  }

  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot delete spill run " + file, e);
    }
  }
}
