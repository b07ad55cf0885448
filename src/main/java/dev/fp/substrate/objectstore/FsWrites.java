package dev.fp.substrate.objectstore;

import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Stages object content in a temp file (hashed while written, fsynced, hash recorded) and publishes it: by atomic
 * rename (replace) or by hard link (create only if absent; the link fails when the name exists, which is atomic
 * across threads and processes). A crash at any point leaves either the old object or the new one under the final
 * name, plus at most a temp file that readers never see. Blocking: call from worker threads only.
 */
final class FsWrites {
  private static final int CHUNK = 1 << 20;
  private final FsEtags etags;

  /** A fully written, fsynced temp file and what the object will be once it is published. */
  record Staged(Path temp, long size, String etag, Instant lastModified) {
  }

  private interface Content {
    long writeTo(FileChannel out, MessageDigest md) throws IOException;
  }

  FsWrites(FsEtags etags) {
    this.etags = etags;
  }

  Staged stage(Path dir, Buffer data) throws IOException {
    return stage(dir, (out, md) -> {
      byte[] bytes = data.getBytes();
      md.update(bytes);
      writeFully(out, ByteBuffer.wrap(bytes));
      return bytes.length;
    });
  }

  Staged stage(Path dir, Path source) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      return stage(dir, (out, md) -> copy(in, out, md));
    }
  }

  /** Publishes by hard link; false (and nothing changed) when an object already exists. The temp file remains. */
  boolean linkIfAbsent(Staged staged, Path target) throws IOException {
    try {
      Files.createLink(target, staged.temp());
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    LocalFiles.fsyncDir(target.getParent());
    return true;
  }

  private Staged stage(Path dir, Content content) throws IOException {
    Path temp = LocalFiles.newTemp(dir);
    try {
      MessageDigest md = FsEtags.newDigest();
      long size;
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        size = content.writeTo(out, md);
        out.force(true);
      }
      String etag = FsEtags.hex(md);
      etags.record(temp, etag);
      return new Staged(temp, size, etag, Files.getLastModifiedTime(temp).toInstant());
    } catch (IOException | RuntimeException e) {
      LocalFiles.deleteQuietly(temp);
      throw e;
    }
  }

  private static long copy(FileChannel in, FileChannel out, MessageDigest md) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    long total = 0;
    while (in.read(buf) >= 0) {
      buf.flip();
      md.update(buf.duplicate());
      total += buf.remaining();
      writeFully(out, buf);
      buf.clear();
    }
    return total;
  }

  private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      out.write(buf);
    }
  }
}
