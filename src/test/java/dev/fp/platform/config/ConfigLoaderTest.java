package dev.fp.platform.config;

import dev.fp.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void shouldLoadBundledEmbeddedProfileWithDefaults() {
    PlatformConfig cfg = ConfigLoader.load("embedded", null, Map.of("FP_RUNS_ROOT", "/tmp/fp-x"));
    assertThat(cfg.profile()).isEqualTo("embedded");
    assertThat(cfg.objectStore().kind()).isEqualTo("fs");
    assertThat(cfg.objectStore().fsRoot()).isEqualTo(Path.of("/tmp/fp-x/objects"));
    assertThat(cfg.eventLog().kind()).isEqualTo("file");
    assertThat(cfg.sql().kind()).isEqualTo("sqlite");
    assertThat(cfg.http().port()).isEqualTo(8081);
    assertThat(cfg.platformRoot()).isEqualTo(Path.of("/tmp/fp-x/fraud-platform"));
  }

  @Test
  void shouldLoadParityProfileFromEnv() {
    PlatformConfig cfg = ConfigLoader.load("local_parity", null,
        Map.of("OBJECT_STORE_ENDPOINT", "http://127.0.0.1:9090", "FP_PG_PORT", "5432"));
    assertThat(cfg.objectStore().s3().endpoint()).isEqualTo("http://127.0.0.1:9090");
    assertThat(cfg.eventLog().kinesis().http1()).isTrue();
    assertThat(cfg.eventLog().kinesis().cbor()).isFalse();
    assertThat(cfg.sql().postgres().port()).isEqualTo(5432);
  }

  @Test
  void shouldPickProfileFromCliThenEnvThenDefault() {
    assertThat(ConfigLoader.profileName("local_parity", Map.of("FP_PROFILE", "x"))).isEqualTo("local_parity");
    assertThat(ConfigLoader.profileName(null, Map.of("FP_PROFILE", "local_parity"))).isEqualTo("local_parity");
    assertThat(ConfigLoader.profileName(null, Map.of())).isEqualTo("embedded");
  }

  @Test
  void shouldNameBadIntegerKey() throws Exception {
    write("profile: t\nhttp:\n  port: abc\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("http.port: expected an integer, got \"abc\"");
  }

  @Test
  void shouldNameOutOfRangeKey() throws Exception {
    write("profile: t\nhttp:\n  port: 70000\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .hasMessage("http.port: must be between 0 and 65535, got 70000");
  }

  @Test
  void shouldRejectUnknownKeys() throws Exception {
    write("profile: t\nsubstrate:\n  objectstore:\n    knd: fs\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .hasMessageStartingWith("substrate.objectstore.knd: unknown key");
  }

  @Test
  void shouldRequireSectionForChosenAdapter() throws Exception {
    write("profile: t\nsubstrate:\n  eventlog:\n    kind: kinesis\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .hasMessage("substrate.eventlog.kinesis: required when kind=kinesis");
  }

  @Test
  void shouldRejectUnknownAdapterKind() throws Exception {
    write("profile: t\nsubstrate:\n  sql:\n    kind: mysql\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .hasMessage("substrate.sql.kind: must be one of [postgres, sqlite], got \"mysql\"");
  }

  @Test
  void shouldNameUnsetVariableWithoutDefault() throws Exception {
    write("profile: t\nsubstrate:\n  objectstore:\n    kind: s3\n    s3:\n      endpoint: ${S3_URL}\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .hasMessage("substrate.objectstore.s3.endpoint: environment variable S3_URL is not set and has no default");
  }

  @Test
  void shouldReportInvalidYamlWithLine() throws Exception {
    write("profile: t\nhttp: [\n");
    assertThatThrownBy(() -> ConfigLoader.load("t", dir, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
  }

  @Test
  void shouldRejectUnknownProfile() {
    assertThatThrownBy(() -> ConfigLoader.load("nope", dir, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("profile: no config file");
    assertThatThrownBy(() -> ConfigLoader.load("../etc", null, Map.of()))
        .hasMessageStartingWith("profile: bad profile name");
  }

  @Test
  void shouldResolveConfFilesAgainstProfileFolder() throws Exception {
    write("profile: t\nsecurity:\n  api_keys_file: keys.txt\n");
    PlatformConfig cfg = ConfigLoader.load("t", dir, Map.of());
    assertThat(cfg.confFile(cfg.apiKeysFile())).isEqualTo(dir.resolve("keys.txt"));
  }

  private void write(String yaml) throws Exception {
    Files.writeString(dir.resolve("t.yaml"), yaml);
  }
}
