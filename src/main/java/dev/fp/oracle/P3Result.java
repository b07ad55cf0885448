package dev.fp.oracle;

import java.util.List;

/**
 * What one P3 entry action did: the pack id and, per required output, SORTED / SKIPPED (valid receipt) or FAILED
 * with the reference's code and remedy, so the supervisor retries per output_id.
 */
public record P3Result(String oraclePackId, String sealLocator, List<OutputResult> outputs) {

  /** One output's outcome; {@code code}/{@code detail}/{@code remedy} are set only when FAILED. */
  public record OutputResult(String outputId, String status, String receipt, long rows, String code, String detail,
                             String remedy) {
  }

  public boolean allReady() {
    return outputs.stream().noneMatch(o -> o.status().equals("FAILED"));
  }
}
