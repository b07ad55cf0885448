package dev.fp.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvTokensTest {
  private final EnvTokens env = new EnvTokens(Map.of("A", "alpha", "EMPTY", "", "B", "beta"));

  @Test
  void shouldSubstituteSetVariablesInsideStrings() {
    assertThat(env.resolve("k", "x-${A}-${B}")).isEqualTo("x-alpha-beta");
  }

  @Test
  void shouldUseDefaultWhenUnsetOrEmpty() {
    assertThat(env.resolve("k", "${NOPE:-d}")).isEqualTo("d");
    assertThat(env.resolve("k", "${EMPTY:-d}")).isEqualTo("d");
    assertThat(env.resolve("k", "${A:-d}")).isEqualTo("alpha");
  }

  @Test
  void shouldResolveNestedDefaults() {
    assertThat(env.resolve("k", "${NOPE:-${A:-x}}")).isEqualTo("alpha");
    assertThat(env.resolve("k", "${NOPE:-${NADA:-http://h:1}}/p")).isEqualTo("http://h:1/p");
    assertThat(env.resolve("k", "${NOPE:-}")).isEmpty();
  }

  @Test
  void shouldNameTheKeyWhenVariableHasNoValueAndNoDefault() {
    assertThatThrownBy(() -> env.resolve("substrate.sql.path", "${MISSING}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("substrate.sql.path: environment variable MISSING is not set and has no default");
  }

  @Test
  void shouldRejectUnterminatedToken() {
    assertThatThrownBy(() -> env.resolve("http.port", "${A"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("http.port: unterminated");
  }
}
