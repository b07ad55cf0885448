package dev.fp.parquet;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A Parquet {@link InputFile} over a {@link RangeSource}: seeks are free, reads go through a read-ahead buffer so
 * that the many small footer and page-header reads become few ranged requests; reads larger than the buffer go
 * straight to the source. Blocking: over an object store it must run on a worker thread, never an event loop.
 */
public final class RangedInputFile implements InputFile {
  public static final int DEFAULT_READ_AHEAD = 1024 * 1024;

  private final RangeSource source;
  private final int readAhead;
  private long length = -1;

  public RangedInputFile(RangeSource source, int readAhead) {
    this.source = source;
    this.readAhead = readAhead;
  }

  @Override
  public long getLength() throws IOException {
    if (length < 0) {
      length = source.length();
    }
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    return new Stream(getLength());
  }

  private final class Stream extends SeekableInputStream {
    private final long size;
    private final byte[] buffer = new byte[readAhead];
    private long bufferStart;
    private int bufferLength;
    private long pos;

    Stream(long size) {
      this.size = size;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) {
      pos = newPos;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int at, int len) throws IOException {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      if (n >= buffer.length) {
        int read = source.read(pos, into, at, n);
        pos += read;
        return read;
      }
      if (pos < bufferStart || pos + n > bufferStart + bufferLength) {
        fill();
      }
      int available = (int) Math.min(n, bufferStart + bufferLength - pos);
      System.arraycopy(buffer, (int) (pos - bufferStart), into, at, available);
      pos += available;
      return available;
    }

    private void fill() throws IOException {
      int want = (int) Math.min(buffer.length, size - pos);
      int got = 0;
      while (got < want) {
        int r = source.read(pos + got, buffer, got, want - got);
        if (r <= 0) {
          throw new EOFException("ranged read: object ended at " + (pos + got) + ", expected " + size + " bytes");
        }
        got += r;
      }
      bufferStart = pos;
      bufferLength = got;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      int done = 0;
      while (done < len) {
        int r = read(bytes, start + done, len - done);
        if (r < 0) {
          throw new EOFException("ranged read: end of object after " + done + " of " + len + " bytes");
        }
        done += r;
      }
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      byte[] tmp = new byte[buf.remaining()];
      int r = read(tmp, 0, tmp.length);
      if (r > 0) {
        buf.put(tmp, 0, r);
      }
      return r;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      byte[] tmp = new byte[buf.remaining()];
      readFully(tmp, 0, tmp.length);
      buf.put(tmp);
    }
  }
}
