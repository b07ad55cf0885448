package dev.fp.oracle;

import dev.fp.contract.PackManifest;
import dev.fp.oraclestore.OracleRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sync (control_ingress §2.2): copies the files of a local engine run root to the target root (normally
 * {@code s3://oracle-store/...}), like {@code aws s3 sync}: a file whose target object exists with the same size is
 * skipped, so re-runs copy nothing. A local {@code stream_view/} and pack manifest/seal are not copied: they are
 * bound to the root they were made at (the stream view id includes the engine root string), so copies would only
 * conflict at the target. Blocking.
 */
public final class SyncJob {
  private static final Logger LOG = LoggerFactory.getLogger(SyncJob.class);

  /** Files copied and skipped, and bytes copied. */
  public record Result(String source, String target, int copied, int skipped, long bytes) {
  }

  public Result run(Path source, OracleRoot target) {
    if (!Files.isDirectory(source)) {
      throw new IllegalArgumentException("--source " + source + " is not a folder");
    }
    target.ensureExists();
    int copied = 0;
    int skipped = 0;
    long bytes = 0;
    for (Path file : files(source)) {
      String key = source.relativize(file).toString().replace('\\', '/');
      if (boundToSourceRoot(key)) {
        continue;
      }
      long size = size(file);
      if (target.exists(key) && target.size(key) == size) {
        skipped++;
        continue;
      }
      target.upload(key, file);
      copied++;
      bytes += size;
    }
    LOG.info("oracle sync {} -> {}: {} copied ({} bytes), {} unchanged", source, target.uri(), copied, bytes, skipped);
    return new Result(source.toString(), target.uri(), copied, skipped, bytes);
  }

  static boolean boundToSourceRoot(String key) {
    return key.startsWith("stream_view/") || key.equals(PackManifest.MANIFEST) || key.equals(PackManifest.SEAL)
        || key.equals(PackManifest.SEAL_FLAG);
  }

  private static List<Path> files(Path source) {
    try (Stream<Path> s = Files.walk(source)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("oracle sync: cannot list " + source, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("oracle sync: cannot stat " + file, e);
    }
  }
}
