package dev.fp.control.wsp.core;

import dev.fp.contract.Envelope;

import dev.fp.contract.Json;
import java.util.List;

/**
 * The compact JSON WSP sends to IG: an envelope's wire form (present fields only), and a batch body as a JSON array
 * of already encoded envelopes. Any valid JSON is fine on the wire: IG hashes the parsed values canonically.
 */
public final class WireJson {
  private WireJson() {
  }

  public static String encode(Envelope envelope) {
    try {
      return Json.write(envelope.toJson());
    } catch (IllegalArgumentException e) {
      throw new WspFailure("ENVELOPE_ENCODE_FAILED", "event " + envelope.eventId() + ": " + e.getMessage(), e);
    }
  }

  /** {@code [e1,e2,…]} of encoded envelopes. */
  public static String array(List<StreamEvent> events) {
    StringBuilder out = new StringBuilder(events.stream().mapToInt(e -> e.json().length() + 1).sum() + 2);
    out.append('[');
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(events.get(i).json());
    }
    return out.append(']').toString();
  }
}
