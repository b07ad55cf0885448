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
      if (r.jsonValue() ? isOneLineValue(r.data()) : isInlineJson(r.data())) {
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
    try {
      LogRecord fast = decodeAsWritten(buf, off, len, topic, partition, line);
      if (fast != null) {
        return fast;
      }
    } catch (IOException e) {
      // not shaped as written: the full read below says what is wrong
    }
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

  /**
   * The record of a line as {@link #encode} writes it, without tokenising the payload (every consumer parses it
   * again): after the partition key, the payload's extent is found by matching its brackets outside strings, and the
   * rest of the line must be exactly the {@code published_at_utc} field. Null when the line is shaped otherwise; the
   * caller then reads it with the full parser, which also names what is wrong with a corrupt line.
   */
  private static LogRecord decodeAsWritten(byte[] buf, int off, int len, String topic, int partition, long line)
      throws IOException {
    int end = off + len;
    String key;
    int start;
    try (JsonParser p = JSON.createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
          || !"partition_key".equals(p.currentName()) || p.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      key = p.getText();
      if (p.nextToken() != JsonToken.FIELD_NAME || !"payload".equals(p.currentName())) {
        return null;
      }
      JsonToken value = p.nextToken();
      if (value != JsonToken.START_OBJECT && value != JsonToken.START_ARRAY) {
        return null;
      }
      start = off + (int) p.currentTokenLocation().getByteOffset();
    }
    int payloadEnd = matchingClose(buf, start, end);
    if (payloadEnd < 0) {
      return null;
    }
    int at = payloadEnd;
    if (!startsWith(buf, at, end, PUBLISHED_FIELD)) {
      return null;
    }
    at += PUBLISHED_FIELD.length;
    int tsEnd = end - 2;
    if (tsEnd < at || buf[tsEnd] != '"' || buf[tsEnd + 1] != '}') {
      return null;
    }
    for (int i = at; i < tsEnd; i++) {
      if (buf[i] == '"' || buf[i] == '\\') {
        return null;
      }
    }
    return new LogRecord(topic, partition, Long.toString(line), key,
        new String(buf, start, payloadEnd - start, StandardCharsets.UTF_8),
        new String(buf, at, tsEnd - at, StandardCharsets.US_ASCII));
  }

  private static final byte[] PUBLISHED_FIELD = ",\"published_at_utc\":\"".getBytes(StandardCharsets.US_ASCII);

  /** The index after the bracket that closes the one at {@code from}, skipping strings; -1 when it is not closed. */
  private static int matchingClose(byte[] buf, int from, int end) {
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < end; i++) {
      byte b = buf[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if ((b == '}' || b == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] buf, int at, int end, byte[] prefix) {
    if (end - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Shaped as one object or array on one line: enough for data a JSON generator wrote ({@link OutRecord#json}). */
  private static boolean isOneLineValue(String data) {
    if (data.isEmpty() || data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
      return false;
    }
    char first = data.charAt(0);
    char last = data.charAt(data.length() - 1);
    return first == '{' && last == '}' || first == '[' && last == ']';
  }

  /** One line holding exactly one JSON object or array (parsed: the producer did not say it wrote JSON). */
  private static boolean isInlineJson(String data) {
    if (!isOneLineValue(data)) {
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
