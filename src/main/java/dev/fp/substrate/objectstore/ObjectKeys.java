package dev.fp.substrate.objectstore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Bucket and key rules shared by both adapters, so a key accepted on one profile is accepted on the other, and a
 * key can never name a path outside its bucket directory.
 *
 * <p>A key is 1..1024 UTF-8 bytes of {@code /}-separated segments; a segment is 1..255 UTF-8 bytes, not {@code .} or
 * {@code ..}, does not start with the reserved {@code .fp-} (the adapters' own temp and lock files), and contains no
 * backslash or control character. Buckets follow S3 naming: 3..63 of {@code [a-z0-9.-]}, alphanumeric at both ends.
 */
final class ObjectKeys {
  static final String RESERVED_PREFIX = ".fp-";
  static final int MAX_KEY_BYTES = 1024;
  static final int MAX_SEGMENT_BYTES = 255;
  /** S3 lists keys in UTF-8 byte order; the file system adapter sorts the same way. */
  static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b));

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private ObjectKeys() {
  }

  static void checkBucket(String op, String bucket) {
    if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new ObjectStoreException(op, bucket, "", "invalid bucket name", null);
    }
  }

  static void checkKey(String op, String bucket, String key) {
    checkBucket(op, bucket);
    if (key == null || key.isEmpty() || utf8(key).length > MAX_KEY_BYTES) {
      throw invalid(op, bucket, key, "key must be 1.." + MAX_KEY_BYTES + " UTF-8 bytes");
    }
    for (String segment : key.split("/", -1)) {
      checkSegment(op, bucket, key, segment);
    }
  }

  /** A list/delete prefix: complete segments follow the key rules; the trailing partial segment may be empty. */
  static void checkPrefix(String op, String bucket, String prefix) {
    checkBucket(op, bucket);
    if (prefix == null) {
      throw invalid(op, bucket, null, "prefix must not be null");
    }
    int slash = prefix.lastIndexOf('/');
    if (slash >= 0) {
      checkKey(op, bucket, prefix.substring(0, slash));
    }
    if (hasForbiddenChar(prefix)) {
      throw invalid(op, bucket, prefix, "backslash or control character in prefix");
    }
  }

  private static void checkSegment(String op, String bucket, String key, String segment) {
    if (segment.isEmpty()) {
      throw invalid(op, bucket, key, "empty segment (leading, trailing or doubled '/')");
    }
    if (segment.equals(".") || segment.equals("..")) {
      throw invalid(op, bucket, key, "'" + segment + "' segment");
    }
    if (segment.startsWith(RESERVED_PREFIX)) {
      throw invalid(op, bucket, key, "segments starting with '" + RESERVED_PREFIX + "' are reserved");
    }
    if (hasForbiddenChar(segment)) {
      throw invalid(op, bucket, key, "backslash or control character");
    }
    if (utf8(segment).length > MAX_SEGMENT_BYTES) {
      throw invalid(op, bucket, key, "segment longer than " + MAX_SEGMENT_BYTES + " UTF-8 bytes");
    }
  }

  private static boolean hasForbiddenChar(String s) {
    return s.chars().anyMatch(c -> c == '\\' || c < 0x20 || c == 0x7f);
  }

  private static ObjectStoreException invalid(String op, String bucket, String key, String why) {
    return new ObjectStoreException(op, bucket, key, "invalid key: " + why, null);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
