package dev.fp.control.sr;

import dev.fp.contract.OutputMode;
import dev.fp.contract.PlatformRunIds;
import dev.fp.control.sr.core.RunIntent;
import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;

import java.time.Instant;
import java.util.List;

/**
 * One submission to the Scenario Runner (the reference's {@code run-reuse}): which platform run, under which
 * equivalence key, which sealed world (engine run root, pack root, stream view root; {@code s3://} roots are read
 * through the object store) and scenario, which outputs (default: every output of the mode, context and traffic)
 * and the window. The world pins (manifest_fingerprint, parameter_hash, seed) come from the engine's
 * {@code run_receipt.json}.
 *
 * @param packRoot       null = the engine run root
 * @param streamViewRoot null = {@code <engine run root>/stream_view/ts_utc}
 * @param outputIds      empty = {@code mode.requiredOutputs()}
 */
public record SrRequest(String platformRunId, String equivalenceKey, String engineRunRoot, String packRoot,
                        String streamViewRoot, String scenarioId, OutputMode mode, List<String> outputIds,
                        Instant windowStart, Instant windowEnd) {
  public static final String DEFAULT_SCENARIO = "baseline_v1";
  public static final String STREAM_VIEW_FOLDER = "stream_view/ts_utc";

  public SrRequest {
    outputIds = outputIds == null ? List.of() : List.copyOf(outputIds);
    if (platformRunId == null || !PlatformRunIds.isValid(platformRunId)) {
      throw SrException.input(SrCodes.REQUEST_INVALID, "platform_run_id " + platformRunId + " does not match "
          + PlatformRunIds.PATTERN, "pin a run (fp run / ACTIVE_RUN_ID) or pass --platform-run-id");
    }
    if (engineRunRoot == null || engineRunRoot.isBlank()) {
      throw SrException.input(SrCodes.ENGINE_ROOT_MISSING, "no engine run root given", "pass --engine-run-root");
    }
    if (mode == null && outputIds.isEmpty()) {
      throw SrException.input(SrCodes.REQUEST_INVALID, "neither a mode nor output ids given", "pass --mode");
    }
    if (scenarioId == null || scenarioId.isBlank()) {
      throw SrException.input(SrCodes.REQUEST_INVALID, "scenario_id is empty", "pass --scenario-id");
    }
  }

  /** The supervisor's request: default window, every output of the mode, pack and views at their default roots. */
  public static SrRequest of(String platformRunId, String equivalenceKey, String engineRunRoot, String scenarioId,
                             OutputMode mode) {
    return new SrRequest(platformRunId, equivalenceKey, engineRunRoot, null, null, scenarioId, mode, List.of(),
        RunIntent.DEFAULT_WINDOW_START, RunIntent.DEFAULT_WINDOW_END);
  }

  /** {@code parity_<stamp>} from {@code platform_<stamp>}: the seed's key convention, fresh for every platform run. */
  public static String defaultEquivalenceKey(String platformRunId) {
    return "parity_" + platformRunId.substring("platform_".length());
  }

  public List<String> resolvedOutputIds() {
    return outputIds.isEmpty() ? mode.requiredOutputs() : outputIds;
  }

  public String resolvedPackRoot() {
    return packRoot == null || packRoot.isBlank() ? engineRunRoot : packRoot;
  }
}
