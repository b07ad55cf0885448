package dev.fp.ingress.ig.bench;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the IG benchmark into {@code docs/PERFORMANCE.md}, section {@code ## Ingestion Gate}, subsection
 * {@code ### <profile>}: a run replaces only its own profile's subsection and leaves the rest of the file alone.
 */
public final class PerformanceDoc {
  static final String SECTION = "## Ingestion Gate";

  private PerformanceDoc() {
  }

  public static void write(Path file, String profile, String command, String machine, String date,
                           List<IgBench.Phase> phases) throws IOException {
    String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
        : "# Performance\n\nMeasured by `fp bench …` (ARCHITECTURE §9). Each section belongs to one component.\n";
    String section = section(doc);
    String sub = subsection(profile, command, machine, date, phases);
    String newSection = replaceSubsection(section.isEmpty() ? header() : section, profile, sub);
    String out = section.isEmpty() ? doc.stripTrailing() + "\n\n" + newSection : doc.replace(section, newSection);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, out.stripTrailing() + "\n", StandardCharsets.UTF_8);
  }

  private static String header() {
    return SECTION + "\n\nAdmissions per second and latency of `POST /v1/ingest/batch` and `/v1/ingest/push` with "
        + "new (never seen) WSP-shaped traffic envelopes of about 1 KB, load from separate processes. Targets "
        + "(embedded, 2 cores): ≥ 25 000 admitted/s through batches, ≥ 12 000/s through single pushes, p99 ≤ 25 ms "
        + "at 5 000 pushes/s. Every admission is durable before its answer: in-flight row, log publish, receipt "
        + "evidence and committed row.\n";
  }

  /** The IG section (its heading to the next {@code ## } heading), or "" when absent. */
  static String section(String doc) {
    int start = doc.indexOf(SECTION + "\n");
    if (start < 0) {
      return "";
    }
    int end = doc.indexOf("\n## ", start + SECTION.length());
    return end < 0 ? doc.substring(start) : doc.substring(start, end + 1);
  }

  static String replaceSubsection(String section, String profile, String sub) {
    String heading = "### " + profile + "\n";
    int start = section.indexOf(heading);
    if (start < 0) {
      return section.stripTrailing() + "\n\n" + sub;
    }
    int end = section.indexOf("\n### ", start + heading.length());
    return section.substring(0, start) + sub + (end < 0 ? "" : section.substring(end + 1));
  }

  private static String subsection(String profile, String command, String machine, String date,
                                   List<IgBench.Phase> phases) {
    StringBuilder sb = new StringBuilder("### ").append(profile).append("\n\n");
    sb.append("- command: `").append(command).append("`\n- machine: ").append(machine).append("\n- date: ")
        .append(date).append("\n\n");
    sb.append("| phase | load | admitted/s | requests | p50 ms | p90 ms | p99 ms | max ms | answers |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (IgBench.Phase p : phases) {
      JsonObject r = p.result();
      JsonObject lat = r.getJsonObject("latency_ms", new JsonObject());
      sb.append("| ").append(p.name()).append(" | ").append(load(p)).append(" | ")
          .append(r.getValue("admitted_per_second", "")).append(" | ").append(r.getValue("requests", ""))
          .append(" | ").append(lat.getValue("p50", "")).append(" | ").append(lat.getValue("p90", ""))
          .append(" | ").append(lat.getValue("p99", "")).append(" | ").append(lat.getValue("max", ""))
          .append(" | ").append(answers(r)).append(" |\n");
    }
    ratios(phases).forEach(line -> sb.append('\n').append("- ").append(line));
    return sb.append('\n').toString();
  }

  /**
   * One line per phase that also ran against the null route: IG's admitted/s as a share of the null route's, and
   * IG's p99 over the null route's (the issue-11 target: single pushes within 5× of the null route).
   */
  public static List<String> ratios(List<IgBench.Phase> phases) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      IgBench.Phase ig = phases.get(i);
      String twin = ig.name() + IgBench.NULL_ROUTE;
      for (int j = i + 1; j < phases.size(); j++) {
        IgBench.Phase nul = phases.get(j);
        if (!nul.name().equals(twin) || nul.result().getValue("target_per_second") != null
            && !nul.result().getValue("target_per_second").equals(ig.result().getValue("target_per_second"))) {
          continue;
        }
        double a = ig.result().getDouble("admitted_per_second", 0.0);
        double b = nul.result().getDouble("admitted_per_second", 0.0);
        Double p99a = ig.result().getJsonObject("latency_ms", new io.vertx.core.json.JsonObject()).getDouble("p99");
        Double p99b = nul.result().getJsonObject("latency_ms", new io.vertx.core.json.JsonObject()).getDouble("p99");
        String rate = ig.result().getValue("target_per_second") == null ? "" : " at "
            + ig.result().getValue("target_per_second") + "/s";
        out.add(String.format(java.util.Locale.ROOT, "%s%s vs null route: %.0f vs %.0f per second (null route %.1f× "
                + "IG), p99 %s vs %s ms", ig.name(), rate, a, b, a == 0 ? 0.0 : b / a, p99a, p99b));
        break;
      }
    }
    return out;
  }

  private static String load(IgBench.Phase p) {
    JsonObject r = p.result();
    return switch (p.name().replace(IgBench.NULL_ROUTE, "")) {
      case "batch" -> r.getString("load", "IgLoad batches");
      case "rate" -> "IgLoad, " + r.getValue("target_per_second") + " pushes/s open loop";
      default -> r.getString("load", p.tool());
    };
  }

  private static String answers(JsonObject r) {
    JsonObject d = r.getJsonObject("decisions");
    JsonObject s = r.getJsonObject("statuses");
    if (d == null && s == null) {
      return "ADMIT " + r.getValue("admitted", "?") + ", non-2xx " + r.getValue("non_2xx", "?")
          + (r.containsKey("socket_errors") ? ", socket errors " + r.getString("socket_errors") : "");
    }
    return (d == null ? "" : d.encode()) + (s == null ? "" : " " + s.encode());
  }
}
