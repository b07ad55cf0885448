package dev.fp.platform;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Folder trees: deleting one (spill, staging and bench folders), and listing the files of a tree that writers are
 * changing while it is read. Substrate adapters keep their own.
 */
public final class FileTrees {
  private FileTrees() {
  }

  /** Deletes {@code dir} and its content, deepest first; nothing when it does not exist. */
  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }

  /**
   * The regular files under {@code root} (at most {@code maxDepth} levels down) that {@code keep} accepts, sorted.
   * Unlike {@code Files.walk}/{@code find}, an entry that vanishes between listing and reading its attributes is
   * skipped: live folders hold short-lived temp files that writers rename into place, and a walk that met one
   * failed the whole read (an operator's {@code GET /v1/ops/runs/{id}} answered 500 mid-run). Empty when
   * {@code root} does not exist.
   */
  public static List<Path> regularFiles(Path root, int maxDepth, Predicate<Path> keep) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), maxDepth, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && keep.test(file)) {
          out.add(file);
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

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
