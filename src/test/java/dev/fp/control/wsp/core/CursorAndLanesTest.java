package dev.fp.control.wsp.core;

import dev.fp.contract.Envelope;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CursorAndLanesTest {
  static StreamEvent event(String part, long row) {
    Envelope e = new Envelope("id", "t", "2026-01-01T00:00:00.000000Z", "a".repeat(64), null, BigInteger.ONE, null,
        null, null, null, null, null, null, null, null, null, null);
    return new StreamEvent(part, row, 0, e, "{}");
  }

  @Test
  void shouldResumeStrictlyAfterTheLastAcknowledgedRow() {
    Cursor c = Cursor.START.advance(event("part-000001.parquet", 4), 5);

    assertThat(c.emitted()).isEqualTo(5);
    assertThat(c.covers("part-000000.parquet", 999)).isTrue();
    assertThat(c.covers("part-000001.parquet", 4)).isTrue();
    assertThat(c.covers("part-000001.parquet", 5)).isFalse();
    assertThat(c.covers("part-000002.parquet", 0)).isFalse();
    assertThat(Cursor.START.covers("part-000000.parquet", 0)).isFalse();
  }

  @Test
  void shouldSplitEventsAcrossLanesDisjointly() {
    Lanes a = new Lanes(2, 0);
    Lanes b = new Lanes(2, 1);
    int inA = 0;
    for (int i = 0; i < 200; i++) {
      String id = Integer.toHexString(i * 7919);
      assertThat(a.accepts(id)).isNotEqualTo(b.accepts(id));
      inA += a.accepts(id) ? 1 : 0;
    }
    assertThat(inA).isBetween(60, 140);
    assertThat(Lanes.SINGLE.accepts("anything")).isTrue();
  }

  @Test
  void shouldScopeCheckpointsByRunLaneAndAttempt() {
    String base = CheckpointScope.key("pk", "platform_20260210T091951Z", "s", Lanes.SINGLE, "");

    // sha256("pk|platform_20260210T091951Z|s|1|0|"), computed once with Python 3's hashlib
    assertThat(base).isEqualTo("22609e3c45ddb8a464f33cae25e379c3c9966c1649018f601bc386d8696372c4");
    assertThat(CheckpointScope.key("pk", "platform_20260210T091952Z", "s", Lanes.SINGLE, "")).isNotEqualTo(base);
    assertThat(CheckpointScope.key("pk", "platform_20260210T091951Z", "s", Lanes.SINGLE, "2")).isNotEqualTo(base);
  }
}
