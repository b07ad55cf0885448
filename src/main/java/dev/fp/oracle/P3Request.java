package dev.fp.oracle;

import dev.fp.contract.OutputMode;
import dev.fp.oracle.sort.SortSettings;

import java.util.List;

/**
 * What P3 (ORACLE_READY) prepares.
 *
 * @param syncSource     local engine run root to sync into {@code engineRunRoot} first (step a), or null to skip
 * @param engineRunRoot  {@code s3://oracle-store/...} or a local path
 * @param packRoot       where the pack manifest and seal go; null = the engine run root
 * @param streamViewRoot base of the stream views; null = {@code <engine run root>/stream_view/ts_utc}
 * @param outputIds      the run's required outputs ({@link OutputMode#requiredOutputs()})
 */
public record P3Request(String syncSource, String engineRunRoot, String scenarioId, String engineRelease,
                        String packRoot, String streamViewRoot, List<String> outputIds, SortSettings sort) {

  public String effectivePackRoot() {
    return packRoot == null ? engineRunRoot : packRoot;
  }

  public String effectiveStreamViewRoot() {
    return streamViewRoot == null ? trim(engineRunRoot) + "/stream_view/ts_utc" : streamViewRoot;
  }

  public P3Request withOutputIds(List<String> ids) {
    return new P3Request(syncSource, engineRunRoot, scenarioId, engineRelease, packRoot, streamViewRoot, ids, sort);
  }

  private static String trim(String root) {
    return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }
}
