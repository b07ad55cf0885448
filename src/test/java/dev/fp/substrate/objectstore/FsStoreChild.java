package dev.fp.substrate.objectstore;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static dev.fp.testing.Await.await;

/**
 * A separate JVM writing to a file system store, for {@link FsObjectStoreTest}. It prints one line per acknowledged
 * write, flushed at once, so the parent knows exactly what was acknowledged before it killed this process.
 *
 * <ul>
 *   <li>{@code crash <root> <bucket> <tag>}: forever, put a new self-checking blob {@code blobs/<tag>-<i>} (prints
 *   {@code PUT <key>}), overwrite {@code blobs/current}, append a self-checking line to {@code log/acks.log}
 *   (prints {@code ACK <id>}). Meant to be killed with SIGKILL at a random moment.</li>
 *   <li>{@code append <root> <bucket> <tag> <n>}: append {@code n} lines {@code <tag>-<i>} to {@code shared/log},
 *   print {@code DONE} and exit.</li>
 * </ul>
 */
public final class FsStoreChild {
  static final String LOG_KEY = "log/acks.log";
  static final String SHARED_KEY = "shared/log";
  static final int LINE_PADDING = 16 * 1024;

  private FsStoreChild() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    ObjectStore store = ObjectStores.create(vertx, new ObjectStoreConfig("fs", Path.of(args[1]), null, 1000, 2));
    await(store.ensureBucket(args[2]));
    if (args[0].equals("crash")) {
      crashLoop(store, args[2], args[3]);
    } else {
      appendLines(store, args[2], args[3], Integer.parseInt(args[4]));
    }
    await(store.close());
    await(vertx.close());
  }

  private static void crashLoop(ObjectStore store, String bucket, String tag) throws Exception {
    for (int i = 0; ; i++) {
      String key = "blobs/" + tag + "-" + i;
      await(store.put(bucket, key, selfChecking((1 << 18) * (1 + ThreadLocalRandom.current().nextInt(4)))));
      report("PUT " + key);
      await(store.put(bucket, "blobs/current", selfChecking(1 << 19)));
      String id = tag + "-" + i;
      await(store.append(bucket, LOG_KEY, Buffer.buffer(logLine(id), StandardCharsets.UTF_8.name())));
      report("ACK " + id);
    }
  }

  private static void appendLines(ObjectStore store, String bucket, String tag, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      await(store.append(bucket, SHARED_KEY, Buffer.buffer(tag + "-" + i + "\n")));
    }
    report("DONE");
  }

  /** {@code <hex sha256 of body><body>}: a reader can tell a whole object from a torn one. */
  static Buffer selfChecking(int bodySize) {
    byte[] body = new byte[bodySize];
    ThreadLocalRandom.current().nextBytes(body);
    return Buffer.buffer(sha256(body)).appendBytes(body);
  }

  static boolean isWhole(Buffer object) {
    byte[] bytes = object.getBytes();
    if (bytes.length < 64) {
      return false;
    }
    byte[] body = new byte[bytes.length - 64];
    System.arraycopy(bytes, 64, body, 0, body.length);
    return new String(bytes, 0, 64, StandardCharsets.US_ASCII).equals(sha256(body));
  }

  /** {@code <id> <sha256(id + padding)> <padding>\n}; the padding makes every append rewrite a large object. */
  static String logLine(String id) {
    String padding = "x".repeat(LINE_PADDING);
    return id + " " + sha256((id + padding).getBytes(StandardCharsets.UTF_8)) + " " + padding + "\n";
  }

  /** The id of a whole log line, or null when the line is torn. */
  static String logLineId(String line) {
    String[] parts = line.split(" ", 3);
    if (parts.length != 3) {
      return null;
    }
    return parts[1].equals(sha256((parts[0] + parts[2]).getBytes(StandardCharsets.UTF_8))) ? parts[0] : null;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void report(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
