package dev.fp.rtdl.df.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DF's decisions against the world's truth (issue 13 item 5): the confusion matrix of action kind × truth label, the
 * same by reason code, and "escalated" (STEP_UP or QUEUE_REVIEW) against "fraud" (the world's {@code is_fraud_truth})
 * with precision and recall — per decision, and per flow (a flow counts with the strongest action of its decisions).
 * Decisions arrive in any order; memory is the truth's plus one byte per flow. Pure; computed after the decisions
 * were made, never consulted by them.
 */
public final class DecisionQuality {
  /** Label of a decision whose flow the world has no truth for (or that has no flow id). */
  public static final String NO_TRUTH = "NO_TRUTH";
  private static final List<String> ACTIONS = RiskPolicy.ACTIONS;

  private final FlowTruth truth;
  /** Per truth flow: 0 = not decided, else 1 + the index in {@link #ACTIONS} of its strongest action. */
  private final byte[] strongest;
  private final Map<String, Map<String, Long>> matrix = new TreeMap<>();
  private final Map<String, Map<String, Long>> byReason = new TreeMap<>();
  private final long[] outcome = new long[4];

  public DecisionQuality(FlowTruth truth) {
    this.truth = truth;
    this.strongest = new byte[truth.size()];
  }

  /**
   * @param action      ALLOW, STEP_UP or QUEUE_REVIEW
   * @param reasonCodes the decision's reason codes
   * @param flowId      the traffic event's flow id, null when it has none
   */
  public void add(String action, List<String> reasonCodes, Long flowId) {
    int a = ACTIONS.indexOf(action);
    if (a < 0) {
      throw new IllegalArgumentException("decision quality: unknown action kind " + action);
    }
    int at = flowId == null ? -1 : truth.indexOf(flowId);
    String label = at < 0 ? NO_TRUTH : truth.label(at);
    bump(matrix, action, label);
    reasonCodes.forEach(code -> bump(byReason, code, label));
    if (at >= 0) {
      outcome[cell(a > 0, truth.fraud(at))]++;
      strongest[at] = (byte) Math.max(strongest[at], a + 1);
    }
  }

  /** The document DF's reconciliation and the run report carry. */
  public Map<String, Object> document() {
    Map<String, Map<String, Long>> flowMatrix = new TreeMap<>();
    long[] flowOutcome = new long[4];
    for (int i = 0; i < strongest.length; i++) {
      if (strongest[i] > 0) {
        bump(flowMatrix, ACTIONS.get(strongest[i] - 1), truth.label(i));
        flowOutcome[cell(strongest[i] > 1, truth.fraud(i))]++;
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("escalated", "STEP_UP or QUEUE_REVIEW");
    doc.put("truth_flows", truth.size());
    doc.put("decisions", level(matrix, outcome));
    doc.put("flows", level(flowMatrix, flowOutcome));
    doc.put("by_reason_code", byReason);
    return doc;
  }

  /** Index of (escalated, fraud) in an outcome array: TP 0, FP 1, FN 2, TN 3. */
  private static int cell(boolean escalated, boolean fraud) {
    return escalated ? (fraud ? 0 : 1) : (fraud ? 2 : 3);
  }

  private static Map<String, Object> level(Map<String, Map<String, Long>> matrix, long[] o) {
    long total = 0;
    for (Map<String, Long> row : matrix.values()) {
      total += row.values().stream().mapToLong(Long::longValue).sum();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", total);
    m.put("action_by_truth", matrix);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("true_positive", o[0]);
    e.put("false_positive", o[1]);
    e.put("false_negative", o[2]);
    e.put("true_negative", o[3]);
    e.put("precision", rate(o[0], o[0] + o[1]));
    e.put("recall", rate(o[0], o[0] + o[2]));   // the fraud escalation rate
    e.put("legit_escalation_rate", rate(o[1], o[1] + o[3]));
    m.put("escalated_vs_fraud", e);
    return m;
  }

  /** {@code part / whole} rounded to 4 decimals; null when {@code whole} is 0. */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
  }

  private static void bump(Map<String, Map<String, Long>> m, String row, String column) {
    m.computeIfAbsent(row, k -> new TreeMap<>()).merge(column, 1L, Long::sum);
  }
}
