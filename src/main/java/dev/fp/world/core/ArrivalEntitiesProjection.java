package dev.fp.world.core;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;

import java.util.List;

/** {@code s1_arrival_entities_6B}: each arrival with its party, account, instrument, device, ip and session. */
public final class ArrivalEntitiesProjection extends Projection {
  public static final String ID = "s1_arrival_entities_6B";
  static final FlatSchema SCHEMA = FlatSchema.builder(ID)
      .string("scenario_id").int64("arrival_seq").int64("merchant_id").string("ts_utc").int64("party_id")
      .int64("account_id").int64("instrument_id").int64("device_id").int64("ip_id").int64("session_id")
      .int64("seed").string("manifest_fingerprint").string("parameter_hash").build();

  private final int cAccountId = col("account_id");
  private final int cArrivalSeq = col("arrival_seq");
  private final int cDeviceId = col("device_id");
  private final int cInstrumentId = col("instrument_id");
  private final int cIpId = col("ip_id");
  private final int cMerchantId = col("merchant_id");
  private final int cPartyId = col("party_id");
  private final int cSessionId = col("session_id");
  private final int cTsUtc = col("ts_utc");

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
    row.setLong(cArrivalSeq, f.arrivalSeq()).setLong(cMerchantId, f.merchant().merchantId())
        .setBinary(cTsUtc, ts(f.tsMicros())).setLong(cPartyId, f.partyId())
        .setLong(cAccountId, f.accountId()).setLong(cInstrumentId, f.instrumentId())
        .setLong(cDeviceId, f.deviceId()).setLong(cIpId, f.ipId())
        .setLong(cSessionId, f.sessionId());
  }
}
