package dev.fp.contract;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Platform run ids {@code platform_YYYYMMDDTHHMMSSZ} (UTC, one-second resolution): mint, validate, resolve and pin,
 * as case_ops_obs.md §0.
 *
 * <p>Resolution order: env {@code PLATFORM_RUN_ID} when non-blank, then the trimmed first line of
 * {@code <runsRoot>/fraud-platform/ACTIVE_RUN_ID}, then (only in {@link #resolveOrCreate}) a freshly minted id that is
 * written to that file. A value from either source that is not a valid id fails with {@link IllegalStateException}
 * naming the source. Minting takes wall time from the injected {@link Clock} and is monotonic over pins: a new id is
 * always strictly later than the current ACTIVE one, so when the clock still shows the active id's second (or an
 * earlier one) the new id is the active one plus one second — deterministic, no waiting.
 *
 * <p>Methods touching {@code runsRoot} do blocking file I/O (see {@link ActiveRunFile}); run them on a worker.
 * Environment values are passed in, never read from {@code System.getenv} here.
 */
public final class PlatformRunIds {
  public static final String ENV_VAR = "PLATFORM_RUN_ID";
  public static final String PATTERN = "^platform_[0-9]{8}T[0-9]{6}Z$";
  private static final String PREFIX = "platform_";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  public PlatformRunIds(Clock clock) {
    this.clock = clock;
  }

  public static boolean isValid(String id) {
    return WireFormats.isPlatformRunId(id);
  }

  /** Path of the ACTIVE_RUN_ID file under a runs root (e.g. {@code runs}). */
  public static Path activeRunFile(Path runsRoot) {
    return ActiveRunFile.path(runsRoot);
  }

  /** The id for the clock's current second. */
  public String mint() {
    return format(clock.instant());
  }

  /** Env override, else the ACTIVE_RUN_ID file; empty when neither is set. */
  public Optional<String> resolve(Path runsRoot, Map<String, String> env) {
    String fromEnv = env.get(ENV_VAR);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(requireValid(fromEnv.strip(), "env " + ENV_VAR));
    }
    return ActiveRunFile.read(runsRoot).map(id -> requireValid(id, ActiveRunFile.path(runsRoot).toString()));
  }

  /** {@link #resolve}, else mints a new id and pins it. */
  public String resolveOrCreate(Path runsRoot, Map<String, String> env) {
    return resolve(runsRoot, env).orElseGet(() -> startNew(runsRoot));
  }

  /** Mints an id strictly later than the current ACTIVE one and pins it (the {@code platform-run-new} action). */
  public String startNew(Path runsRoot) {
    Optional<String> active = ActiveRunFile.read(runsRoot).filter(PlatformRunIds::isValid);
    String id = active.map(this::mintAfter).orElseGet(this::mint);
    pin(runsRoot, id);
    return id;
  }

  /** The clock's id, or {@code previous + 1s} when the clock has not moved past {@code previous}. */
  public String mintAfter(String previous) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant last = parse(previous);
    return format(now.isAfter(last) ? now : last.plusSeconds(1));
  }

  /** Atomically writes {@code <id>\n} to ACTIVE_RUN_ID (blocking). */
  public static void pin(Path runsRoot, String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("pin " + ActiveRunFile.path(runsRoot) + ": '" + id
          + "' is not a platform run id (" + PATTERN + ")");
    }
    ActiveRunFile.write(runsRoot, id);
  }

  /** The instant a run id names; fails with {@link IllegalArgumentException} when it is not a valid id. */
  public static Instant parse(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("not a platform run id (" + PATTERN + "): " + id);
    }
    return STAMP.parse(id.substring(PREFIX.length()), Instant::from);
  }

  private static String format(Instant instant) {
    return PREFIX + STAMP.format(instant);
  }

  private static String requireValid(String id, String source) {
    if (!isValid(id)) {
      throw new IllegalStateException("resolve platform_run_id: " + source + " holds '" + id
          + "', expected a platform run id (" + PATTERN + ")");
    }
    return id;
  }
}
