package dev.fp.obsgov.report.core;

import dev.fp.contract.Hashing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockIdsTest {
  @Test
  void shouldTakeTheFirstEightBytesOfTheKeysSha256AsASignedBigEndianLong() {
    String key = LockIds.reporterKey("platform_20260101T000000Z");
    assertThat(key).isEqualTo("reporter:platform_20260101T000000Z");
    String hex = Hashing.sha256Hex(key).substring(0, 16);
    assertThat(LockIds.advisoryLockId(key)).isEqualTo(Long.parseUnsignedLong(hex, 16));
  }
}
