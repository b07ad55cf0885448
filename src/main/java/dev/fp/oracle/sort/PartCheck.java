package dev.fp.oracle.sort;

import dev.fp.contract.WireTime;
import dev.fp.oracle.core.RowHash;
import dev.fp.oracle.core.SortStats;
import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowReader;
import org.apache.parquet.io.LocalInputFile;

import java.nio.file.Path;

/**
 * Re-reads one written stream-view part: its multiset stats, first and last time key, and whether its rows are in
 * non-decreasing time order. This is the independent check behind the receipt's {@code sorted_stats}.
 */
record PartCheck(Path part, SortStats.Accumulator stats, long firstKey, long lastKey, long outOfOrderRow) {

  static PartCheck of(Path part, String timeColumn) {
    SortStats.Accumulator stats = new SortStats.Accumulator();
    long first = Long.MIN_VALUE;
    long last = Long.MIN_VALUE;
    long outOfOrder = -1;
    try (FlatRowReader reader = new FlatRowReader(new LocalInputFile(part), part.toString())) {
      FlatRow row = new FlatRow(reader.schema());
      int ts = reader.schema().index(timeColumn);
      while (reader.next(row)) {
        long key = WireTime.parseMicros(row.getBinary(ts).toByteBuffer());
        if (stats.count() == 0) {
          first = key;
        } else if (key < last && outOfOrder < 0) {
          outOfOrder = reader.rowIndex();
        }
        last = key;
        stats.add(RowHash.of(row), key);
      }
    }
    return new PartCheck(part, stats, first, last, outOfOrder);
  }
}
