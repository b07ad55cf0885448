package dev.fp.parquet;

import java.io.IOException;

/** Random-access bytes of one stored object (a local file, or an object read with ranged GETs). Blocking. */
public interface RangeSource {

  long length() throws IOException;

  /** Reads up to {@code length} bytes at {@code offset}; returns how many were read (fewer only at the end). */
  int read(long offset, byte[] into, int at, int length) throws IOException;
}
