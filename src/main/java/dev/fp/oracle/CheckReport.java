package dev.fp.oracle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checker's verdict (control_ingress §2.4): {@code status} OK, WARN (only warnings) or FAIL (any error), the
 * reason codes, and each issue with its severity and detail. Exit 0 iff OK or WARN.
 */
public record CheckReport(String status, List<String> reasonCodes, List<Issue> issues, Map<String, Object> details) {

  /** One finding. */
  public record Issue(String code, String severity, String detail) {
  }

  static CheckReport of(List<Issue> issues, Map<String, Object> details) {
    boolean error = issues.stream().anyMatch(i -> i.severity().equals("ERROR"));
    String status = error ? "FAIL" : issues.isEmpty() ? "OK" : "WARN";
    List<String> codes = issues.stream().map(Issue::code).distinct().toList();
    return new CheckReport(status, codes, List.copyOf(issues), details);
  }

  public boolean passed() {
    return !status.equals("FAIL");
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("reason_codes", reasonCodes);
    List<Map<String, Object>> list = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Issue i : issues) {
      list.add(Map.of("code", i.code(), "severity", i.severity(), "detail", i.detail()));
      (i.severity().equals("ERROR") ? errors : warnings).add(i.code() + ": " + i.detail());
    }
    m.put("issues", list);
    m.put("errors", errors);
    m.put("warnings", warnings);
    m.put("details", details);
    return m;
  }
}
