package dev.fp.world.core;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;
import org.apache.parquet.io.api.Binary;

import java.nio.charset.StandardCharsets;

/**
 * Projects flows onto the rows of one output: {@link #rows} says how many rows a flow has there (one per arrival,
 * two per flow for event streams, one per case event), {@link #fill} writes row {@code k} of a flow. The identity
 * columns (seed, manifest_fingerprint, parameter_hash, scenario_id) are filled by {@link #identity}.
 */
public abstract class Projection {
  protected final OutputSpec spec;
  protected final FlatSchema schema;
  private final Binary mf;
  private final Binary ph;
  private final Binary scenario;
  private final long seed;
  private final int seedCol;
  private final int mfCol;
  private final int phCol;
  private final int scenarioCol;

  protected Projection(OutputSpec spec, WorldPins pins) {
    this.spec = spec;
    this.schema = spec.schema();
    this.mf = bytes(pins.manifestFingerprint());
    this.ph = bytes(pins.parameterHash());
    this.scenario = bytes(pins.scenarioId());
    this.seed = pins.seed();
    seedCol = schema.index("seed");
    mfCol = schema.index("manifest_fingerprint");
    phCol = schema.index("parameter_hash");
    scenarioCol = schema.index("scenario_id");
  }

  public OutputSpec spec() {
    return spec;
  }

  public abstract int rows(Flow flow);

  public abstract void fill(Flow flow, int k, FlatRow row);

  protected final void identity(FlatRow row) {
    row.setLong(seedCol, seed).setBinary(mfCol, mf).setBinary(phCol, ph).setBinary(scenarioCol, scenario);
  }

  /** Index of a column, or -1 when this variant of the output does not have it. */
  protected final int col(String name) {
    return schema.indexOrMinus1(name);
  }

  protected static Binary bytes(String s) {
    return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
  }

  protected static Binary ts(long micros) {
    return Binary.fromConstantByteArray(dev.fp.contract.WireTime.format(micros));
  }

  /** Identity columns in the reference's order for 6B tables. */
  protected static FlatSchema.Builder identityColumns(FlatSchema.Builder b) {
    return b.int64("seed").string("manifest_fingerprint").string("parameter_hash").string("scenario_id");
  }
}
