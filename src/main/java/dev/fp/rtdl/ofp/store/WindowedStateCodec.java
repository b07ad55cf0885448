package dev.fp.rtdl.ofp.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fp.substrate.state.StreamingJsonCodec;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link WindowedState} rows as the JSON databind wrote them ({@code {"m":{"<minute>":[count,cents]},"h":{…},
 * "last":µs,"d":{"<type>":{"<id>":minute}},"sat":[…]}}, empty maps and sets left out), by hand: OFP decodes and
 * re-encodes one such row per entity key and batch, and databind's per-entry work was a quarter of OFP's CPU.
 */
public final class WindowedStateCodec extends StreamingJsonCodec<WindowedState> {

  public WindowedStateCodec() {
    super("WindowedState");
  }

  @Override
  protected void write(JsonGenerator g, WindowedState s) throws IOException {
    g.writeStartObject();
    writeBuckets(g, "m", s.minutes);
    writeBuckets(g, "h", s.hours);
    g.writeNumberField("last", s.lastMicros);
    if (!s.distinct.isEmpty()) {
      g.writeObjectFieldStart("d");
      for (Map.Entry<String, TreeMap<String, Long>> type : s.distinct.entrySet()) {
        g.writeObjectFieldStart(type.getKey());
        for (Map.Entry<String, Long> id : type.getValue().entrySet()) {
          g.writeNumberField(id.getKey(), id.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    if (!s.saturated.isEmpty()) {
      g.writeArrayFieldStart("sat");
      for (String type : s.saturated) {
        g.writeString(type);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeBuckets(JsonGenerator g, String name, TreeMap<Long, long[]> buckets) throws IOException {
    if (buckets.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart(name);
    for (Map.Entry<Long, long[]> b : buckets.entrySet()) {
      g.writeFieldName(Long.toString(b.getKey()));
      g.writeArray(b.getValue(), 0, b.getValue().length);
    }
    g.writeEndObject();
  }

  @Override
  protected WindowedState read(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    WindowedState s = new WindowedState();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "m" -> readBuckets(p, s.minutes);
        case "h" -> readBuckets(p, s.hours);
        case "last" -> s.lastMicros = longValue(p);
        case "d" -> readDistinct(p, s.distinct);
        case "sat" -> readSaturated(p, s.saturated);
        default -> p.skipChildren();
      }
    }
    expect(p, JsonToken.END_OBJECT);
    return s;
  }

  private static void readBuckets(JsonParser p, TreeMap<Long, long[]> into) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      long bucket = Long.parseLong(p.currentName());
      p.nextToken();
      expect(p, JsonToken.START_ARRAY);
      long[] pair = new long[2];
      int n = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (n == pair.length) {
          pair = java.util.Arrays.copyOf(pair, n * 2);
        }
        pair[n++] = longValue(p);
      }
      into.put(bucket, n == pair.length ? pair : java.util.Arrays.copyOf(pair, n));
    }
  }

  private static void readDistinct(JsonParser p, TreeMap<String, TreeMap<String, Long>> into) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String type = p.currentName();
      p.nextToken();
      expect(p, JsonToken.START_OBJECT);
      TreeMap<String, Long> ids = new TreeMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String id = p.currentName();
        p.nextToken();
        ids.put(id, longValue(p));
      }
      into.put(type, ids);
    }
  }

  private static void readSaturated(JsonParser p, TreeSet<String> into) throws IOException {
    expect(p, JsonToken.START_ARRAY);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      expect(p, JsonToken.VALUE_STRING);
      into.add(p.getText());
    }
  }
}
