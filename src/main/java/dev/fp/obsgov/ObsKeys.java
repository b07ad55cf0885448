package dev.fp.obsgov;

/**
 * Where Obs/Gov keeps its objects (ARCHITECTURE §5 paths): bucket {@code fraud-platform}, run root
 * {@code <platform_run_id>/}, everything of this plane under {@code <run>/obs/}. The same names are used under the
 * local run root {@code runs/fraud-platform/<run>/}.
 */
public final class ObsKeys {
  public static final String BUCKET = "fraud-platform";
  public static final String OBS = "obs/";
  public static final String GOVERNANCE = OBS + "governance/";
  public static final String EVENTS_JSONL = GOVERNANCE + "events.jsonl";
  public static final String REPORT = OBS + "platform_run_report.json";
  public static final String REPORT_COPY = OBS + "run_report.json";
  public static final String RECONCILIATION = OBS + "reconciliation.json";
  public static final String REPLAY_ANCHORS = OBS + "replay_anchors.json";
  public static final String CONFORMANCE = OBS + "environment_conformance.json";
  public static final String ANOMALY_SUMMARY = OBS + "anomaly_summary.json";
  public static final String RUN_COMPLETED = "run_completed.json";

  private ObsKeys() {
  }

  /** {@code <run>/<relative>}: the object key of a run-relative name. */
  public static String key(String platformRunId, String relative) {
    return platformRunId + "/" + relative;
  }

  public static String eventKey(String platformRunId, String eventId) {
    return key(platformRunId, GOVERNANCE + "events/" + eventId + ".json");
  }

  public static String markerKey(String platformRunId, String eventId) {
    return key(platformRunId, GOVERNANCE + "markers/" + eventId + ".json");
  }

  public static String eventsPrefix(String platformRunId) {
    return key(platformRunId, GOVERNANCE + "events/");
  }
}
