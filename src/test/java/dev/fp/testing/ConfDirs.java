package dev.fp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A throw-away config folder for a test: the project's policies and key file, plus the test's own profile. */
public final class ConfDirs {
  private ConfDirs() {
  }

  /**
   * Copies {@code conf/} (policies in its folders, key file, and the repository's profiles, which environment
   * conformance compares at P11) into {@code dir} and writes {@code <profile>.yaml} there.
   */
  public static Path withProfile(Path dir, String profile, String yaml) throws IOException {
    Path src = Path.of("conf");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = dir.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.writeString(dir.resolve(profile + ".yaml"), yaml);
    return dir;
  }
}
