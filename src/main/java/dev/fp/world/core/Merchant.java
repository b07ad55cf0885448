package dev.fp.world.core;

import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * One merchant of the world: id, home time zone, whether it sells only online (virtual: arrivals carry an edge
 * and a settlement zone instead of a site), its channel group, number of sites and price level (log of a typical
 * amount).
 */
public record Merchant(int index, long merchantId, String tzid, ZoneRules zone, boolean virtual, String channelGroup,
                       int sites, double priceLevel, String settlementTzid, ZoneRules settlementZone) {

  static ZoneRules rules(String tzid) {
    return ZoneId.of(tzid).getRules();
  }
}
