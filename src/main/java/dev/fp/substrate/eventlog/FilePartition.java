package dev.fp.substrate.eventlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One partition file {@code partition=<p>.jsonl}: appends and line reads, blocking (worker threads only).
 *
 * <p>Writers of any process append under an exclusive {@link FileLock}; inside the JVM a lock per path serialises
 * the threads first (file locks belong to the process). Before appending, the writer indexes lines other processes
 * appended and truncates a torn last line (bytes after the last newline, left by a crash mid-write). A line becomes
 * visible to readers only with its newline, and readers index new lines only under a shared file lock, so they
 * never see an append before its writer's fsync; a reader that finds a writer busy serves what it has indexed.
 */
final class FilePartition implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(FilePartition.class);
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final int CHUNK = 64 * 1024;
  private static final long LOCK_TIMEOUT_NANOS = 30_000_000_000L;

  private final String topic;
  private final int partition;
  private final Path path;
  private final boolean fsync;
  private final FileChannel channel;
  private final ReentrantLock lock;
  private final LineIndex index = new LineIndex();

  FilePartition(String topic, int partition, Path path, boolean fsync) throws IOException {
    this.topic = topic;
    this.partition = partition;
    this.path = path.toAbsolutePath();
    this.fsync = fsync;
    this.channel = FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    this.lock = JVM_LOCKS.computeIfAbsent(this.path, p -> new ReentrantLock());
  }

  /** {@code topic/partition}, for messages. */
  String name() {
    return topic + "/" + partition;
  }

  /** Appends encoded lines (each ending in a newline) with one write and one fsync; returns the first line number. */
  long append(List<byte[]> lines) throws IOException {
    lock.lock();
    try (FileLock ignored = lockExclusive()) {
      catchUp();
      repairTornTail();
      long first = index.lines();
      long pos = index.end();
      ByteBuffer[] buffers = lines.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
      writeFully(buffers, pos);
      if (fsync) {
        channel.force(false);
      }
      for (byte[] line : lines) {
        index.add(pos, pos + line.length);
        pos += line.length;
      }
      return first;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Polls for the exclusive lock instead of blocking in {@link FileChannel#lock()}: POSIX deadlock detection works per
   * process, not per thread, so two processes whose threads each hold one partition and wait for another get EDEADLK
   * from a blocking lock although no thread waits on itself. A lock held by a dead process vanishes with it.
   */
  private FileLock lockExclusive() throws IOException {
    long deadline = System.nanoTime() + LOCK_TIMEOUT_NANOS;
    for (int attempt = 0; ; attempt++) {
      FileLock l = channel.tryLock();
      if (l != null) {
        return l;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(path + " stayed locked by another process for " + LOCK_TIMEOUT_NANOS / 1_000_000 + " ms");
      }
      try {
        Thread.sleep(Math.min(10, 1 + attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for the lock of " + path, e);
      }
    }
  }

  /** Number of complete lines, including those other processes appended. */
  long lineCount() throws IOException {
    refresh();
    lock.lock();
    try {
      return index.lines();
    } finally {
      lock.unlock();
    }
  }

  /** Reads up to {@code max} records starting at line {@code from}; fewer (or none) at the end. */
  List<LogRecord> read(long from, int max) throws IOException {
    LineIndex.Seek seek = seek(from);
    if (from + max > seek.lines()) {
      refresh();
      seek = seek(from);
    }
    List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
    if (from >= seek.lines()) {
      return out;
    }
    byte[] buf = new byte[CHUNK];
    int start = 0;
    int have = 0;
    long filePos = seek.markOffset();
    long line = seek.markLine();
    while (out.size() < max && line < seek.lines()) {
      int nl = indexOf(buf, start, have, (byte) '\n');
      if (nl < 0) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, have - start);
          have -= start;
          start = 0;
        } else if (have == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        have += readAt(buf, have, filePos + have, seek.end());
        continue;
      }
      if (line >= from) {
        out.add(FileRecordCodec.decode(buf, start, nl - start, topic, partition, line));
      }
      filePos += nl + 1 - start;
      start = nl + 1;
      line++;
    }
    return out;
  }

  private LineIndex.Seek seek(long line) {
    lock.lock();
    try {
      return index.seek(line);
    } finally {
      lock.unlock();
    }
  }

  private void refresh() throws IOException {
    lock.lock();
    try (FileLock shared = channel.tryLock(0, Long.MAX_VALUE, true)) {
      if (shared != null) {
        catchUp();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Indexes complete lines between the indexed end and the file size (appended by other processes). */
  private void catchUp() throws IOException {
    long size = channel.size();
    long pos = index.end();
    long lineStart = pos;
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    while (pos < size) {
      buf.clear();
      int n = channel.read(buf, pos);
      if (n <= 0) {
        break;
      }
      byte[] a = buf.array();
      for (int i = 0; i < n; i++) {
        if (a[i] == '\n') {
          index.add(lineStart, pos + i + 1);
          lineStart = pos + i + 1;
        }
      }
      pos += n;
    }
  }

  private void repairTornTail() throws IOException {
    long size = channel.size();
    if (size > index.end()) {
      LOG.warn("repairing {}: dropping {} bytes of a torn last line (topic {} partition {}, after line {})",
          path, size - index.end(), topic, partition, index.lines());
      channel.truncate(index.end());
    }
  }

  private void writeFully(ByteBuffer[] buffers, long pos) throws IOException {
    channel.position(pos);
    long remaining = Arrays.stream(buffers).mapToLong(ByteBuffer::remaining).sum();
    while (remaining > 0) {
      remaining -= channel.write(buffers);
    }
  }

  private int readAt(byte[] buf, int off, long filePos, long end) throws IOException {
    int want = (int) Math.min(buf.length - off, end - filePos);
    int n = channel.read(ByteBuffer.wrap(buf, off, want), filePos);
    if (n <= 0) {
      throw new IOException("unexpected end of " + path + " at byte " + filePos + " (indexed end " + end + ")");
    }
    return n;
  }

  private static int indexOf(byte[] a, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
