package dev.fp.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fp.Main;
import dev.fp.config.ConfigException;
import dev.fp.platform.auth.ApiKeys;
import dev.fp.testing.ConfDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: `fp keys init`, creation on an embedded start, and the development keys kept on loopback. */
class KeyFilesTest {
  @TempDir
  Path dir;

  @Test
  void shouldWriteARandomKeyForEveryPrincipalReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("keys/ig_api_keys.txt");
    KeyFiles.init(file);

    List<String> lines = Files.readAllLines(file);
    ApiKeys keys = ApiKeys.parse(file.toString(), lines);
    assertThat(keys.size()).isEqualTo(5);
    Map<String, String> byPrincipal = ApiKeys.keysByPrincipal(file.toString(), lines);
    assertThat(byPrincipal).containsOnlyKeys("SYSTEM::world_stream_producer", "SYSTEM::decision_fabric",
        "SYSTEM::action_layer", "SYSTEM::case_trigger", "HUMAN::operator");
    assertThat(byPrincipal.get("HUMAN::operator")).matches("fp-operator-[0-9a-f]{48}");
    assertThat(keys.authenticate(byPrincipal.get("HUMAN::operator")).orElseThrow().roles()).contains("operator");
    assertThat(byPrincipal.values()).doesNotContainAnyElementsOf(KeyFiles.DEVELOPMENT_KEYS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void shouldNeverOverwriteAnExistingKeyFile() throws Exception {
    Path file = dir.resolve("ig_api_keys.txt");
    KeyFiles.init(file);
    String first = Files.readString(file);

    assertThatThrownBy(() -> KeyFiles.init(file)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo(first);
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void shouldCreateTheKeyFileOnAnEmbeddedStartAndHandItsKeysToTheClients() throws Exception {
    PlatformConfig cfg = profile("embedded", "127.0.0.1");
    Files.delete(cfg.apiKeysPath());
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    PlatformConfig prepared = KeyFiles.prepare(cfg, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("created " + cfg.apiKeysPath());
    String wspKey = prepared.clientKey(null, "SYSTEM::world_stream_producer", "components.wsp.api_key");
    assertThat(ApiKeys.load(cfg.apiKeysPath()).authenticate(wspKey)).isPresent();
    assertThat(prepared.clientKey("configured", "SYSTEM::world_stream_producer", "k")).isEqualTo("configured");
  }

  @Test
  void shouldSayHowToMakeAKeyFileOffTheEmbeddedProfile() throws Exception {
    PlatformConfig cfg = profile("t", "127.0.0.1");
    Files.delete(cfg.apiKeysPath());

    assertThatThrownBy(() -> KeyFiles.prepare(cfg, System.err)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("no key file at " + cfg.apiKeysPath())
        .hasMessageContaining("fp keys init --file " + cfg.apiKeysPath());
  }

  @Test
  void shouldRefuseTheDevelopmentKeysOnANonLoopbackAddressOnly() throws Exception {
    assertThatThrownBy(() -> KeyFiles.prepare(profile("t", "0.0.0.0"), System.err))
        .isInstanceOf(ConfigException.class).hasMessageContaining("published development keys")
        .hasMessageContaining("refusing to serve them on 0.0.0.0");
    assertThat(KeyFiles.prepare(profile("t", "127.0.0.1"), System.err).http().host()).isEqualTo("127.0.0.1");

    PlatformConfig own = profile("t", "0.0.0.0");
    Files.delete(own.apiKeysPath());
    KeyFiles.init(own.apiKeysPath());
    assertThat(KeyFiles.prepare(own, System.err).http().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void shouldExit5BeforeServingTheDevelopmentKeysBeyondLoopback() throws Exception {
    Path conf = ConfDirs.withProfile(dir.resolve("conf"), "t", "profile: t\nruns_root: " + dir.resolve("runs")
        + "\nhttp:\n  host: 0.0.0.0\n  port: 0\n");

    assertThat(Main.execute("up", "--serve", "--profile", "t", "--config-dir", conf.toString()))
        .isEqualTo(Main.EXIT_CONFIG);
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  private PlatformConfig profile(String name, String host) throws Exception {
    Path conf = ConfDirs.withProfile(dir.resolve("conf-" + name + "-" + host), name, "profile: " + name
        + "\nruns_root: " + dir.resolve("runs") + "\nhttp:\n  host: " + host + "\n  port: 0\n");
    return ConfigLoader.load(name, conf, Map.of());
  }
}
