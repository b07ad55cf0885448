package dev.fp.world.core;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;

import java.util.List;

/**
 * {@code s2_flow_anchor_baseline_6B} and {@code s3_flow_anchor_with_fraud_6B}: one flow per arrival. The fraud
 * variant adds {@code fraud_flag} and {@code campaign_id} and carries the overlay's scaled amount.
 */
public final class FlowAnchorProjection extends Projection {
  public static final String BASELINE = "s2_flow_anchor_baseline_6B";
  public static final String FRAUD = "s3_flow_anchor_with_fraud_6B";

  private final boolean fraud;

  private final int cAccountId = col("account_id");
  private final int cAmount = col("amount");
  private final int cArrivalSeq = col("arrival_seq");
  private final int cCampaignId = col("campaign_id");
  private final int cDeviceId = col("device_id");
  private final int cFlowId = col("flow_id");
  private final int cFraudFlag = col("fraud_flag");
  private final int cInstrumentId = col("instrument_id");
  private final int cIpId = col("ip_id");
  private final int cMerchantId = col("merchant_id");
  private final int cPartyId = col("party_id");
  private final int cTsUtc = col("ts_utc");

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
    row.setLong(cFlowId, f.flowId()).setLong(cArrivalSeq, f.arrivalSeq())
        .setLong(cMerchantId, f.merchant().merchantId()).setLong(cPartyId, f.partyId())
        .setLong(cAccountId, f.accountId()).setLong(cInstrumentId, f.instrumentId())
        .setLong(cDeviceId, f.deviceId()).setLong(cIpId, f.ipId())
        .setBinary(cTsUtc, ts(f.tsMicros())).setDouble(cAmount, fraud ? f.fraudAmount() : f.amount());
    if (fraud) {
      row.setBool(cFraudFlag, f.fraud()).setString(cCampaignId, f.campaignId());
    }
  }
}
