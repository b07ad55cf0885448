package dev.fp.world.core;

import dev.fp.oracle.parquet.FlatRow;
import dev.fp.oracle.parquet.FlatSchema;

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
  private final int flowId = col("flow_id");

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
    row.setLong(flowId, f.flowId());
    switch (kind) {
      case FLOW_TRUTH -> row.setBool(col("is_fraud_truth"), f.fraud()).setString(col("fraud_label"),
          f.truthLabel());
      case BANK_VIEW -> row.setBool(col("is_fraud_bank_view"), f.bankViewFraud()).setString(col("bank_label"),
          f.bankLabel());
      default -> row.setLong(col("event_seq"), k).setBool(col("is_fraud_truth"), f.fraud())
          .setBool(col("is_fraud_bank_view"), f.bankViewFraud());
    }
  }
}
