package dev.fp.control.sr.core;

/**
 * Object keys of one SR run in bucket {@value #BUCKET} (control_ingress §3.5), all under
 * {@code <platform_run_id>/sr/}.
 */
public record SrKeys(String platformRunId, String runId) {
  public static final String BUCKET = "fraud-platform";

  /** {@code <platform_run_id>/sr/}: every SR artifact of the platform run. */
  public static String prefix(String platformRunId) {
    return platformRunId + "/sr/";
  }

  /** {@code <platform_run_id>/sr/ready_signal/}: the committed READY signals of the platform run. */
  public static String readySignalPrefix(String platformRunId) {
    return prefix(platformRunId) + "ready_signal/";
  }

  public String plan() {
    return artifact("run_plan", ".json");
  }

  public String record() {
    return artifact("run_record", ".jsonl");
  }

  public String status() {
    return artifact("run_status", ".json");
  }

  /** Also the READY's {@code facts_view_ref} (bucket-relative). */
  public String factsView() {
    return artifact("run_facts_view", ".json");
  }

  public String readySignal() {
    return readySignalPrefix(platformRunId) + runId + ".json";
  }

  public String quarantine() {
    return artifact("quarantine", ".json");
  }

  private String artifact(String kind, String ext) {
    return prefix(platformRunId) + kind + "/" + runId + ext;
  }
}
