package dev.fp.platform.supervisor;

import dev.fp.contract.Hashing;
import dev.fp.contract.Topics;
import dev.fp.platform.FileTrees;
import dev.fp.substrate.objectstore.ObjectMeta;
import io.vertx.core.Future;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run has written, as a comparable fingerprint: every file of its run folder (path, size, modification time),
 * every object under {@code fraud-platform/<run>/} in the object store (key, size, etag) and the end of every
 * event-bus partition. Two equal fingerprints taken apart in time prove nothing was written to the run scope in
 * between (P12's "no further writes"). The supervisor's own folder is left out, so recording P12 itself does not
 * count.
 */
public record RunScope(long files, long fileBytes, String filesDigest, long objects, long objectBytes,
                       String objectsDigest, String logEndsDigest) {
  public static final String BUCKET = "fraud-platform";
  private static final String SUPERVISOR_DIR = "supervisor";

  /** Lists the run's folder, object-store prefix and log ends now. */
  public static Future<RunScope> measure(RunContext run) {
    String runId = run.runId();
    Future<String[]> folder = run.vertx().executeBlocking(() -> listFolder(run.runRoot()));
    Future<List<ObjectMeta>> objects = run.substrate().objectStore().list(BUCKET, runId + "/");
    Future<LogEndOffsets> ends = LogEndOffsets.measure(run.substrate().eventLog(), Topics.ALL, runId, run.clock());
    return Future.all(folder, objects, ends).map(all -> {
      String[] f = folder.result();
      List<ObjectMeta> objs = new ArrayList<>(objects.result());
      objs.sort(Comparator.comparing(ObjectMeta::key));
      StringBuilder listing = new StringBuilder();
      long bytes = 0;
      for (ObjectMeta o : objs) {
        listing.append(o.key()).append(' ').append(o.size()).append(' ').append(o.etag()).append('\n');
        bytes += o.size();
      }
      return new RunScope(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], objs.size(), bytes,
          Hashing.sha256Hex(listing.toString()), Hashing.sha256Hex(ends.result().summary()));
    });
  }

  /** {count, bytes, digest} of the run folder's files outside {@code supervisor/}; blocking. */
  private static String[] listFolder(Path root) {
    if (!Files.isDirectory(root)) {
      return new String[] {"0", "0", Hashing.sha256Hex("")};
    }
    try {
      // a file that vanishes while listed is skipped: the digest then differs from a listing that had it
      List<Path> files = FileTrees.regularFiles(root, Integer.MAX_VALUE, p -> !root.relativize(p)
          .startsWith(SUPERVISOR_DIR));
      StringBuilder listing = new StringBuilder();
      long bytes = 0;
      for (Path p : files) {
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
          continue;
        }
        listing.append(root.relativize(p)).append(' ').append(a.size()).append(' ')
            .append(a.lastModifiedTime().toMillis()).append('\n');
        bytes += a.size();
      }
      return new String[] {String.valueOf(files.size()), String.valueOf(bytes), Hashing.sha256Hex(listing.toString())};
    } catch (IOException e) {
      throw new UncheckedIOException("listing run folder " + root, e);
    }
  }

  /** The fingerprint as it is written into P12's evidence. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", files);
    m.put("file_bytes", fileBytes);
    m.put("files_digest", filesDigest);
    m.put("objects", objects);
    m.put("object_bytes", objectBytes);
    m.put("objects_digest", objectsDigest);
    m.put("log_ends_digest", logEndsDigest);
    return m;
  }

  /** Reads a fingerprint back from {@link #toMap()}. */
  public static RunScope fromMap(Map<String, Object> m) {
    return new RunScope(((Number) m.get("files")).longValue(), ((Number) m.get("file_bytes")).longValue(),
        (String) m.get("files_digest"), ((Number) m.get("objects")).longValue(),
        ((Number) m.get("object_bytes")).longValue(), (String) m.get("objects_digest"),
        (String) m.get("log_ends_digest"));
  }

  /** {@code 412 files (1.2 MB), 30 objects (80 kB), log ends 3f2a…}: for gate checks. */
  public String summary() {
    return files + " files (" + fileBytes + " B, " + filesDigest.substring(0, 12) + "), " + objects + " objects ("
        + objectBytes + " B, " + objectsDigest.substring(0, 12) + "), log ends " + logEndsDigest.substring(0, 12);
  }
}
