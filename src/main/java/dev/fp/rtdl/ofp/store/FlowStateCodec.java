package dev.fp.rtdl.ofp.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fp.substrate.state.StreamingJsonCodec;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link FlowState} rows as the JSON databind wrote them (null fields left out), by hand: OFP reads and rewrites the
 * flow's row for every traffic event and anchor.
 */
public final class FlowStateCodec extends StreamingJsonCodec<FlowState> {

  public FlowStateCodec() {
    super("FlowState");
  }

  @Override
  protected void write(JsonGenerator g, FlowState f) throws IOException {
    g.writeStartObject();
    if (f.anchor != null) {
      g.writeObjectFieldStart("anchor");
      for (Map.Entry<String, String> e : f.anchor.entrySet()) {
        g.writeFieldName(e.getKey());
        g.writeString(e.getValue());
      }
      g.writeEndObject();
    }
    if (f.anchorEventId != null) {
      g.writeStringField("anchor_event_id", f.anchorEventId);
    }
    g.writeNumberField("n", f.events);
    g.writeNumberField("cents", f.amountCents);
    g.writeNumberField("last", f.lastMicros);
    if (f.requestMicros != null) {
      g.writeNumberField("req", f.requestMicros);
    }
    g.writeNumberField("req_cents", f.requestCents);
    g.writeBooleanField("ent", f.entitiesApplied);
    g.writeEndObject();
  }

  @Override
  protected FlowState read(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    FlowState f = new FlowState();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "anchor" -> f.anchor = readAnchor(p);
        case "anchor_event_id" -> {
          expect(p, JsonToken.VALUE_STRING);
          f.anchorEventId = p.getText();
        }
        case "n" -> f.events = longValue(p);
        case "cents" -> f.amountCents = longValue(p);
        case "last" -> f.lastMicros = longValue(p);
        case "req" -> f.requestMicros = longValue(p);
        case "req_cents" -> f.requestCents = longValue(p);
        case "ent" -> f.entitiesApplied = p.getBooleanValue();
        default -> p.skipChildren();
      }
    }
    expect(p, JsonToken.END_OBJECT);
    return f;
  }

  private static TreeMap<String, String> readAnchor(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    TreeMap<String, String> anchor = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      expect(p, JsonToken.VALUE_STRING);
      anchor.put(key, p.getText());
    }
    return anchor;
  }
}
