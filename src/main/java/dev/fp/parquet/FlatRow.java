package dev.fp.parquet;

import org.apache.parquet.io.api.Binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One mutable row of a {@link FlatSchema}, reused row after row by readers and writers. Integers and booleans live
 * in a long slot, floats in a double slot, byte arrays as {@link Binary} (which may point into a reader's page:
 * consume it before the next row). Not thread-safe.
 */
public final class FlatRow {
  private final FlatSchema schema;
  private final long[] longs;
  private final double[] doubles;
  private final Binary[] binaries;
  private final boolean[] nulls;

  public FlatRow(FlatSchema schema) {
    this.schema = schema;
    int n = schema.size();
    longs = new long[n];
    doubles = new double[n];
    binaries = new Binary[n];
    nulls = new boolean[n];
  }

  public FlatSchema schema() {
    return schema;
  }

  public void clear() {
    Arrays.fill(nulls, false);
  }

  public FlatRow setLong(int column, long value) {
    longs[column] = value;
    nulls[column] = false;
    return this;
  }

  public FlatRow setBool(int column, boolean value) {
    return setLong(column, value ? 1 : 0);
  }

  public FlatRow setDouble(int column, double value) {
    doubles[column] = value;
    nulls[column] = false;
    return this;
  }

  public FlatRow setBinary(int column, Binary value) {
    binaries[column] = value;
    nulls[column] = false;
    return this;
  }

  public FlatRow setString(int column, String value) {
    return value == null ? setNull(column)
        : setBinary(column, Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8)));
  }

  public FlatRow setNull(int column) {
    nulls[column] = true;
    return this;
  }

  public boolean isNull(int column) {
    return nulls[column];
  }

  public long getLong(int column) {
    return longs[column];
  }

  public boolean getBool(int column) {
    return longs[column] != 0;
  }

  public double getDouble(int column) {
    return doubles[column];
  }

  public Binary getBinary(int column) {
    return binaries[column];
  }

  public String getString(int column) {
    return nulls[column] ? null : binaries[column].toStringUsingUTF8();
  }
}
