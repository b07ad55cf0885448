package dev.fp.substrate.state;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Order-preserving encoding of composite keys such as {@code (run, topic, partition)}: the unsigned byte order of the
 * encodings is the tuple order, and the encoding of a leading part of a tuple is a byte prefix of the whole, so
 * {@code KeyRange.prefix(KeyTuple.of(run, topic))} scans every partition of one topic of one run.
 *
 * <p>Strings (UTF-8) and byte arrays: {@code 0x00} is escaped as {@code 0x00 0xFF} and the part ends with
 * {@code 0x00 0x01}, so a shorter part sorts before any longer one it starts. Integers (int or long): 8 bytes
 * big-endian with the sign bit flipped, so negative numbers sort before positive ones. A table keeps one tuple shape;
 * parts carry no type tag.
 */
public final class KeyTuple {
  private static final int ESCAPE = 0x00;
  private static final int ESCAPED_ZERO = 0xFF;
  private static final int END = 0x01;

  private KeyTuple() {
  }

  /** Encodes {@code parts}: each a String, byte[], Integer or Long. */
  public static byte[] of(Object... parts) {
    Bytes out = new Bytes(estimate(parts));
    for (Object p : parts) {
      if (p instanceof String s) {
        writeString(out, s);
      } else if (p instanceof byte[] b) {
        writeEscaped(out, b);
      } else if (p instanceof Long || p instanceof Integer) {
        writeLong(out, ((Number) p).longValue());
      } else {
        throw new IllegalArgumentException("key tuple part must be a String, byte[], Integer or Long, got "
            + (p == null ? "null" : p.getClass().getSimpleName()));
      }
    }
    return out.toByteArray();
  }

  /** Room for the usual encoding (ASCII text, no zero bytes), so a key is built without growing its buffer. */
  private static int estimate(Object[] parts) {
    int n = 0;
    for (Object p : parts) {
      n += p instanceof String s ? s.length() + 2 : p instanceof byte[] b ? b.length + 2 : 8;
    }
    return n;
  }

  /** A growable byte array without ByteArrayOutputStream's per-byte locking (keys are encoded on hot paths). */
  private static final class Bytes {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[Math.max(8, capacity)];
    }

    void room(int n) {
      if (size + n > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    void write(int b) {
      if (size == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      buf[size++] = (byte) b;
    }

    byte[] toByteArray() {
      return size == buf.length ? buf : java.util.Arrays.copyOf(buf, size);
    }
  }

  /** ASCII without zero bytes (the usual key part) is copied as is; anything else goes through its UTF-8 bytes. */
  private static void writeString(Bytes out, String s) {
    int n = s.length();
    out.room(n + 2);
    int start = out.size;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0 || c >= 0x80) {
        out.size = start;
        writeEscaped(out, s.getBytes(StandardCharsets.UTF_8));
        return;
      }
      out.buf[out.size++] = (byte) c;
    }
    out.buf[out.size++] = ESCAPE;
    out.buf[out.size++] = END;
  }

  private static void writeEscaped(Bytes out, byte[] bytes) {
    for (byte b : bytes) {
      out.write(b);
      if (b == ESCAPE) {
        out.write(ESCAPED_ZERO);
      }
    }
    out.write(ESCAPE);
    out.write(END);
  }

  private static void writeLong(Bytes out, long v) {
    long flipped = v ^ Long.MIN_VALUE;
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (flipped >>> shift));
    }
  }

  /** Reads the parts of an encoded tuple back, in order. */
  public static Reader reader(byte[] encoded) {
    return new Reader(encoded);
  }

  /** Sequential decoder of one encoded tuple; each method fails with IllegalArgumentException on malformed input. */
  public static final class Reader {
    private final byte[] in;
    private int pos;

    private Reader(byte[] in) {
      this.in = in;
    }

    public String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        int b = next();
        if (b != ESCAPE) {
          out.write(b);
          continue;
        }
        int marker = next();
        if (marker == END) {
          return out.toByteArray();
        }
        if (marker != ESCAPED_ZERO) {
          throw malformed("0x00 followed by 0x" + Integer.toHexString(marker));
        }
        out.write(0);
      }
    }

    public long int64() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | next();
      }
      return v ^ Long.MIN_VALUE;
    }

    /** True when every part has been read. */
    public boolean atEnd() {
      return pos == in.length;
    }

    private int next() {
      if (pos >= in.length) {
        throw malformed("ends early");
      }
      return in[pos++] & 0xFF;
    }

    private IllegalArgumentException malformed(String what) {
      return new IllegalArgumentException("malformed key tuple at byte " + pos + ": " + what);
    }
  }
}
