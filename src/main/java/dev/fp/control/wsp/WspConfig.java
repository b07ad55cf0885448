package dev.fp.control.wsp;

import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;
import dev.fp.contract.WspRunOptions;
import dev.fp.control.wsp.core.Lanes;
import dev.fp.control.wsp.core.RetryPolicy;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.pack.PackSpec;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code components.wsp}: the WSP knobs of control_ingress §4.10 under our names, defaulted in named constants and
 * validated at load with the key path in every error. The per-run cap, mode and speed-up normally come from the run's
 * {@link WspRunOptions}; the values here apply when a run has none.
 */
public record WspConfig(Streaming streaming, Ready ready, Ig ig, Sources sources, Progress progress) {
  public static final long DEFAULT_MAX_EVENTS_PER_OUTPUT = 500_000;
  public static final int DEFAULT_OUTPUT_CONCURRENCY = 2;
  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final String DEFAULT_MODE = "fraud";
  public static final double DEFAULT_SPEEDUP = 0.0;
  public static final double DEFAULT_TARGET_BURST_SECONDS = 0.25;
  public static final double DEFAULT_TARGET_INITIAL_TOKENS = 0.25;
  public static final int DEFAULT_CHECKPOINT_EVERY = 10;
  public static final int DEFAULT_READY_POLL_MS = 500;
  public static final List<String> DEFAULT_REQUIRED_PACKS =
      List.of("rtdl_core", "rtdl_decision_lane", "case_labels", "obs_gov");
  public static final int DEFAULT_PACK_CHECK_SECONDS = 2;
  public static final int DEFAULT_PACK_LOG_SECONDS = 20;
  public static final int DEFAULT_DUPLICATE_LOG_SECONDS = 60;
  public static final int DEFAULT_LEASE_TTL_SECONDS = 15;
  /** Whose key WSP presents to IG when {@code api_key} is not set: the key file's line of this principal. */
  public static final String PRINCIPAL = "SYSTEM::world_stream_producer";
  public static final int DEFAULT_HTTP_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_HTTP_POOL_SIZE = 16;
  public static final long DEFAULT_PROGRESS_EVERY = 1000;
  public static final int DEFAULT_PROGRESS_SECONDS = 30;
  public static final int DEFAULT_HEALTH_SECONDS = 10;

  /** How {@code fp wsp} / the daemon pushes: one HTTP request per batch (default) or per event. */
  public enum PushMode { BATCH, SINGLE }

  /**
   * @param maxEventsPerOutput cap per output when the run has no options (0 = no cap)
   * @param checkpointEvery    acknowledged events between checkpoint writes in single-push mode (a batch is
   *                           always checkpointed once acknowledged)
   */
  public record Streaming(long maxEventsPerOutput, String mode, int outputConcurrency, int batchSize,
                          PushMode pushMode, double speedup, double targetEps, double targetBurstSeconds,
                          double targetInitialTokens, int checkpointEvery, Lanes lanes, String attemptId) {
  }

  /** READY intake: poll interval, the cross-pack gate, log rate limits and the consumer-group lease. */
  public record Ready(Duration poll, List<String> requiredPacks, boolean requireActiveRunMatch,
                      Duration packCheckInterval, Duration packLogInterval, Duration duplicateLogInterval,
                      Duration leaseTtl) {
  }

  /** IG's base URL, WSP's API key (never logged), request timeout, connection pool and retry policy. */
  public record Ig(String url, String apiKey, Duration timeout, int poolSize, RetryPolicy retry) {
  }

  /**
   * Wiring overrides (null/empty: take the READY's oracle pack ref, the run's mode) and the pre-stream checks:
   * {@code strictPack} requires pack manifest and seal (the reference's dev/prod), {@code requireGatePass} the
   * {@code _passed.flag} of every output's gates.
   */
  public record Sources(String engineRunRoot, String streamViewRoot, List<String> trafficOutputIds,
                        List<String> contextOutputIds, boolean strictPack, boolean requireGatePass) {
  }

  /** Progress log cadence and health export interval. */
  public record Progress(long every, Duration interval, Duration healthInterval) {
  }

  /** Reads and validates {@code components.wsp}; the IG URL defaults to this process's own HTTP server. */
  public static WspConfig from(ConfigNode n, PlatformConfig platform) {
    PlatformConfig.HttpConfig http = platform.http();
    n.allowOnly(Set.of("max_events_per_output", "mode", "output_concurrency", "batch_size", "push_mode", "speedup",
        "target_eps", "target_burst_seconds", "target_initial_tokens", "checkpoint_every", "lane_count", "lane_index",
        "checkpoint_attempt_id", "ready_poll_ms", "required_packs", "require_active_run_match",
        "required_pack_check_interval_seconds", "required_pack_log_interval_seconds",
        "duplicate_log_interval_seconds", "lease_ttl_seconds", "ig_url", "api_key", "http_timeout_ms",
        "http_pool_size", "retry_max_attempts", "retry_base_delay_ms", "retry_max_delay_ms", "engine_run_root",
        "stream_view_root", "traffic_output_ids", "context_output_ids", "strict_pack", "require_gate_pass",
        "progress_every", "progress_seconds", "health_interval_seconds"));
    return new WspConfig(streaming(n), ready(n), ig(n, platform), sources(n), progress(n));
  }

