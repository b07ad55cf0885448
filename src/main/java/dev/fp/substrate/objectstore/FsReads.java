package dev.fp.substrate.objectstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads of the file system adapter. Objects are only ever replaced by rename, never changed in place, so one open
 * file is one whole version; a name that is missing, or is a directory (a key prefix), is an absent object.
 * Blocking: worker threads only.
 */
final class FsReads {
  private final FsEtags etags;

  FsReads(FsEtags etags) {
    this.etags = etags;
  }

  Optional<byte[]> read(Path file) throws IOException {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** An open channel on the current version; the caller closes it. */
  Optional<FileChannel> open(Path file) throws IOException {
    try {
      return Files.isRegularFile(file) ? Optional.of(FileChannel.open(file, StandardOpenOption.READ))
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Bytes [offset, offset+length) of an open object, fewer at its end, none past it. */
  static byte[] range(FileChannel ch, long offset, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(length, ch.size() - offset)));
    int read = 0;
    while (buf.hasRemaining() && read >= 0) {
      read = ch.read(buf, offset + buf.position());
    }
    return buf.hasRemaining() ? Arrays.copyOf(buf.array(), buf.position()) : buf.array();
  }

  Optional<String> etag(Path file) throws IOException {
    try {
      return Files.isRegularFile(file) ? Optional.of(etags.of(file)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Size, time and ETag of one version: the file identity (inode) is read before and after the ETag, and the read is
   * repeated if a concurrent rename replaced the file in between.
   */
  Optional<ObjectMeta> meta(String bucket, String key, Path file) throws IOException {
    while (true) {
      Optional<BasicFileAttributes> before = attributes(file);
      Optional<String> etag = before.isPresent() ? etag(file) : Optional.empty();
      Optional<BasicFileAttributes> after = etag.isPresent() ? attributes(file) : Optional.empty();
      if (after.isEmpty()) {
        return Optional.empty();
      }
      if (Objects.equals(before.get().fileKey(), after.get().fileKey())) {
        BasicFileAttributes a = after.get();
        return Optional.of(new ObjectMeta(bucket, key, a.size(), etag.get(), a.lastModifiedTime().toInstant()));
      }
    }
  }

  private static Optional<BasicFileAttributes> attributes(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.isRegularFile() ? Optional.of(a) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
