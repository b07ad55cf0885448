package dev.fp.caselabels.ct;

import dev.fp.config.ConfigNode;
import dev.fp.platform.stream.StreamSettings;

import java.util.HashSet;
import java.util.Set;

/** {@code components.ct}: the shell's settings, the trigger policy file, and how many triggers go to IG per request. */
public record CtConfig(StreamSettings stream, String policyFile, int publishBatchMax) {
  public static final String DEFAULT_POLICY_FILE = "ct/trigger_policy_v0.yaml";

  public static CtConfig from(ConfigNode n) {
    Set<String> keys = new HashSet<>(StreamSettings.KEYS);
    keys.add("policy_file");
    keys.add("publish_batch_max");
    n.allowOnly(keys);
    return new CtConfig(StreamSettings.from(n), n.optString("policy_file", DEFAULT_POLICY_FILE),
        n.integer("publish_batch_max", 200, 1, 1000));
  }
}
