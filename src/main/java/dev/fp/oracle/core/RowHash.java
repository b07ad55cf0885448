package dev.fp.oracle.core;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;

/**
 * The 64-bit hash of one row's values (column order, kinds and nulls included), computed from decoded values so
 * that a row hashes the same whether read from a source part, a spill run or a written stream-view part.
 */
public final class RowHash {
  private static final long NULL = 0x6e756c6c6e756c6cL;

  private RowHash() {
  }

  public static long of(FlatRow row) {
    FlatSchema schema = row.schema();
    long h = schema.size();
    for (int i = 0; i < schema.size(); i++) {
      h = Hash64.step(h, row.isNull(i) ? NULL : value(row, schema, i));
    }
    return h;
  }

  private static long value(FlatRow row, FlatSchema schema, int i) {
    return switch (schema.kind(i)) {
      case BOOLEAN, INT32, INT64 -> row.getLong(i);
      case FLOAT, DOUBLE -> Double.doubleToLongBits(row.getDouble(i));
      case BINARY -> Hash64.bytes(row.getBinary(i).toByteBuffer());
    };
  }
}