  private static Streaming streaming(ConfigNode n) {
    int laneCount = n.integer("lane_count", 1, 1, 1024);
    int laneIndex = n.integer("lane_index", 0, 0, laneCount - 1);
    return new Streaming(n.longValue("max_events_per_output", DEFAULT_MAX_EVENTS_PER_OUTPUT, 0, Long.MAX_VALUE),
        n.oneOf("mode", DEFAULT_MODE, Set.of("fraud", "baseline")),
        n.integer("output_concurrency", DEFAULT_OUTPUT_CONCURRENCY, 1, 16),
        n.integer("batch_size", DEFAULT_BATCH_SIZE, 1, 10_000),
        PushMode.valueOf(n.oneOf("push_mode", "batch", Set.of("batch", "single")).toUpperCase()),
        decimal(n, "speedup", DEFAULT_SPEEDUP), decimal(n, "target_eps", 0),
        decimal(n, "target_burst_seconds", DEFAULT_TARGET_BURST_SECONDS),
        decimal(n, "target_initial_tokens", DEFAULT_TARGET_INITIAL_TOKENS),
        n.integer("checkpoint_every", DEFAULT_CHECKPOINT_EVERY, 1, 1_000_000), new Lanes(laneCount, laneIndex),
        n.optString("checkpoint_attempt_id", ""));
  }

  private static Ready ready(ConfigNode n) {
    List<String> packs = n.has("required_packs") ? n.stringList("required_packs") : DEFAULT_REQUIRED_PACKS;
    for (String p : packs) {
      if (!PackSpec.NAMES.contains(p)) {
        throw new ConfigException(n.key("required_packs"), "unknown pack " + p + " (packs: " + PackSpec.NAMES
            + ")");
      }
    }
    return new Ready(Duration.ofMillis(n.integer("ready_poll_ms", DEFAULT_READY_POLL_MS, 10, 60_000)), List.copyOf(packs),
        n.bool("require_active_run_match", true),
        seconds(n, "required_pack_check_interval_seconds", DEFAULT_PACK_CHECK_SECONDS),
        seconds(n, "required_pack_log_interval_seconds", DEFAULT_PACK_LOG_SECONDS),
        seconds(n, "duplicate_log_interval_seconds", DEFAULT_DUPLICATE_LOG_SECONDS),
        seconds(n, "lease_ttl_seconds", DEFAULT_LEASE_TTL_SECONDS));
  }

  private static Ig ig(ConfigNode n, PlatformConfig platform) {
    PlatformConfig.HttpConfig http = platform.http();
    String url = n.optString("ig_url", "http://" + http.host() + ":" + http.port());
    if (!url.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw new ConfigException(n.key("ig_url"), "expected an http(s) URL, got \"" + url + "\"");
    }
    int max = n.integer("retry_max_delay_ms", (int) RetryPolicy.DEFAULT_MAX_DELAY_MS, 0, 600_000);
    RetryPolicy retry = new RetryPolicy(n.integer("retry_max_attempts", RetryPolicy.DEFAULT_MAX_ATTEMPTS, 1, 1000),
        n.integer("retry_base_delay_ms", (int) RetryPolicy.DEFAULT_BASE_DELAY_MS, 0, max), max);
    return new Ig(stripSlash(url), platform.clientKey(n.optString("api_key", null), PRINCIPAL, n.key("api_key")),
        Duration.ofMillis(n.integer("http_timeout_ms", DEFAULT_HTTP_TIMEOUT_MS, 100, 600_000)),
        n.integer("http_pool_size", DEFAULT_HTTP_POOL_SIZE, 1, 1024), retry);
  }

  private static Sources sources(ConfigNode n) {
    return new Sources(blankToNull(n.optString("engine_run_root", null)),
        blankToNull(n.optString("stream_view_root", null)), n.stringList("traffic_output_ids"),
        n.stringList("context_output_ids"), n.bool("strict_pack", false), n.bool("require_gate_pass", true));
  }

  private static Progress progress(ConfigNode n) {
    return new Progress(n.longValue("progress_every", DEFAULT_PROGRESS_EVERY, 1, Long.MAX_VALUE),
        seconds(n, "progress_seconds", DEFAULT_PROGRESS_SECONDS),
        seconds(n, "health_interval_seconds", DEFAULT_HEALTH_SECONDS));
  }

  public WspConfig withIgUrl(String url) {
    return new WspConfig(streaming, ready, new Ig(stripSlash(url), ig.apiKey(), ig.timeout(), ig.poolSize(),
        ig.retry()), sources, progress);
  }

  private static double decimal(ConfigNode n, String name, double dflt) {
    String v = n.optString(name, null);
    if (v == null) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
        throw new ConfigException(n.key(name), "must be a finite number >= 0, got " + v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigException(n.key(name), "expected a number, got \"" + v + "\"");
    }
  }

  private static Duration seconds(ConfigNode n, String name, int dflt) {
    return Duration.ofSeconds(n.integer(name, dflt, 1, 86_400));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
