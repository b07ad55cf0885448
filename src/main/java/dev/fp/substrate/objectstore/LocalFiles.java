package dev.fp.substrate.objectstore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Local-file steps both adapters use to make a file appear whole or not at all: temp files named
 * {@code .fp-tmp-<pid>-<uuid>} next to their target (same directory, so the rename is atomic), fsync of file and
 * directory, and atomic replacement. Blocking: call from worker threads only.
 */
final class LocalFiles {
  static final String TEMP_PREFIX = ObjectKeys.RESERVED_PREFIX + "tmp-";
  private static final long PID = ProcessHandle.current().pid();

  private LocalFiles() {
  }

  static Path newTemp(Path dir) {
    return dir.resolve(TEMP_PREFIX + PID + "-" + UUID.randomUUID());
  }

  static boolean isTemp(Path file) {
    return file.getFileName().toString().startsWith(TEMP_PREFIX);
  }

  /** The pid that created a temp file, if its name carries one. */
  static OptionalLong tempOwner(Path file) {
    String rest = file.getFileName().toString().substring(TEMP_PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      return dash > 0 ? OptionalLong.of(Long.parseLong(rest.substring(0, dash))) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Replaces (or creates) {@code target}, and any missing parent directories, with the whole content of {@code in}. */
  static void replaceWith(Path target, FileChannel in) throws IOException {
    Path dir = Files.createDirectories(target.getParent());
    Path temp = newTemp(dir);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (long pos = 0, size = in.size(); pos < size; ) {
          pos += in.transferTo(pos, size - pos, out);
        }
        out.force(true);
      }
      moveIntoPlace(temp, target);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Atomically replaces {@code target} by the already fsynced {@code temp}, then makes the rename durable. */
  static void moveIntoPlace(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDir(target.getParent());
  }

  static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temp file is invisible to readers and removed by the next start-up sweep
    }
  }
}
