package dev.fp.substrate.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * ETags of the file system adapter: the hex SHA-256 of the object's content.
 *
 * <p>The hash is computed while an object is written and recorded as the user extended attribute
 * {@code user.fp.sha256} of the temp file before it is renamed into place, so content and recorded hash switch
 * together in one atomic rename and stay consistent after any crash. Files without the attribute (placed by hand,
 * or on a file system without user xattrs) are hashed from their content on demand: slower, same answer.
 */
final class FsEtags {
  private static final String ATTR = "fp.sha256";
  private static final int HASH_HEX_CHARS = 64;
  private volatile boolean xattrs = true;

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  static String of(byte[] content) {
    MessageDigest md = newDigest();
    md.update(content);
    return hex(md);
  }

  /** Records the hash on a not yet published file; a file system without user xattrs turns recording off. */
  void record(Path file, String etag) throws IOException {
    UserDefinedFileAttributeView view = view(file);
    if (view == null) {
      xattrs = false;
      return;
    }
    try {
      view.write(ATTR, StandardCharsets.US_ASCII.encode(etag));
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof NoSuchFileException missing) {
        throw missing;
      }
      xattrs = false;
    }
  }

  /** The ETag of the file's current content: the recorded hash when present, else hashed now. */
  String of(Path file) throws IOException {
    Optional<String> recorded = recorded(file);
    return recorded.isPresent() ? recorded.get() : hashContent(file);
  }

  private Optional<String> recorded(Path file) throws IOException {
    UserDefinedFileAttributeView view = view(file);
    if (view == null) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.allocate(HASH_HEX_CHARS);
    try {
      view.read(ATTR, buf);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof NoSuchFileException missing) {
        throw missing;
      }
      return Optional.empty();
    }
    buf.flip();
    String value = StandardCharsets.US_ASCII.decode(buf).toString();
    return value.length() == HASH_HEX_CHARS ? Optional.of(value) : Optional.empty();
  }

  private UserDefinedFileAttributeView view(Path file) {
    return xattrs ? Files.getFileAttributeView(file, UserDefinedFileAttributeView.class) : null;
  }

  private static String hashContent(Path file) throws IOException {
    MessageDigest md = newDigest();
    byte[] chunk = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        md.update(chunk, 0, n);
      }
    }
    return hex(md);
  }
}
