package dev.fp.ingress.ig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fp.ingress.ig.core.IgPolicy;
import dev.fp.ingress.ig.core.PayloadSchemas;
import dev.fp.ingress.ig.core.PolicyDoc;
import dev.fp.ingress.ig.core.PolicyException;
import dev.fp.platform.config.PlatformConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads IG's policy files (class map, partitioning profiles, schema policy) and compiles every payload schema they
 * reference (classpath resources), failing start-up with {@link PolicyException} naming the file. Blocking.
 */
final class IgPolicyLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The loaded policy and its compiled payload schemas. */
  record Loaded(IgPolicy policy, PayloadSchemas schemas) {
  }

  private IgPolicyLoader() {
  }

  static Loaded load(PlatformConfig platform, IgConfig cfg) {
    PolicyDoc classMap = yaml(platform, cfg.classMapFile());
    PolicyDoc partitioning = yaml(platform, cfg.partitioningFile());
    PolicyDoc schemaPolicy = yaml(platform, cfg.schemaPolicyFile());
    PayloadSchemas schemas = new PayloadSchemas(ConfFiles::resource);
    List<PolicyDoc> payloadDocs = new ArrayList<>();
    schemaRefs(schemaPolicy).forEach(ref -> payloadDocs.add(new PolicyDoc(ref, schemas.document(ref))));
    IgPolicy policy = IgPolicy.of(classMap, partitioning, schemaPolicy, payloadDocs, cfg.policyId(),
        cfg.policyRevision());
    schemas.compileAll(policy.payloadSchemaRefs());
    return new Loaded(policy, schemas);
  }

  private static List<String> schemaRefs(PolicyDoc schemaPolicy) {
    List<String> refs = new ArrayList<>();
    schemaPolicy.sections("event_types").values().forEach(rule -> {
      String ref = rule.string("payload_schema_ref");
      if (!refs.contains(ref)) {
        refs.add(ref);
      }
    });
    return refs;
  }

  @SuppressWarnings("unchecked")
  private static PolicyDoc yaml(PlatformConfig platform, String name) {
    ConfFiles.Text file = ConfFiles.read(platform, name);
    try {
      return new PolicyDoc(name, YAML.readValue(file.text(), Map.class));
    } catch (IOException e) {
      throw new PolicyException("policy " + file.source() + ": not valid YAML: " + e.getMessage(), e);
    }
  }
}
