package dev.fp.cli;

import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.config.PlatformConfig;

/** The start-up banner (stderr): profile, run, where state lives and whether it survives a restart, URLs, key file. */
final class Banner {
  private Banner() {
  }

  static String text(PlatformRuntime rt, String runId) {
    PlatformConfig c = rt.substrate().config();
    String base = "http://" + c.http().host() + ":" + rt.http().actualPort();
    return String.join("\n",
        "fraud-platform (Spine Green v0)",
        "  profile          " + c.profile(),
        "  platform run     " + (runId == null ? "(pinned at P1)" : runId),
        "  object store     " + (c.objectStore().s3() == null ? c.objectStore().fsRoot().toAbsolutePath().toString()
            : c.objectStore().s3().endpoint()) + " (durable: survives restart)",
        "  event log        " + (c.eventLog().kinesis() == null ? c.eventLog().fileRoot().toAbsolutePath().toString()
            : c.eventLog().kinesis().endpoint()) + " (durable: survives restart)",
        "  SQL state        " + rt.substrate().db().description() + " (durable: survives restart)",
        "  run artifacts    " + c.platformRoot().toAbsolutePath(),
        "  HTTP             " + base + "  (probes /livez /readyz, metrics /metrics)",
        "  API key file     " + (c.confDir() == null && !java.nio.file.Path.of(c.apiKeysFile()).isAbsolute()
            ? "bundled conf/" + c.apiKeysFile() + " (development keys; set FP_API_KEYS_FILE)"
            : c.confFile(c.apiKeysFile()).toAbsolutePath().toString()),
        "");
  }
}
