package dev.fp.platform.config;

import dev.fp.config.ConfigException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The API key file's life cycle: {@code fp keys init} writes one with a random key for every principal the platform
 * needs, readable by its owner only; an embedded {@code fp run}/{@code fp up} that finds none creates one the same
 * way; any other profile stops and says how to make one. The published development keys ({@code conf/ig_api_keys.txt},
 * for tests and loopback use) are refused on a non-loopback address. Blocking file I/O: call at start-up.
 */
public final class KeyFiles {
  /** The development keys of {@code conf/ig_api_keys.txt}: public, so never served beyond loopback. */
  public static final Set<String> DEVELOPMENT_KEYS = Set.of("local-parity-wsp", "local-parity-df", "local-parity-al",
      "local-parity-case-trigger", "local-parity-operator");

  /** Every principal of the platform: the short name in its key, then its key-file attributes. */
  static final List<String[]> PRINCIPALS = List.of(
      new String[] {"wsp", "principal=SYSTEM::world_stream_producer classes=traffic_fraud,traffic_baseline,"
          + "context_arrival,context_arrival_entities,context_flow_fraud,context_flow_baseline"},
      new String[] {"df", "principal=SYSTEM::decision_fabric classes=rtdl_decision,rtdl_action_intent"},
      new String[] {"al", "principal=SYSTEM::action_layer classes=rtdl_action_outcome"},
      new String[] {"case-trigger", "principal=SYSTEM::case_trigger classes=case_trigger"},
      new String[] {"operator", "principal=HUMAN::operator classes=* roles=operator"});
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFiles() {
  }

  /**
   * Writes a new key file at {@code file} (parents created, mode 0600 where the file system has POSIX modes).
   * Refuses to replace an existing file ({@link FileAlreadyExistsException}).
   */
  public static void init(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
    try {
      ownerOnly(tmp);
      Files.writeString(tmp, render(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(tmp, file); // no REPLACE_EXISTING: fails when the file exists, never overwrites someone's keys
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String render() {
    StringBuilder out = new StringBuilder("# IG API keys written by `fp keys init`: one key a line (see conf/ig_api_keys.txt "
        + "for the format). Keep this file private.\n");
    for (String[] p : PRINCIPALS) {
      byte[] secret = new byte[24];
      RANDOM.nextBytes(secret);
      out.append("fp-").append(p[0]).append('-').append(HexFormat.of().formatHex(secret)).append(' ').append(p[1])
          .append('\n');
    }
    return out.toString();
  }

  /**
   * Makes sure the configured key file exists before the platform serves: on the embedded profile a missing file is
   * created (and said so on {@code err}); elsewhere a {@link ConfigException} says how to create one. Then refuses
   * the development keys on a non-loopback address. Returns the configuration with the file's client keys.
   */
  public static PlatformConfig prepare(PlatformConfig cfg, java.io.PrintStream err) {
    Path file = cfg.apiKeysPath();
    if (!Files.isRegularFile(file)) {
      if (!"embedded".equals(cfg.profile())) {
        throw new ConfigException("security.api_keys_file", "no key file at " + file + ": write one with "
            + "`fp keys init --file " + file + "` (or point FP_API_KEYS_FILE at yours)");
      }
      try {
        init(file);
      } catch (FileAlreadyExistsException raced) {
        // another process created it meanwhile: use theirs
      } catch (IOException e) {
        throw new ConfigException("security.api_keys_file", "cannot create " + file + ": " + e.getMessage());
      }
      err.println("fp: no API key file: created " + file + " with a random key per principal (`fp keys init`)");
      cfg = cfg.withClientKeysOf(file);
    }
    refuseDevelopmentKeysBeyondLoopback(cfg, file);
    return cfg;
  }

  /** Exit 5 rather than serve the published development keys on an address others can reach. */
  static void refuseDevelopmentKeysBeyondLoopback(PlatformConfig cfg, Path file) {
    String host = cfg.http().host();
    if (isLoopback(host) || !holdsDevelopmentKeys(file)) {
      return;
    }
    throw new ConfigException("security.api_keys_file", file + " holds the published development keys "
        + "(local-parity-*): refusing to serve them on " + host + "; write your own with `fp keys init --file F` "
        + "and set FP_API_KEYS_FILE=F, or bind http.host to 127.0.0.1");
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean holdsDevelopmentKeys(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+")[0])
          .anyMatch(DEVELOPMENT_KEYS::contains);
    } catch (IOException e) {
      throw new ConfigException("security.api_keys_file", "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // e.g. Windows: the folder's ACL applies
    }
  }
}
