package dev.fp.substrate.objectstore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion per object across threads and processes: a fixed set of lock files
 * {@code <root>/.fp-locks/NNN.lock}, one chosen by the hash of bucket/key. A holder first takes an in-JVM lock for the
 * file (a JVM cannot hold two {@link FileLock}s on one file, and it is shared by every store instance on the same
 * root), then {@link FileChannel#lock()}, which excludes other processes. The set is bounded, and lock files are never
 * deleted (deleting a lock file another process holds would let a third one lock a new file of the same name).
 * Blocking: call from worker threads only.
 */
final class FsLocks {
  static final int STRIPES = 256;
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private final Path dir;

  interface Locked<T> {
    T run() throws IOException;
  }

  FsLocks(Path root) {
    this.dir = root.toAbsolutePath().normalize().resolve(ObjectKeys.RESERVED_PREFIX + "locks");
  }

  <T> T withLock(String bucket, String key, Locked<T> action) throws IOException {
    Path file = dir.resolve(String.format("%03d.lock", Math.floorMod((bucket + "/" + key).hashCode(), STRIPES)));
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
    jvmLock.lock();
    try {
      Files.createDirectories(dir);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock ignored = ch.lock()) {
        return action.run();
      }
    } finally {
      jvmLock.unlock();
    }
  }
}
