package dev.fp.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file as a {@link RangeSource} (positional reads; the channel opens per call, so nothing leaks). */
public record LocalRangeSource(Path file) implements RangeSource {

  @Override
  public long length() throws IOException {
    return java.nio.file.Files.size(file);
  }

  @Override
  public int read(long offset, byte[] into, int at, int length) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.wrap(into, at, length);
      int total = 0;
      while (buf.hasRemaining()) {
        int r = channel.read(buf, offset + total);
        if (r < 0) {
          break;
        }
        total += r;
      }
      return total;
    }
  }
}
