package dev.fp.rtdl.ieg;

import dev.fp.config.ConfigNode;
import dev.fp.platform.stream.StreamSettings;

/** {@code components.ieg}: the shell's consumer settings ({@link StreamSettings#KEYS}); IEG has no key of its own. */
public record IegConfig(StreamSettings stream) {

  public static IegConfig from(ConfigNode n) {
    n.allowOnly(StreamSettings.KEYS);
    return new IegConfig(StreamSettings.from(n));
  }
}
