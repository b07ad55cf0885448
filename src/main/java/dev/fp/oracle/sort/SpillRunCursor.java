package dev.fp.oracle.sort;

import dev.fp.oracle.core.ByteSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;

/** Reads a {@link SpillFile} through one bounded buffer, handing out rows in place. */
final class SpillRunCursor implements RunCursor {
  private final SpillFile spill;
  private final InputStream in;
  private byte[] buf;
  private int start;
  private int end;
  private boolean eof;
  private long key;
  private int rowAt;
  private int rowLength;

  SpillRunCursor(SpillFile spill, int bufferBytes) {
    this.spill = spill;
    this.buf = new byte[Math.max(64 * 1024, bufferBytes)];
    try {
      this.in = Files.newInputStream(spill.file());
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot open spill run " + spill.file(), e);
    }
  }

  @Override
  public boolean advance() {
    if (!ensure(1)) {
      return false;
    }
    if (!ensure(8)) {
      throw truncated();
    }
    ensure(8 + 5);
    key = ByteSink.getLong(buf, start);
    int p = start + 8;
    long length = 0;
    int shift = 0;
    while (true) {
      if (p >= end) {
        throw truncated();
      }
      byte b = buf[p++];
      length |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
      shift += 7;
    }
    int header = p - start;
    if (!ensure(header + (int) length)) {
      throw truncated();
    }
    rowAt = start + header;
    rowLength = (int) length;
    start = rowAt + rowLength;
    return true;
  }

  /** Makes at least {@code n} bytes from {@code start} available (compacting, growing); false if the file ends. */
  private boolean ensure(int n) {
    if (end - start >= n) {
      return true;
    }
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
    try {
      while (end < n && !eof) {
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
          eof = true;
        } else {
          end += r;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot read spill run " + spill.file(), e);
    }
    return end - start >= n;
  }

  private IllegalStateException truncated() {
    return new IllegalStateException("stream sort: spill run " + spill.file() + " is truncated");
  }

  @Override
  public long key() {
    return key;
  }

  @Override
  public byte[] bytes() {
    return buf;
  }

  @Override
  public int offset() {
    return rowAt;
  }

  @Override
  public int length() {
    return rowLength;
  }

  @Override
  public int run() {
    return spill.run();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot close spill run " + spill.file(), e);
    }
  }
}
