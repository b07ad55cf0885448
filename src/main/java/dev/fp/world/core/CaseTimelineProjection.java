package dev.fp.world.core;

import dev.fp.oracle.parquet.FlatRow;
import dev.fp.oracle.parquet.FlatSchema;

import java.util.List;

/**
 * {@code s4_case_timeline_6B}: for flows the bank opened a case on, the case events in their fixed sequence
 * (0 CASE_OPENED … 5 CASE_CLOSED), a day or more apart, starting a day after the flow.
 */
public final class CaseTimelineProjection extends Projection {
  public static final String ID = "s4_case_timeline_6B";
  private static final long DAY = 86_400_000_000L;

  private final FlowModel model;

  static OutputSpec describe() {
    FlatSchema.Builder b = FlatSchema.builder(ID).int64("case_id").int64("case_event_seq").int64("flow_id")
        .string("case_event_type").string("ts_utc");
    return new OutputSpec(ID, "6B", OutputSpec.path6B(ID, "part-*.parquet"),
        List.of("seed", "manifest_fingerprint", "scenario_id", "case_id", "case_event_seq"), "truth",
        "Case events per flow with a case; offline only.", identityColumns(b).build());
  }

  CaseTimelineProjection(WorldPins pins, FlowModel model) {
    super(describe(), pins);
    this.model = model;
  }

  @Override
  public int rows(Flow flow) {
    return Labels.caseEvents(flow.bankLabel(), flow.fraud()).length;
  }

  @Override
  public void fill(Flow f, int k, FlatRow row) {
    int seq = Labels.caseEvents(f.bankLabel(), f.fraud())[k];
    identity(row);
    row.setLong(col("case_id"), model.caseId(f.flowId())).setLong(col("case_event_seq"), seq)
        .setLong(col("flow_id"), f.flowId()).setString(col("case_event_type"), Labels.CASE_EVENTS.get(seq))
        .setBinary(col("ts_utc"), ts(f.tsMicros() + (k + 1) * DAY + f.responseLatencyMicros() * 60));
  }
}
