package dev.fp.world.core;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;
import org.apache.parquet.io.api.Binary;

import java.util.List;

/**
 * {@code s2_event_stream_baseline_6B} and {@code s3_event_stream_with_fraud_6B}, the traffic: two events per flow,
 * {@code AUTH_REQUEST} (seq 0) at the flow time and {@code AUTH_RESPONSE} (seq 1) after a lognormal latency.
 */
public final class EventStreamProjection extends Projection {
  public static final String BASELINE = "s2_event_stream_baseline_6B";
  public static final String FRAUD = "s3_event_stream_with_fraud_6B";
  private static final Binary REQUEST = bytes("AUTH_REQUEST");
  private static final Binary RESPONSE = bytes("AUTH_RESPONSE");

  private final boolean fraud;

  private final int cAmount = col("amount");
  private final int cCampaignId = col("campaign_id");
  private final int cEventSeq = col("event_seq");
  private final int cEventType = col("event_type");
  private final int cFlowId = col("flow_id");
  private final int cFraudFlag = col("fraud_flag");
  private final int cTsUtc = col("ts_utc");

  static OutputSpec describe(boolean fraud) {
    String id = fraud ? FRAUD : BASELINE;
    FlatSchema.Builder b = FlatSchema.builder(id).int64("flow_id").int64("event_seq").string("event_type")
        .string("ts_utc").float64("amount").int64("seed").string("manifest_fingerprint").string("parameter_hash")
        .string("scenario_id");
    if (fraud) {
      b.bool("fraud_flag").optionalString("campaign_id");
    }
    return new OutputSpec(id, "6B", OutputSpec.path6B(id, "part-*.parquet"),
        List.of("seed", "manifest_fingerprint", "scenario_id", "flow_id", "event_seq"), "traffic",
        fraud ? "Traffic with the fraud overlay." : "Baseline traffic.", b.build());
  }

  EventStreamProjection(WorldPins pins, boolean fraud) {
    super(describe(fraud), pins);
    this.fraud = fraud;
  }

  @Override
  public int rows(Flow flow) {
    return 2;
  }

  @Override
  public void fill(Flow f, int k, FlatRow row) {
    identity(row);
    row.setLong(cFlowId, f.flowId()).setLong(cEventSeq, k)
        .setBinary(cEventType, k == 0 ? REQUEST : RESPONSE)
        .setBinary(cTsUtc, ts(k == 0 ? f.tsMicros() : f.responseTsMicros()))
        .setDouble(cAmount, fraud ? f.fraudAmount() : f.amount());
    if (fraud) {
      row.setBool(cFraudFlag, f.fraud()).setString(cCampaignId, f.campaignId());
    }
  }
}
