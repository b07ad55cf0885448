package dev.fp.ingress.ig.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.EventRoute;
import dev.fp.contract.EventRouting;
import dev.fp.contract.Hashing;
import dev.fp.contract.PolicyRev;
import dev.fp.contract.Topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admission policy IG runs under: class map, partitioning profiles and schema policy, plus the revision stamped on
 * every receipt. {@code run_config_digest} = sha256 of the canonical JSON list of {@code {path, content}} (content =
 * canonical JSON of the parsed document), sorted by path, over the three policy files and every payload schema they
 * reference, so a receipt names exactly which rules admitted it.
 */
public record IgPolicy(ClassMap classMap, PartitioningPolicy partitioning, SchemaPolicy schemaPolicy, PolicyRev rev) {
  private static final List<String> RTDL_TYPES = List.of(EventRouting.DECISION_RESPONSE_TYPE,
      EventRouting.ACTION_INTENT_TYPE, EventRouting.ACTION_OUTCOME_TYPE, EventRouting.CASE_TRIGGER_TYPE);

  /** Builds the policy and checks it against the platform's routing; {@link PolicyException} lists every problem. */
  public static IgPolicy of(PolicyDoc classMap, PolicyDoc partitioning, PolicyDoc schemaPolicy,
                            List<PolicyDoc> payloadSchemas, String policyId, String revision) {
    List<PolicyDoc> all = new ArrayList<>(List.of(classMap, partitioning, schemaPolicy));
    all.addAll(payloadSchemas);
    IgPolicy policy = new IgPolicy(ClassMap.from(classMap), PartitioningPolicy.from(partitioning),
        SchemaPolicy.from(schemaPolicy), new PolicyRev(policyId, revision, runConfigDigest(all)));
    List<String> problems = policy.alignmentProblems();
    if (!problems.isEmpty()) {
      throw new PolicyException("IG policy does not align with the platform routing: " + String.join("; ", problems));
    }
    return policy;
  }

  public static String runConfigDigest(List<PolicyDoc> docs) {
    List<Map<String, Object>> entries = new ArrayList<>();
    docs.stream().sorted(Comparator.comparing(PolicyDoc::path)).forEach(d -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", d.path());
      e.put("content", CanonicalJson.write(d.content()));
      entries.add(e);
    });
    return Hashing.canonicalHash(entries);
  }

  public String runConfigDigest() {
    return rev.contentDigest();
  }

  public String classOf(String eventType) {
    return classMap.classOf(eventType);
  }

  public EventRoute routeOf(String eventClass) {
    return partitioning.routeOf(eventClass, classMap.requiredPins().getOrDefault(eventClass, List.of()));
  }

  public Optional<SchemaPolicy.Rule> schemaRule(String eventType) {
    return schemaPolicy.rule(eventType);
  }

  /** Payload schema refs the policy uses (for compiling them all at start). */
  public List<String> payloadSchemaRefs() {
    return schemaPolicy.rules().values().stream().map(SchemaPolicy.Rule::payloadSchemaRef).distinct().sorted().toList();
  }

  /**
   * Differences from {@link EventRouting} (which downstream consumers read) and the reference's RTDL rule (rtdl and
   * case types require schema_version v1); empty when aligned.
   */
  public List<String> alignmentProblems() {
    List<String> problems = new ArrayList<>();
    EventRouting.eventTypes().forEach((type, cls) -> {
      if (!cls.equals(classOf(type))) {
        problems.add(type + " is class " + classOf(type) + ", routing says " + cls);
        return;
      }
      EventRoute mine = routeOf(cls);
      EventRoute theirs = EventRouting.routeOfClass(cls);
      if (!mine.equals(theirs)) {
        problems.add("class " + cls + " routes as " + mine + ", routing says " + theirs);
      }
    });
    for (String cls : classMap.requiredPins().keySet()) {
      String topic = routeOf(cls).topic();
      if (!Topics.ALL.contains(topic)) {
        problems.add("class " + cls + " publishes to unknown topic " + topic);
      }
    }
    for (String type : RTDL_TYPES) {
      Optional<SchemaPolicy.Rule> rule = schemaRule(type);
      if (rule.isEmpty() || !rule.get().schemaVersionRequired() || !rule.get().allowedSchemaVersions().equals(List.of("v1"))) {
        problems.add(type + " must require schema_version v1");
      }
    }
    return problems;
  }
}
