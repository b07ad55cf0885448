package dev.fp.platform;

import dev.fp.contract.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Local artifact files (state, status, health, phases): sorted keys, ASCII, indent 2, trailing newline, written
 * atomically (temp file, fsync, rename) so a reader never sees half a file. Blocking: call from worker threads.
 */
public final class JsonFiles {
  private JsonFiles() {
  }

  public static void write(Path file, Object value) {
    try {
      writeAtomically(file, (Json.writePretty(value) + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("write " + file, e);
    }
  }

  public static Map<String, Object> read(Path file) {
    try {
      return Json.readObject(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends one line and forces it to disk (event journals). */
  public static void appendLine(Path file, String line) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        ch.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("append " + file, e);
    }
  }

  public static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
        + Thread.currentThread().getId());
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
