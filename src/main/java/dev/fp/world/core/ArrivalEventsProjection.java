package dev.fp.world.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.WireTime;
import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;
import org.apache.parquet.io.api.Binary;

import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;

/** {@code arrival_events_5B}: the arrival skeleton, one row per arrival, with local wall times per zone. */
public final class ArrivalEventsProjection extends Projection {
  public static final String ID = "arrival_events_5B";
  static final FlatSchema SCHEMA = FlatSchema.builder(ID)
      .string("manifest_fingerprint").string("parameter_hash").int64("seed").string("scenario_id")
      .int64("merchant_id").string("zone_representation").int64("bucket_index").int64("arrival_seq")
      .string("ts_utc").string("tzid_primary").string("ts_local_primary").bool("is_virtual")
      .string("channel_group").optionalString("tzid_settlement").optionalString("ts_local_settlement")
      .optionalString("tzid_operational").optionalString("ts_local_operational").optionalInt64("site_id")
      .optionalInt64("edge_id").string("routing_universe_hash").string("s4_spec_version").build();

  private final int cArrivalSeq = col("arrival_seq");
  private final int cBucketIndex = col("bucket_index");
  private final int cChannelGroup = col("channel_group");
  private final int cEdgeId = col("edge_id");
  private final int cIsVirtual = col("is_virtual");
  private final int cMerchantId = col("merchant_id");
  private final int cRoutingUniverseHash = col("routing_universe_hash");
  private final int cS4SpecVersion = col("s4_spec_version");
  private final int cSiteId = col("site_id");
  private final int cTsLocalOperational = col("ts_local_operational");
  private final int cTsLocalPrimary = col("ts_local_primary");
  private final int cTsLocalSettlement = col("ts_local_settlement");
  private final int cTsUtc = col("ts_utc");
  private final int cTzidOperational = col("tzid_operational");
  private final int cTzidPrimary = col("tzid_primary");
  private final int cTzidSettlement = col("tzid_settlement");
  private final int cZoneRepresentation = col("zone_representation");

  static OutputSpec describe() {
    return new OutputSpec(ID, "5B", "data/layer2/5B/arrival_events/seed={seed}/"
        + "manifest_fingerprint={manifest_fingerprint}/scenario_id={scenario_id}/part-*.parquet",
        List.of("seed", "manifest_fingerprint", "scenario_id", "merchant_id", "arrival_seq"), "context",
        "Arrival skeleton: one row per arrival; arrival_seq counts per merchant from 1 in time order.", SCHEMA);
  }

  private final Binary routingHash;
  private final Binary specVersion = bytes("1.0.0");

  ArrivalEventsProjection(WorldPins pins) {
    super(describe(), pins);
    routingHash = bytes(Hashing.sha256Hex(pins.manifestFingerprint() + ":routing_universe"));
  }

  @Override
  public int rows(Flow flow) {
    return 1;
  }

  @Override
  public void fill(Flow f, int k, FlatRow row) {
    Merchant m = f.merchant();
    identity(row);
    Binary tz = bytes(m.tzid());
    row.setLong(cMerchantId, m.merchantId()).setBinary(cZoneRepresentation, tz)
        .setLong(cBucketIndex, f.bucket()).setLong(cArrivalSeq, f.arrivalSeq())
        .setBinary(cTsUtc, ts(f.tsMicros())).setBinary(cTzidPrimary, tz)
        .setBinary(cTsLocalPrimary, local(f.tsMicros(), m.zone())).setBool(cIsVirtual, m.virtual())
        .setBinary(cChannelGroup, bytes(m.channelGroup()))
        .setNull(cTzidOperational).setNull(cTsLocalOperational)
        .setBinary(cRoutingUniverseHash, routingHash).setBinary(cS4SpecVersion, specVersion);
    if (m.virtual()) {
      row.setBinary(cTzidSettlement, bytes(m.settlementTzid()))
          .setBinary(cTsLocalSettlement, local(f.tsMicros(), m.settlementZone()))
          .setNull(cSiteId).setLong(cEdgeId, f.edgeId());
    } else {
      row.setNull(cTzidSettlement).setNull(cTsLocalSettlement)
          .setLong(cSiteId, f.siteId()).setNull(cEdgeId);
    }
  }

  /** Local wall time {@code YYYY-MM-DDTHH:MM:SS.ffffff} (no zone suffix). */
  static Binary local(long micros, ZoneRules zone) {
    int offset = zone.getOffset(WireTime.toInstant(micros)).getTotalSeconds();
    byte[] wire = WireTime.format(micros + offset * 1_000_000L);
    return Binary.fromConstantByteArray(Arrays.copyOf(wire, WireTime.LENGTH - 1));
  }
}
