package dev.fp.obsgov.report;

import dev.fp.obsgov.ObsKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Embedded reporter lock: an exclusive OS lock on {@code runs/fraud-platform/<run>/obs/reporter.lock}, whose content
 * names the holder. Another process's lock, or another lease in this process, refuses the second reporter. File
 * operations run on a worker.
 */
final class FileReporterLock implements ReporterLock {
  private final Vertx vertx;
  private final Path platformRoot;

  FileReporterLock(Vertx vertx, Path platformRoot) {
    this.vertx = vertx;
    this.platformRoot = platformRoot;
  }

  @Override
  public Future<Lease> acquire(String platformRunId, String holder) {
    Path file = platformRoot.resolve(platformRunId).resolve(ObsKeys.OBS).resolve("reporter.lock");
    String key = ReporterLock.key(platformRunId);
    return vertx.executeBlocking(() -> {
      Files.createDirectories(file.getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException held) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw new ReporterLockHeldException(key, holderOf(file));
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new FileLease(key, ch, lock);
    });
  }

  private static String holderOf(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "an unnamed process (" + file + ")" : text + " (" + file + ")";
    } catch (IOException e) {
      return "an unreadable holder (" + file + ": " + e.getMessage() + ")";
    }
  }

  private final class FileLease implements Lease {
    private final String key;
    private final FileChannel channel;
    private final FileLock lock;

    FileLease(String key, FileChannel channel, FileLock lock) {
      this.key = key;
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public String key() { return key; }

    @Override
    public Future<Void> release() {
      return vertx.executeBlocking(() -> {
        try {
          if (channel.isOpen()) {
            channel.truncate(0);
            lock.release();
            channel.close();
          }
        } catch (IOException e) {
          throw new UncheckedIOException("release " + key, e);
        }
        return null;
      });
    }
  }
}
