package dev.fp.world.core;

import dev.fp.oracle.parquet.FlatRow;
import dev.fp.oracle.parquet.FlatSchema;

import java.util.List;

/**
 * {@code s2_flow_anchor_baseline_6B} and {@code s3_flow_anchor_with_fraud_6B}: one flow per arrival. The fraud
 * variant adds {@code fraud_flag} and {@code campaign_id} and carries the overlay's scaled amount.
 */
public final class FlowAnchorProjection extends Projection {
  public static final String BASELINE = "s2_flow_anchor_baseline_6B";
  public static final String FRAUD = "s3_flow_anchor_with_fraud_6B";

  private final boolean fraud;

  static OutputSpec describe(boolean fraud) {
    String id = fraud ? FRAUD : BASELINE;
    FlatSchema.Builder b = FlatSchema.builder(id).int64("flow_id").int64("arrival_seq").int64("merchant_id")
        .int64("party_id").int64("account_id").int64("instrument_id").int64("device_id").int64("ip_id")
        .string("ts_utc").float64("amount").int64("seed").string("manifest_fingerprint").string("parameter_hash")
        .string("scenario_id");
    if (fraud) {
      b.bool("fraud_flag").optionalString("campaign_id");
    }
    return new OutputSpec(id, "6B", OutputSpec.path6B(id, "part-*.parquet"),
        List.of("seed", "manifest_fingerprint", "scenario_id", "flow_id"), "context",
        fraud ? "Flow anchors with the fraud overlay (flag, campaign, scaled amount)." : "Baseline flow anchors.",
        b.build());
  }

  FlowAnchorProjection(WorldPins pins, boolean fraud) {
    super(describe(fraud), pins);
    this.fraud = fraud;
  }

  @Override
  public int rows(Flow flow) {
    return 1;
  }

  @Override
  public void fill(Flow f, int k, FlatRow row) {
    identity(row);
    row.setLong(col("flow_id"), f.flowId()).setLong(col("arrival_seq"), f.arrivalSeq())
        .setLong(col("merchant_id"), f.merchant().merchantId()).setLong(col("party_id"), f.partyId())
        .setLong(col("account_id"), f.accountId()).setLong(col("instrument_id"), f.instrumentId())
        .setLong(col("device_id"), f.deviceId()).setLong(col("ip_id"), f.ipId())
        .setBinary(col("ts_utc"), ts(f.tsMicros())).setDouble(col("amount"), fraud ? f.fraudAmount() : f.amount());
    if (fraud) {
      row.setBool(col("fraud_flag"), f.fraud()).setString(col("campaign_id"), f.campaignId());
    }
  }
}
