package dev.fp.ingress.ig;

import dev.fp.platform.config.PlatformConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file named in the config (policies, key file): from the profile's folder, else (when the profile itself
 * came bundled in the jar) the copy bundled under {@code /conf/}. Blocking: call from a worker.
 */
final class ConfFiles {
  private ConfFiles() {
  }

  /** The file's text and where it came from (a path, or {@code bundled:/conf/…}). */
  record Text(String source, String text) {
  }

  static Text read(PlatformConfig platform, String name) {
    Path file = platform.confFile(name);
    if (Files.isRegularFile(file)) {
      try {
        return new Text(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("read " + file + ": " + e.getMessage(), e);
      }
    }
    if (platform.confDir() == null) {
      String resource = "/conf/" + name;
      String text = resource(resource);
      if (text != null) {
        return new Text("bundled:" + resource, text);
      }
    }
    throw new UncheckedIOException("read " + file + ": no such file", new IOException("missing " + file));
  }

  /** A classpath resource as text, or null when absent. */
  static String resource(String name) {
    try (InputStream in = ConfFiles.class.getResourceAsStream(name.startsWith("/") ? name : "/" + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("read resource " + name + ": " + e.getMessage(), e);
    }
  }
}
