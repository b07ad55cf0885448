package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformRunIdsTest {
  private static final Instant NOW = Instant.parse("2026-02-10T09:19:51.734Z");
  private final PlatformRunIds ids = new PlatformRunIds(Clock.fixed(NOW, ZoneOffset.UTC));

  @TempDir
  Path runs;

  @Test
  void shouldMintFromTheInjectedClockInUtcSeconds() {
    assertThat(ids.mint()).isEqualTo("platform_20260210T091951Z");
    assertThat(PlatformRunIds.isValid(ids.mint())).isTrue();
  }

  @Test
  void shouldValidateTheRunIdPattern() {
    assertThat(PlatformRunIds.isValid("platform_20260101T000000Z")).isTrue();
    assertThat(PlatformRunIds.isValid("platform_20260101T000000")).isFalse();
    assertThat(PlatformRunIds.isValid("platform_20260101t000000Z")).isFalse();
    assertThat(PlatformRunIds.isValid(null)).isFalse();
  }

  @Test
  void shouldPreferNonBlankEnvOverride() throws Exception {
    PlatformRunIds.pin(runs, "platform_20260101T000000Z");

    assertThat(ids.resolve(runs, Map.of("PLATFORM_RUN_ID", " platform_20260202T020202Z ")))
        .contains("platform_20260202T020202Z");
    assertThat(ids.resolve(runs, Map.of("PLATFORM_RUN_ID", "  "))).contains("platform_20260101T000000Z");
  }

  @Test
  void shouldReadTheTrimmedFirstLineOfActiveRunId() throws Exception {
    Path file = PlatformRunIds.activeRunFile(runs);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "  platform_20260101T000000Z  \nignored\n");

    assertThat(ids.resolve(runs, Map.of())).contains("platform_20260101T000000Z");
  }

  @Test
  void shouldResolveToNothingWhenNeitherEnvNorFileIsSet() throws Exception {
    assertThat(ids.resolve(runs, Map.of())).isEmpty();
    Files.createDirectories(PlatformRunIds.activeRunFile(runs).getParent());
    Files.writeString(PlatformRunIds.activeRunFile(runs), "\n");
    assertThat(ids.resolve(runs, Map.of())).isEmpty();
  }

  @Test
  void shouldMintAndWriteWhenCreationIsAllowed() throws Exception {
    String id = ids.resolveOrCreate(runs, Map.of());

    assertThat(id).isEqualTo("platform_20260210T091951Z");
    assertThat(Files.readString(runs.resolve("fraud-platform/ACTIVE_RUN_ID"))).isEqualTo(id + "\n");
    assertThat(ids.resolveOrCreate(runs, Map.of())).isEqualTo(id);
  }

  @Test
  void shouldFailClearlyOnABadIdInTheFile() throws Exception {
    Path file = PlatformRunIds.activeRunFile(runs);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "run-42\n");

    assertThatThrownBy(() -> ids.resolve(runs, Map.of())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("'run-42'").hasMessageContaining("platform_");
    assertThatThrownBy(() -> ids.resolveOrCreate(runs, Map.of())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldFailClearlyOnABadEnvOverride() {
    assertThatThrownBy(() -> ids.resolve(runs, Map.of("PLATFORM_RUN_ID", "7e0847b8622533045c5b69bce61c88bd")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("env PLATFORM_RUN_ID");
  }

  @Test
  void shouldPinAtomicallyLeavingNoTempFile() throws Exception {
    PlatformRunIds.pin(runs, "platform_20260101T000000Z");
    PlatformRunIds.pin(runs, "platform_20260102T000000Z");

    Path dir = runs.resolve("fraud-platform");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ACTIVE_RUN_ID");
    }
    assertThat(Files.readAllBytes(dir.resolve("ACTIVE_RUN_ID")))
        .isEqualTo("platform_20260102T000000Z\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void shouldRefuseToPinAnInvalidId() {
    assertThatThrownBy(() -> PlatformRunIds.pin(runs, "platform_now")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.exists(PlatformRunIds.activeRunFile(runs))).isFalse();
  }

  @Test
  void shouldNeverMintTheActiveIdAgainWithinTheSameSecond() {
    String first = ids.startNew(runs);
    String second = ids.startNew(runs);
    String third = ids.startNew(runs);

    assertThat(first).isEqualTo("platform_20260210T091951Z");
    assertThat(second).isEqualTo("platform_20260210T091952Z");
    assertThat(third).isEqualTo("platform_20260210T091953Z");
    assertThat(ids.resolve(runs, Map.of())).contains(third);
  }

  @Test
  void shouldMintFromTheClockOnceItHasPassedTheActiveId() {
    PlatformRunIds.pin(runs, "platform_20260101T000000Z");

    assertThat(ids.startNew(runs)).isEqualTo("platform_20260210T091951Z");
    assertThat(ids.mintAfter("platform_20260301T000000Z")).isEqualTo("platform_20260301T000001Z");
  }

  @Test
  void shouldParseTheInstantARunIdNames() {
    assertThat(PlatformRunIds.parse("platform_20260210T091951Z")).isEqualTo(Instant.parse("2026-02-10T09:19:51Z"));
    assertThatThrownBy(() -> PlatformRunIds.parse("x")).isInstanceOf(IllegalArgumentException.class);
  }
}
