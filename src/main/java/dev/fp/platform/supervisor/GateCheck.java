package dev.fp.platform.supervisor;

/**
 * One named exit-gate check: what it read, what it expected and found, and what an operator should do when it
 * fails. The same text is shown by the CLI, the API and the dashboard.
 */
public record GateCheck(String name, boolean pass, String evidence, String expected, String actual, String remedy) {

  public static GateCheck pass(String name, String evidence, String actual) {
    return new GateCheck(name, true, evidence, actual, actual, "");
  }

  public static GateCheck fail(String name, String evidence, String expected, String actual, String remedy) {
    return new GateCheck(name, false, evidence, expected, actual, remedy);
  }

  public static GateCheck of(boolean pass, String name, String evidence, String expected, String actual,
                             String remedy) {
    return new GateCheck(name, pass, evidence, expected, actual, pass ? "" : remedy);
  }

  /** Multi-line operator text for a failed check. */
  public String explain() {
    return "check " + name + ": FAIL\n  evidence: " + evidence + "\n  expected: " + expected + "\n  actual:   "
        + actual + "\n  remedy:   " + remedy;
  }
}
