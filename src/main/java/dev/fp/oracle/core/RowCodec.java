package dev.fp.oracle.core;

import dev.fp.contract.WireTime;
import dev.fp.parquet.ColumnKind;
import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;
import org.apache.parquet.io.api.Binary;

import java.util.Arrays;

/**
 * Compact binary form of a {@link FlatRow} for sort runs and spill files: a null bitmap, then fixed-width numbers
 * and, per byte-string column, a varint tag — 0 for "the time column, re-rendered from the sort key", even for a
 * dictionary code, odd for an inline length. The time column is stored only when re-rendering would not reproduce
 * its exact bytes, so rows round-trip unchanged. One codec per sort; see {@link BinaryDictionary} for threading.
 */
public final class RowCodec {
  private static final int MAX_CODES = 1 << 16;
  private static final long MAX_DICTIONARY_BYTES = 8L * 1024 * 1024;

  private final FlatSchema schema;
  private final int timeColumn;
  private final int bitmapBytes;
  private final BinaryDictionary[] dictionaries;
  private final byte[] scratch = new byte[WireTime.LENGTH];

  public RowCodec(FlatSchema schema, int timeColumn) {
    this.schema = schema;
    this.timeColumn = timeColumn;
    this.bitmapBytes = (schema.size() + 7) / 8;
    this.dictionaries = new BinaryDictionary[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      if (schema.kind(i) == ColumnKind.BINARY) {
        dictionaries[i] = new BinaryDictionary(MAX_CODES, MAX_DICTIONARY_BYTES / schema.size());
      }
    }
  }

  public void encode(FlatRow row, long tsMicros, ByteSink out) {
    out.ensure(bitmapBytes);
    int bitmapAt = out.size();
    for (int i = 0; i < bitmapBytes; i++) {
      out.put((byte) 0);
    }
    for (int i = 0; i < schema.size(); i++) {
      if (row.isNull(i)) {
        out.array()[bitmapAt + (i >>> 3)] |= (byte) (1 << (i & 7));
      } else {
        encodeValue(row, i, tsMicros, out);
      }
    }
  }

  private void encodeValue(FlatRow row, int i, long tsMicros, ByteSink out) {
    switch (schema.kind(i)) {
      case BOOLEAN -> out.put((byte) row.getLong(i));
      case INT32 -> out.putInt((int) row.getLong(i));
      case INT64 -> out.putLong(row.getLong(i));
      case FLOAT -> out.putInt(Float.floatToRawIntBits((float) row.getDouble(i)));
      case DOUBLE -> out.putLong(Double.doubleToRawLongBits(row.getDouble(i)));
      case BINARY -> encodeBinary(row.getBinary(i), i, tsMicros, out);
    }
  }

  private void encodeBinary(Binary value, int i, long tsMicros, ByteSink out) {
    if (i == timeColumn && rendersAs(value, tsMicros)) {
      out.putVarint(0);
      return;
    }
    int code = dictionaries[i].codeOf(value);
    if (code >= 0) {
      out.putVarint(2L * (code + 1));
      return;
    }
    java.nio.ByteBuffer b = value.toByteBuffer();
    out.putVarint(2L * b.remaining() + 1);
    if (b.hasArray()) {
      out.put(b.array(), b.arrayOffset() + b.position(), b.remaining());
    } else {
      byte[] bytes = value.getBytesUnsafe();
      out.put(bytes, 0, bytes.length);
    }
  }

  private boolean rendersAs(Binary value, long tsMicros) {
    if (value.length() != WireTime.LENGTH) {
      return false;
    }
    WireTime.formatInto(tsMicros, scratch);
    java.nio.ByteBuffer b = value.toByteBuffer();
    if (b.hasArray()) {
      int at = b.arrayOffset() + b.position();
      return Arrays.equals(b.array(), at, at + WireTime.LENGTH, scratch, 0, WireTime.LENGTH);
    }
    return Arrays.equals(value.getBytesUnsafe(), scratch);
  }

  /** Decodes the row at {@code at} into {@code row}; returns the offset just past it. */
  public int decode(byte[] data, int at, long tsMicros, FlatRow row) {
    int[] pos = {at + bitmapBytes};
    for (int i = 0; i < schema.size(); i++) {
      if ((data[at + (i >>> 3)] & (1 << (i & 7))) != 0) {
        row.setNull(i);
      } else {
        decodeValue(data, pos, i, tsMicros, row);
      }
    }
    return pos[0];
  }

  private void decodeValue(byte[] data, int[] pos, int i, long tsMicros, FlatRow row) {
    int p = pos[0];
    switch (schema.kind(i)) {
      case BOOLEAN -> {
        row.setLong(i, data[p]);
        pos[0] = p + 1;
      }
      case INT32 -> {
        row.setLong(i, ByteSink.getInt(data, p));
        pos[0] = p + 4;
      }
      case INT64 -> {
        row.setLong(i, ByteSink.getLong(data, p));
        pos[0] = p + 8;
      }
      case FLOAT -> {
        row.setDouble(i, Float.intBitsToFloat(ByteSink.getInt(data, p)));
        pos[0] = p + 4;
      }
      case DOUBLE -> {
        row.setDouble(i, Double.longBitsToDouble(ByteSink.getLong(data, p)));
        pos[0] = p + 8;
      }
      case BINARY -> row.setBinary(i, decodeBinary(data, pos, i, tsMicros));
    }
  }

  private Binary decodeBinary(byte[] data, int[] pos, int i, long tsMicros) {
    long tag = ByteSink.getVarint(data, pos);
    if (tag == 0) {
      return Binary.fromConstantByteArray(WireTime.format(tsMicros));
    }
    if ((tag & 1) == 0) {
      return dictionaries[i].value((int) (tag / 2) - 1);
    }
    int length = (int) (tag >>> 1);
    Binary value = Binary.fromConstantByteArray(Arrays.copyOfRange(data, pos[0], pos[0] + length));
    pos[0] += length;
    return value;
  }

  public long dictionaryBytes() {
    long total = 0;
    for (BinaryDictionary d : dictionaries) {
      total += d == null ? 0 : d.heapBytes();
    }
    return total;
  }
}
