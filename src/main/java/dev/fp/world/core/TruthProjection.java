package dev.fp.world.core;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;

import java.util.List;

/**
 * The offline truth products, never streamed: {@code s4_flow_truth_labels_6B} (truth label per flow),
 * {@code s4_flow_bank_view_6B} (what the bank concluded) and {@code s4_event_labels_6B} (both, per event).
 */
public final class TruthProjection extends Projection {
  public static final String FLOW_TRUTH = "s4_flow_truth_labels_6B";
  public static final String BANK_VIEW = "s4_flow_bank_view_6B";
  public static final String EVENT_LABELS = "s4_event_labels_6B";

  private final String kind;

  private final int cBankLabel = col("bank_label");
  private final int cEventSeq = col("event_seq");
  private final int cFlowId = col("flow_id");
  private final int cFraudLabel = col("fraud_label");
  private final int cIsFraudBankView = col("is_fraud_bank_view");
  private final int cIsFraudTruth = col("is_fraud_truth");

  static OutputSpec describe(String id) {
    FlatSchema.Builder b = FlatSchema.builder(id).int64("flow_id");
    List<String> pk = List.of("seed", "manifest_fingerprint", "scenario_id", "flow_id");
    switch (id) {
      case FLOW_TRUTH -> b.bool("is_fraud_truth").optionalString("fraud_label");
      case BANK_VIEW -> b.bool("is_fraud_bank_view").optionalString("bank_label");
      default -> {
        b.int64("event_seq").bool("is_fraud_truth").bool("is_fraud_bank_view");
        pk = List.of("seed", "manifest_fingerprint", "scenario_id", "flow_id", "event_seq");
      }
    }
    return new OutputSpec(id, "6B", OutputSpec.path6B(id, "part-*.parquet"), pk, "truth",
        "Offline truth product; never put on the bus.", identityColumns(b).build());
  }

  TruthProjection(WorldPins pins, String id) {
    super(describe(id), pins);
    this.kind = id;
  }

  @Override
  public int rows(Flow flow) {
    return kind.equals(EVENT_LABELS) ? 2 : 1;
  }

  @Override
  public void fill(Flow f, int k, FlatRow row) {
    identity(row);
    row.setLong(cFlowId, f.flowId());
    switch (kind) {
      case FLOW_TRUTH -> row.setBool(cIsFraudTruth, f.fraud()).setString(cFraudLabel,
          f.truthLabel());
      case BANK_VIEW -> row.setBool(cIsFraudBankView, f.bankViewFraud()).setString(cBankLabel,
          f.bankLabel());
      default -> row.setLong(cEventSeq, k).setBool(cIsFraudTruth, f.fraud())
          .setBool(cIsFraudBankView, f.bankViewFraud());
    }
  }
}
