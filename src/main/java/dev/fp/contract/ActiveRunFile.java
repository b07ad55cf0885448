package dev.fp.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code <runsRoot>/fraud-platform/ACTIVE_RUN_ID}: the pinned platform run, one line {@code <id>\n}.
 *
 * <p>Blocking file I/O: call from a worker ({@code executeBlocking}), never an event loop. Writes are atomic (temp file
 * in the same folder, fsync, rename over the target), so a reader sees the old or the new id, never a torn one, and
 * a failed write leaves no temp file behind. Failures raise {@link UncheckedIOException} naming the path.
 */
final class ActiveRunFile {
  static final String FILE_NAME = "ACTIVE_RUN_ID";
  static final String PLATFORM_DIR = "fraud-platform";

  private ActiveRunFile() {
  }

  static Path path(Path runsRoot) {
    return runsRoot.resolve(PLATFORM_DIR).resolve(FILE_NAME);
  }

  /** The trimmed first line, or empty when the file is absent or blank. Not validated here. */
  static Optional<String> read(Path runsRoot) {
    Path file = path(runsRoot);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      return line == null || line.isBlank() ? Optional.empty() : Optional.of(line.strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file + ": " + e.getMessage(), e);
    }
  }

  static void write(Path runsRoot, String id) {
    Path file = path(runsRoot);
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = Files.createTempFile(file.getParent(), FILE_NAME + ".", ".tmp");
      writeSynced(temp, (id + "\n").getBytes(StandardCharsets.US_ASCII));
      moveOver(temp, file);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("write " + file + " (" + id + "): " + e.getMessage(), e);
    }
  }

  private static void writeSynced(Path temp, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static void moveOver(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the original failure is the one worth reporting
    }
  }
}
