package dev.fp.substrate.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A line reads back as published, whether the payload's extent is found by bracket matching or by the parser. */
class FileRecordCodecTest {
  private static final String AT = "2026-01-01T00:00:00.000000Z";

  @Test
  void shouldReadBackEveryPayloadShapeByteForByte() {
    List<String> data = List.of(
        "{\"a\":1}",
        "{\"s\":\"} ] { [\",\"q\":\"say \\\"}\\\" \\\\\",\"n\":[[],{},[{\"x\":null}]]}",
        "[1,2,{\"k\":\"v\"}]",
        "{\"published_at_utc\":\"2020-01-01T00:00:00.000000Z\"}",
        "{\"é\":\"ü\\u0000\"}",
        "not json at all",
        "{\"unbalanced\":1",
        " {\"leading\":\"space\"}");
    for (String d : data) {
      byte[] line = FileRecordCodec.encode(new OutRecord("key \"1\" é", d), AT);
      LogRecord r = FileRecordCodec.decode(line, 0, line.length - 1, "t", 0, 7);
      assertThat(r.data()).as(d).isEqualTo(d);
      assertThat(r.partitionKey()).isEqualTo("key \"1\" é");
      assertThat(r.publishedAtUtc()).isEqualTo(AT);
      assertThat(r.offset()).isEqualTo("7");
    }
  }

  @Test
  void shouldStoreDataAJsonGeneratorWroteInlineWithoutParsingItAndStillKeepEveryLineOneRecord() {
    String envelope = "{\"event_id\":\"e1\",\"payload\":{\"amount\":12.5,\"s\":\"a\\nb\"}}";
    String line = new String(FileRecordCodec.encode(OutRecord.json("k", envelope), AT), StandardCharsets.UTF_8);
    assertThat(line).isEqualTo("{\"partition_key\":\"k\",\"payload\":" + envelope + ",\"published_at_utc\":\""
        + AT + "\"}\n");
    // a producer that claims JSON but hands over a line break: stored as a string, the log stays one record per line
    String broken = "{\"a\":\n1}";
    byte[] bytes = FileRecordCodec.encode(OutRecord.json("k", broken), AT);
    assertThat(new String(bytes, StandardCharsets.UTF_8).indexOf('\n')).isEqualTo(bytes.length - 1);
    assertThat(FileRecordCodec.decode(bytes, 0, bytes.length - 1, "t", 0, 0).data()).isEqualTo(broken);
  }

  @Test
  void shouldReadALineInsideALargerBuffer() {
    byte[] line = FileRecordCodec.encode(new OutRecord("k", "{\"a\":[1]}"), AT);
    byte[] buf = new byte[line.length + 10];
    System.arraycopy(line, 0, buf, 5, line.length);
    Arrays.fill(buf, 0, 5, (byte) '}');

    assertThat(FileRecordCodec.decode(buf, 5, line.length - 1, "t", 0, 0).data()).isEqualTo("{\"a\":[1]}");
  }

  @Test
  void shouldRefuseALineWithTextAfterThePublishedTime() {
    String text = "{\"partition_key\":\"k\",\"payload\":{\"a\":1},\"published_at_utc\":\"" + AT + "\"}x";
    byte[] line = text.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FileRecordCodec.decode(line, 0, line.length, "t", 3, 9))
        .isInstanceOf(CorruptLogException.class).hasMessageContaining("line 9");
  }
}
