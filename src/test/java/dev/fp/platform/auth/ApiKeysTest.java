package dev.fp.platform.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {
  @TempDir
  Path dir;

  @Test
  void shouldGiveAPlainKeyEveryClassAndTheReferencePrincipal() {
    ApiKeys keys = ApiKeys.parse("t", List.of("# comment", "", "  local-parity-wsp  "));
    ApiPrincipal p = keys.authenticate("local-parity-wsp").orElseThrow();
    assertThat(p.principal()).isEqualTo("SYSTEM::local-parity-wsp");
    assertThat(p.mayProduce("traffic_fraud")).isTrue();
    assertThat(p.mayProduce("anything")).isTrue();
    assertThat(p.roles()).isEmpty();
    assertThat(p.sourceType()).isEqualTo("SYSTEM");
  }

  @Test
  void shouldReadPrincipalClassesAndRoles() {
    ApiKeys keys = ApiKeys.parse("t", List.of(
        "k-df principal=SYSTEM::decision_fabric classes=rtdl_decision,rtdl_action_intent",
        "k-op principal=HUMAN::operator classes=* roles=operator"));
    ApiPrincipal df = keys.authenticate("k-df").orElseThrow();
    assertThat(df.principal()).isEqualTo("SYSTEM::decision_fabric");
    assertThat(df.mayProduce("rtdl_decision")).isTrue();
    assertThat(df.mayProduce("traffic_fraud")).isFalse();
    assertThat(df.hasRole(ApiPrincipal.OPERATOR)).isFalse();
    ApiPrincipal op = keys.authenticate("k-op").orElseThrow();
    assertThat(op.hasRole(ApiPrincipal.OPERATOR)).isTrue();
    assertThat(op.mayProduce("audit")).isTrue();
    assertThat(op.sourceType()).isEqualTo("HUMAN");
    assertThat(keys.principalNamed("SYSTEM::decision_fabric")).contains(df);
  }

  @Test
  void shouldRejectMissingAndUnknownKeys() {
    ApiKeys keys = ApiKeys.parse("t", List.of("secret-1"));
    assertThat(keys.authenticate(null)).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();
    assertThat(keys.authenticate("secret-2")).isEmpty();
    assertThat(keys.authenticate("secret-1 ")).isEmpty();
  }

  @Test
  void shouldNameTheLineButNeverTheKeyInErrors() {
    assertThatThrownBy(() -> ApiKeys.parse("keys.txt", List.of("top-secret colour=blue")))
        .isInstanceOf(ApiKeysException.class)
        .hasMessageContaining("keys.txt line 1").hasMessageContaining("colour")
        .hasMessageNotContaining("top-secret");
    assertThatThrownBy(() -> ApiKeys.parse("keys.txt", List.of("a", "top-secret", "top-secret")))
        .hasMessageContaining("line 3: duplicate key").hasMessageNotContaining("top-secret");
    assertThatThrownBy(() -> ApiKeys.parse("keys.txt", List.of("top-secret classes=*,audit")))
        .hasMessageContaining("line 1");
  }

  @Test
  void shouldLoadTheShippedKeyFile() throws Exception {
    Path file = dir.resolve("keys.txt");
    Files.copy(Path.of("conf/ig_api_keys.txt"), file);
    ApiKeys keys = ApiKeys.load(file);
    assertThat(keys.size()).isEqualTo(5);
    assertThat(keys.authenticate("local-parity-wsp").orElseThrow().mayProduce("context_arrival")).isTrue();
    assertThat(keys.authenticate("local-parity-wsp").orElseThrow().mayProduce("rtdl_decision")).isFalse();
    assertThat(keys.authenticate("local-parity-operator").orElseThrow().hasRole("operator")).isTrue();
  }

  @Test
  void shouldFailLoadingAMissingFileWithItsPath() {
    assertThatThrownBy(() -> ApiKeys.load(dir.resolve("nope.txt"))).isInstanceOf(ApiKeysException.class)
        .hasMessageContaining("nope.txt");
  }
}
