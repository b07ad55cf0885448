package dev.fp.platform.supervisor;

/**
 * The seed's phases, in order. The graph is linear; retry loops are allowed only where the seed allows them.
 *
 * <pre>
 * P0 SUBSTRATE_READY → P1 RUN_PINNED → P2 DAEMONS_READY → P3 ORACLE_READY → P4 INGEST_READY
 *   → P5 READY_PUBLISHED → P6 STREAMING_ACTIVE → P7 INGEST_COMMITTED → P8 RTDL_CAUGHT_UP
 *   → P9 DECISION_CHAIN_COMMITTED → P10 CASE_LABELS_COMMITTED → P11 OBS_GOV_CLOSED → P12 DONE
 * retry: P3 (per output_id), P5 (new equivalence key / lease expiry), P6 (with caps), P11 (reporter not running)
 * </pre>
 */
public enum Phase {
  P0("SUBSTRATE_READY", false),
  P1("RUN_PINNED", false),
  P2("DAEMONS_READY", false),
  P3("ORACLE_READY", true),
  P4("INGEST_READY", false),
  P5("READY_PUBLISHED", true),
  P6("STREAMING_ACTIVE", true),
  P7("INGEST_COMMITTED", false),
  P8("RTDL_CAUGHT_UP", false),
  P9("DECISION_CHAIN_COMMITTED", false),
  P10("CASE_LABELS_COMMITTED", false),
  P11("OBS_GOV_CLOSED", true),
  P12("DONE", false);

  private final String title;
  private final boolean retryAllowed;

  Phase(String title, boolean retryAllowed) {
    this.title = title;
    this.retryAllowed = retryAllowed;
  }

  public String title() { return title; }

  /** Whether the seed allows re-running this phase after its gate failed. */
  public boolean retryAllowed() { return retryAllowed; }

  /** {@code P3 ORACLE_READY}. */
  public String label() { return name() + " " + title; }

  /** The next phase, or null after P12. */
  public Phase next() {
    int i = ordinal() + 1;
    return i < values().length ? values()[i] : null;
  }
}
