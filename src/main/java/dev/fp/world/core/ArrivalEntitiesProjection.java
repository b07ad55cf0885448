package dev.fp.world.core;

import dev.fp.oracle.parquet.FlatRow;
import dev.fp.oracle.parquet.FlatSchema;

import java.util.List;

/** {@code s1_arrival_entities_6B}: each arrival with its party, account, instrument, device, ip and session. */
public final class ArrivalEntitiesProjection extends Projection {
  public static final String ID = "s1_arrival_entities_6B";
  static final FlatSchema SCHEMA = FlatSchema.builder(ID)
      .string("scenario_id").int64("arrival_seq").int64("merchant_id").string("ts_utc").int64("party_id")
      .int64("account_id").int64("instrument_id").int64("device_id").int64("ip_id").int64("session_id")
      .int64("seed").string("manifest_fingerprint").string("parameter_hash").build();

  static OutputSpec describe() {
    return new OutputSpec(ID, "6B", OutputSpec.path6B(ID, "part-*.parquet"),
        List.of("seed", "manifest_fingerprint", "scenario_id", "merchant_id", "arrival_seq"), "context",
        "One row per arrival with the entities and session attached.", SCHEMA);
  }

  ArrivalEntitiesProjection(WorldPins pins) {
    super(describe(), pins);
  }

  @Override
  public int rows(Flow flow) {
    return 1;
  }

  @Override
  public void fill(Flow f, int k, FlatRow row) {
    identity(row);
    row.setLong(col("arrival_seq"), f.arrivalSeq()).setLong(col("merchant_id"), f.merchant().merchantId())
        .setBinary(col("ts_utc"), ts(f.tsMicros())).setLong(col("party_id"), f.partyId())
        .setLong(col("account_id"), f.accountId()).setLong(col("instrument_id"), f.instrumentId())
        .setLong(col("device_id"), f.deviceId()).setLong(col("ip_id"), f.ipId())
        .setLong(col("session_id"), f.sessionId());
  }
}
