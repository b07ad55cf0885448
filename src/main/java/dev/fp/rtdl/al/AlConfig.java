package dev.fp.rtdl.al;

import dev.fp.config.ConfigNode;
import dev.fp.platform.stream.StreamSettings;

import java.util.HashSet;
import java.util.Set;

/** {@code components.al}: the shell's settings, the policy file, and how many outcomes go to IG per request. */
public record AlConfig(StreamSettings stream, String policyFile, int publishBatchMax) {
  public static final String DEFAULT_POLICY_FILE = "al/policy_v0.yaml";

  public static AlConfig from(ConfigNode n) {
    Set<String> keys = new HashSet<>(StreamSettings.KEYS);
    keys.add("policy_file");
    keys.add("publish_batch_max");
    n.allowOnly(keys);
    return new AlConfig(StreamSettings.from(n), n.optString("policy_file", DEFAULT_POLICY_FILE),
        n.integer("publish_batch_max", 500, 1, 1000));
  }
}
