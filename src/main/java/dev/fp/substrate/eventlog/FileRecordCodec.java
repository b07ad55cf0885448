package dev.fp.substrate.eventlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One line of a file partition: {@code {"partition_key":…,"payload":…,"published_at_utc":…}\n}.
 *
 * <p>{@code payload} holds the record data verbatim when the data is one JSON object or array written on one line
 * with no surrounding whitespace (every envelope is), so operators can query it with {@code jq .payload}; any other
 * data is stored as a JSON string. Reading returns the data byte for byte as published: an object or array payload
 * is the raw text of that value, a string payload is the decoded string.
 */
final class FileRecordCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private FileRecordCodec() {
  }

  static byte[] encode(OutRecord r, String publishedAtUtc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(r.data().length() + r.partitionKey().length() + 96);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("partition_key", r.partitionKey());
      g.writeFieldName("payload");
      if (isInlineJson(r.data())) {
        g.writeRawValue(r.data());
      } else {
        g.writeString(r.data());
      }
      g.writeStringField("published_at_utc", publishedAtUtc);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("encode record with partition key " + r.partitionKey(), e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** Decodes the line {@code buf[off, off+len)} (without its newline) at 0-based {@code line}. */
  static LogRecord decode(byte[] buf, int off, int len, String topic, int partition, long line) {
    String key = null;
    String data = null;
    String publishedAt = null;
    try (JsonParser p = JSON.createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new CorruptLogException(topic, partition, line, "not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "partition_key" -> key = p.getValueAsString();
          case "published_at_utc" -> publishedAt = p.getValueAsString();
          case "payload" -> {
            if (value != JsonToken.VALUE_STRING && value != JsonToken.START_OBJECT && value != JsonToken.START_ARRAY) {
              throw new CorruptLogException(topic, partition, line, "payload is neither an object, an array nor a string");
            }
            data = payload(p, value, buf, off);
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new CorruptLogException(topic, partition, line, "text after the record object");
      }
    } catch (JsonProcessingException e) {
      throw new CorruptLogException(topic, partition, line, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CorruptLogException(topic, partition, line, "unreadable: " + e.getMessage());
    }
    if (key == null || data == null || publishedAt == null) {
      throw new CorruptLogException(topic, partition, line, "missing partition_key, payload or published_at_utc");
    }
    return new LogRecord(topic, partition, Long.toString(line), key, data, publishedAt);
  }

  private static String payload(JsonParser p, JsonToken value, byte[] buf, int off) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    int start = off + (int) p.currentTokenLocation().getByteOffset();
    p.skipChildren();
    int end = off + (int) p.currentLocation().getByteOffset();
    return new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

  private static boolean isInlineJson(String data) {
    if (data.isEmpty() || data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
      return false;
    }
    char first = data.charAt(0);
    char last = data.charAt(data.length() - 1);
    if (!(first == '{' && last == '}') && !(first == '[' && last == ']')) {
      return false;
    }
    try (JsonParser p = JSON.createParser(data)) {
      p.nextToken();
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
