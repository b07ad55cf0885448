package dev.fp.oracle.sort;

import dev.fp.oracle.core.ByteSink;
import dev.fp.oracle.core.RowCodec;
import dev.fp.oracle.core.StableOrder;
import dev.fp.parquet.FlatRow;

import java.util.Arrays;

/**
 * One in-memory sort run: encoded rows back to back, with each row's time key and offset. Full when its heap
 * (row bytes plus {@value #PER_ROW_OVERHEAD} bytes a row for keys, offsets and the sort's scratch) reaches the
 * budget. Reused run after run; used by one thread at a time.
 */
final class RunBuffer {
  static final int PER_ROW_OVERHEAD = 36;

  private final long budgetBytes;
  private final ByteSink data;
  private long[] keys = new long[1024];
  private int[] offsets = new int[1024];
  private int rows;
  private int[] order;

  RunBuffer(long budgetBytes) {
    this.budgetBytes = budgetBytes;
    this.data = new ByteSink((int) Math.min(budgetBytes / 4, 16L * 1024 * 1024), (int) Math.min(budgetBytes, Integer.MAX_VALUE - 16));
  }

  /** Appends a row; false (nothing kept) when the run is full and the row should start the next run. */
  boolean add(RowCodec codec, FlatRow row, long key) {
    int mark = data.size();
    codec.encode(row, key, data);
    if (rows > 0 && data.size() + (long) (rows + 1) * PER_ROW_OVERHEAD > budgetBytes) {
      data.truncate(mark);
      return false;
    }
    if (rows == keys.length) {
      keys = Arrays.copyOf(keys, rows * 2);
      offsets = Arrays.copyOf(offsets, rows * 2);
    }
    keys[rows] = key;
    offsets[rows] = mark;
    rows++;
    return true;
  }

  int rows() {
    return rows;
  }

  boolean isEmpty() {
    return rows == 0;
  }

  void sort() {
    order = StableOrder.of(keys, rows);
  }

  /** Key of the i-th row in sorted order. */
  long sortedKey(int i) {
    return keys[order[i]];
  }

  int sortedOffset(int i) {
    return offsets[order[i]];
  }

  byte[] bytes() {
    return data.array();
  }

  /** Length of the row at {@code offset} (rows are contiguous). */
  int length(int sortedIndex) {
    int pos = order[sortedIndex];
    int end = pos + 1 < rows ? offsets[pos + 1] : data.size();
    return end - offsets[pos];
  }

  void clear() {
    data.reset();
    rows = 0;
    order = null;
  }
}
