package dev.fp.obsgov.report.core;

import java.util.List;

/**
 * The run-root folders whose health and metrics files the reporter and the closeout read (ARCHITECTURE §8,
 * reference §7). Each is read by path, so a component that has not landed yet reads as UNKNOWN.
 */
public final class Components {
  public static final String IG = "ingestion_gate";
  public static final String WSP = "world_streamer_producer";
  public static final String AW = "archive_writer";
  public static final String IEG = "identity_entity_graph";
  public static final String OFP = "online_feature_plane";
  public static final String CSFB = "context_store_flow_binding";
  public static final String DF = "decision_fabric";
  public static final String AL = "action_layer";
  public static final String DLA = "decision_log_audit";
  public static final String CT = "case_trigger";
  public static final String CM = "case_mgmt";
  public static final String LS = "label_store";
  public static final String DL = "degrade_ladder";

  /** Every folder read, in plane order. */
  public static final List<String> ALL = List.of(IG, WSP, AW, IEG, OFP, CSFB, DL, DF, AL, DLA, CT, CM, LS);

  /** The ten components of the strict closeout's health list (reference §7). */
  public static final List<String> CLOSEOUT = List.of(AW, IEG, OFP, CSFB, DF, AL, DLA, CT, CM, LS);

  /** Reconciliation files of reference §5.1 that exist in this platform, relative to the run root. */
  public static final List<String> RECONCILIATION_FILES = List.of(
      "ingestion_gate/reconciliation/reconciliation.json",
      "identity_entity_graph/reconciliation/reconciliation.json",
      "online_feature_plane/reconciliation/reconciliation.json",
      "context_store_flow_binding/reconciliation/last_reconciliation.json",
      "archive/reconciliation/archive_writer_reconciliation.json",
      "decision_fabric/reconciliation/reconciliation.json",
      "action_layer/reconciliation/action_layer_reconciliation.json",
      "decision_log_audit/reconciliation/last_reconciliation.json",
      "case_trigger/reconciliation/reconciliation.json",
      "case_mgmt/reconciliation/last_reconciliation.json",
      "label_store/reconciliation/last_reconciliation.json");

  /** DF's decision quality against the world's truth (written at P9), relative to the run root. */
  public static final String DECISION_QUALITY_FILE = "decision_fabric/reconciliation/decision_quality.json";

  private Components() {
  }

  public static String healthFile(String component) {
    return component + "/health/last_health.json";
  }

  public static String metricsFile(String component) {
    return component + "/metrics/last_metrics.json";
  }
}
