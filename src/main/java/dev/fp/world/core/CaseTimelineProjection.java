package dev.fp.world.core;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;

import java.util.List;

/**
 * {@code s4_case_timeline_6B}: for flows the bank opened a case on, the case events in their fixed sequence
 * (0 CASE_OPENED … 5 CASE_CLOSED), a day or more apart, starting a day after the flow.
 */
public final class CaseTimelineProjection extends Projection {
  public static final String ID = "s4_case_timeline_6B";
  private static final long DAY = 86_400_000_000L;

  private final FlowModel model;

  private final int cCaseEventSeq = col("case_event_seq");
  private final int cCaseEventType = col("case_event_type");
  private final int cCaseId = col("case_id");
  private final int cFlowId = col("flow_id");
  private final int cTsUtc = col("ts_utc");

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
    row.setLong(cCaseId, model.caseId(f.flowId())).setLong(cCaseEventSeq, seq)
        .setLong(cFlowId, f.flowId()).setString(cCaseEventType, Labels.CASE_EVENTS.get(seq))
        .setBinary(cTsUtc, ts(f.tsMicros() + (k + 1) * DAY + f.responseLatencyMicros() * 60));
  }
}
