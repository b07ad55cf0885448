package dev.fp.substrate.objectstore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The file system adapter's tree: object {@code <root>/<bucket>/<key>} (key segments are directories), names starting
 * with {@code .fp-} reserved for temp and lock files and skipped by listings. Blocking: worker threads only.
 */
final class FsLayout {
  private final Path root;

  FsLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path bucketDir(String bucket) {
    return root.resolve(bucket);
  }

  /** The object's path; the key must have passed {@link ObjectKeys#checkKey}, so it stays inside the bucket. */
  Path object(String bucket, String key) {
    return bucketDir(bucket).resolve(key);
  }

  /** Keys (not reserved names) under {@code prefix}, sorted in UTF-8 byte order like S3. */
  List<String> keys(String bucket, String prefix) throws IOException {
    Path bucketDir = bucketDir(bucket);
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? bucketDir : bucketDir.resolve(prefix.substring(0, slash));
    List<String> keys = new ArrayList<>();
    walkFiles(start, file -> {
      if (!file.getFileName().toString().startsWith(ObjectKeys.RESERVED_PREFIX)) {
        String key = keyOf(bucketDir, file);
        if (key.startsWith(prefix)) {
          keys.add(key);
        }
      }
    });
    keys.sort(ObjectKeys.UTF8_ORDER);
    return keys;
  }

  /** Creates the missing directories between the bucket directory and {@code dir}, making each new entry durable. */
  void ensureDirs(Path bucketDir, Path dir) throws IOException {
    if (dir.equals(bucketDir) || Files.isDirectory(dir)) {
      return;
    }
    ensureDirs(bucketDir, dir.getParent());
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (Files.isDirectory(dir)) {
        return;
      }
      throw new FileAlreadyExistsException(dir.toString(), null, "an object occupies this key prefix");
    }
    LocalFiles.fsyncDir(dir.getParent());
  }

  /** Deletes temp files left by processes that no longer run (a crash mid-write); returns how many. */
  int sweepAbandonedTemps() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int[] removed = {0};
    DirectoryStream.Filter<Path> bucketDirs = p -> !p.getFileName().toString().startsWith(".");
    try (DirectoryStream<Path> buckets = Files.newDirectoryStream(root, bucketDirs)) {
      for (Path bucketDir : buckets) {
        walkFiles(bucketDir, file -> {
          if (LocalFiles.isTemp(file) && !ownerAlive(file)) {
            LocalFiles.deleteQuietly(file);
            removed[0]++;
          }
        });
      }
    }
    return removed[0];
  }

  private static boolean ownerAlive(Path temp) {
    return LocalFiles.tempOwner(temp).stream()
        .anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  private static String keyOf(Path bucketDir, Path file) {
    StringBuilder key = new StringBuilder();
    for (Path part : bucketDir.relativize(file)) {
      key.append(key.length() == 0 ? "" : "/").append(part);
    }
    return key.toString();
  }

  /** Visits regular files; entries removed while walking (concurrent deletes) are skipped, not errors. */
  private static void walkFiles(Path start, Consumer<Path> onFile) throws IOException {
    if (!Files.isDirectory(start)) {
      return;
    }
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          onFile.accept(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
  }
}
