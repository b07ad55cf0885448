package dev.fp.control.wsp.core;

import dev.fp.contract.Hashing;

import java.nio.charset.StandardCharsets;

/**
 * Sharding of one output across WSP instances (control_ingress §4.5): an event belongs to lane
 * {@code int.from_bytes(sha256(event_id)[:8], "big") % count}; the defaults (1 lane) take every event.
 */
public record Lanes(int count, int index) {
  public static final Lanes SINGLE = new Lanes(1, 0);

  public Lanes {
    if (count < 1 || index < 0 || index >= count) {
      throw new WspFailure("WSP_LANE_CONFIG_INVALID", "lane " + index + "/" + count);
    }
  }

  public boolean accepts(String eventId) {
    if (count == 1) {
      return true;
    }
    byte[] digest = Hashing.sha256(eventId.getBytes(StandardCharsets.UTF_8));
    long first8 = 0;
    for (int i = 0; i < 8; i++) {
      first8 = (first8 << 8) | (digest[i] & 0xff);
    }
    return Long.remainderUnsigned(first8, count) == index;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
