package dev.fp.platform.config;

import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.substrate.eventlog.EventLogConfig;
import dev.fp.substrate.objectstore.ObjectStoreConfig;
import dev.fp.substrate.sql.SqlConfig;
import dev.fp.substrate.state.StateSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The whole typed configuration of one profile ({@code conf/<profile>.yaml}), validated at load.
 *
 * @param runsRoot local root of every run artifact ({@code runs/})
 * @param confDir  folder the profile was read from (policy files are resolved against it), or null when the
 *                 profile came from the bundled defaults inside the jar
 * @param components the {@code components.<name>} sections; each component parses and validates its own section
 *                 (as a typed record with named defaults) when the packs are assembled at start-up
 */
public record PlatformConfig(String profile, Path runsRoot, Path confDir, ObjectStoreConfig objectStore,
                             EventLogConfig eventLog, SqlConfig sql, StateSettings state, HttpConfig http,
                             String apiKeysFile, int drainSeconds, ConfigNode components, ClientKeys clientKeys) {
  public static final int DEFAULT_DRAIN_SECONDS = 30;
  public static final String DEFAULT_API_KEYS_FILE = "ig_api_keys.txt";

  /**
   * {@code http}: the one HTTP server (IG, ops API, probes, metrics).
   *
   * @param headerReadTimeoutMs a connection must complete its request line and headers within this (slow-header
   *                            attacks); a kept-alive connection gets {@code idleTimeoutMs} more for its next request
   * @param bodyReadTimeoutMs   a request body must arrive within this once its headers did
   * @param idleTimeoutMs       a connection with no byte read or written for this long is closed; longer than IG's
   *                            {@code cycle_timeout_ms}, so a request waiting for its admission is never cut
   */
  public record HttpConfig(String host, int port, int headerReadTimeoutMs, int bodyReadTimeoutMs, int idleTimeoutMs) {
    public static final int DEFAULT_HEADER_READ_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_BODY_READ_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_IDLE_TIMEOUT_MS = 120_000;

    static HttpConfig from(ConfigNode n) {
      n.allowOnly(Set.of("host", "port", "header_read_timeout_ms", "body_read_timeout_ms", "idle_timeout_ms"));
      return new HttpConfig(n.optString("host", "127.0.0.1"), n.integer("port", 8081, 0, 65535),
          n.integer("header_read_timeout_ms", DEFAULT_HEADER_READ_TIMEOUT_MS, 100, 600_000),
          n.integer("body_read_timeout_ms", DEFAULT_BODY_READ_TIMEOUT_MS, 100, 3_600_000),
          n.integer("idle_timeout_ms", DEFAULT_IDLE_TIMEOUT_MS, 100, 3_600_000));
    }

    public HttpConfig withPort(int newPort) {
      return new HttpConfig(host, newPort, headerReadTimeoutMs, bodyReadTimeoutMs, idleTimeoutMs);
    }
  }

  static PlatformConfig from(ConfigNode root, Path confDir) {
    root.allowOnly(Set.of("profile", "runs_root", "substrate", "http", "security", "supervisor", "components"));
    String profile = root.string("profile");
    Path runsRoot = Path.of(root.optString("runs_root", "runs"));
    ConfigNode substrate = root.section("substrate");
    substrate.allowOnly(Set.of("objectstore", "eventlog", "sql", "state"));
    ConfigNode security = root.section("security");
    security.allowOnly(Set.of("api_keys_file", "auth_mode"));
    security.oneOf("auth_mode", "api_key", Set.of("api_key")); // the one mode: declared so conformance can compare it
    ConfigNode supervisor = root.section("supervisor");
    supervisor.allowOnly(Set.of("drain_seconds"));
    SqlConfig sql = SqlConfig.from(substrate.section("sql"), runsRoot);
    String apiKeysFile = apiKeysFile(security.optString("api_keys_file", DEFAULT_API_KEYS_FILE), runsRoot, confDir);
    return new PlatformConfig(profile, runsRoot, confDir,
        ObjectStoreConfig.from(substrate.section("objectstore"), runsRoot),
        EventLogConfig.from(substrate.section("eventlog"), runsRoot),
        sql, StateSettings.from(substrate.section("state"), runsRoot, sql),
        HttpConfig.from(root.section("http")),
        apiKeysFile,
        supervisor.integer("drain_seconds", DEFAULT_DRAIN_SECONDS, 1, 3600),
        root.section("components"), readClientKeys(Path.of(apiKeysFile).isAbsolute() || confDir == null
            ? Path.of(apiKeysFile) : confDir.resolve(apiKeysFile)));
  }

  /**
   * The key file: as configured against the profile's folder; for a profile bundled in the jar (no {@code conf/}
   * folder, e.g. {@code java -jar} from an empty folder) a relative name lives under the runs root, since no key
   * file ships in the jar ({@code fp keys init} writes one, an embedded {@code fp run}/{@code fp up} creates it).
   */
  private static String apiKeysFile(String name, Path runsRoot, Path confDir) {
    return confDir != null || Path.of(name).isAbsolute() ? name : runsRoot.resolve(name).toAbsolutePath().toString();
  }

  private static ClientKeys readClientKeys(Path file) {
    if (!Files.isRegularFile(file)) {
      return ClientKeys.NONE;
    }
    try {
      return new ClientKeys(ApiKeys.keysByPrincipal(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new ConfigException("security.api_keys_file", "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** This configuration with the keys of a key file written after it was loaded. */
  public PlatformConfig withClientKeysOf(Path keyFile) {
    return new PlatformConfig(profile, runsRoot, confDir, objectStore, eventLog, sql, state, http, apiKeysFile,
        drainSeconds, components, readClientKeys(keyFile));
  }

  /** The key file's path (see {@link #confFile}). */
  public Path apiKeysPath() {
    return confFile(apiKeysFile);
  }

  /** Where a profile declaring {@code security.api_keys_file: name} finds its key file when run like this one. */
  public Path keysFileOf(String name) {
    return confFile(apiKeysFile(name, runsRoot, confDir));
  }

  /**
   * The key one of this platform's own clients presents: {@code configured} when set, else the key file's key of
   * {@code principal}; a {@link ConfigException} on {@code configKey} when neither exists.
   */
  public String clientKey(String configured, String principal, String configKey) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return clientKeys.keyOf(principal).orElseThrow(() -> new ConfigException(configKey, "not set, and "
        + apiKeysPath() + " holds no key of " + principal + " (`fp keys init` writes one for every principal)"));
  }

  /** This configuration with the HTTP port the server actually bound (configured port 0 = ephemeral). */
  public PlatformConfig withHttpPort(int port) {
    return new PlatformConfig(profile, runsRoot, confDir, objectStore, eventLog, sql, state, http.withPort(port),
        apiKeysFile, drainSeconds, components, clientKeys);
  }

  /** Local run root of the fraud platform: {@code runs/fraud-platform}. */
  public Path platformRoot() {
    return runsRoot.resolve("fraud-platform");
  }

  /** Resolves a file named in the config (policies, key file) against the profile's folder. */
  public Path confFile(String name) {
    Path p = Path.of(name);
    return p.isAbsolute() || confDir == null ? p : confDir.resolve(p);
  }

  /**
   * Reads a file named in the config: from the profile's folder, or — when the profile itself came bundled in the
   * jar and the name is relative — the bundled copy ({@code /conf/<name>}). Blocking.
   */
  public java.util.List<String> readConfLines(String name) {
    Path p = confFile(name);
    try {
      if (confDir != null || p.isAbsolute()) {
        return java.nio.file.Files.readAllLines(p, java.nio.charset.StandardCharsets.UTF_8);
      }
      try (java.io.InputStream in = PlatformConfig.class.getResourceAsStream("/conf/" + name)) {
        if (in == null) {
          throw new ConfigException("conf", "no bundled file conf/" + name);
        }
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      }
    } catch (java.io.IOException e) {
      throw new ConfigException("conf", "cannot read " + p + ": " + e.getMessage());
    }
  }
}
