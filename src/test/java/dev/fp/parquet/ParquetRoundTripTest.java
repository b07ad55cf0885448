package dev.fp.parquet;

import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writing and reading flat Parquet without Hadoop on the class path (surefire excludes hadoop-client-api). */
class ParquetRoundTripTest {
  private static final FlatSchema SCHEMA = FlatSchema.builder("t").int64("id").optionalString("label")
      .float64("amount").bool("flag").optionalInt64("maybe").string("ts_utc").build();

  @TempDir
  Path dir;

  @Test
  void shouldRunWithoutHadoopClasses() {
    assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void shouldReadBackEveryValueIncludingNulls() {
    Path file = write(5000);
    List<String> seen = read(new LocalInputFile(file));
    assertThat(seen).hasSize(5000);
    assertThat(seen.get(0)).isEqualTo("0|null|0.0|true|0|2026-01-01T00:00:00.000000Z");
    assertThat(seen.get(4999)).isEqualTo("4999|L4999|2499.5|false|null|2026-01-01T00:00:00.004999Z");
  }

  @Test
  void shouldReadTheSameThroughRangedReadsWithASmallReadAhead() {
    Path file = write(3000);
    assertThat(read(new RangedInputFile(new LocalRangeSource(file), 4096)))
        .isEqualTo(read(new LocalInputFile(file)));
  }

  @Test
  void shouldWriteByteIdenticalFilesForIdenticalRows() throws Exception {
    Path a = write(2000);
    Path b = dir.resolve("b.parquet");
    Files.move(a, b);
    Path c = write(2000);
    assertThat(Files.readAllBytes(c)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void shouldRejectNullInARequiredColumn() {
    FlatRow row = new FlatRow(SCHEMA);
    row.setNull(0);
    try (FlatRowWriter w = new FlatRowWriter(dir.resolve("bad.parquet"), SCHEMA, 1 << 20)) {
      assertThatThrownBy(() -> w.write(row)).hasMessageContaining("column id is required");
    }
  }

  private Path write(int n) {
    Path file = dir.resolve("t.parquet");
    try (FlatRowWriter w = new FlatRowWriter(file, SCHEMA, 64 * 1024)) {
      FlatRow row = new FlatRow(SCHEMA);
      for (int i = 0; i < n; i++) {
        row.setLong(0, i).setString(1, i % 2 == 0 ? null : "L" + i).setDouble(2, i * 0.5).setBool(3, i % 2 == 0);
        if (i % 3 == 0) {
          row.setLong(4, i);
        } else {
          row.setNull(4);
        }
        row.setString(5, String.format("2026-01-01T00:00:00.%06dZ", i));
        w.write(row);
      }
    }
    return file;
  }

  private static List<String> read(org.apache.parquet.io.InputFile file) {
    List<String> out = new ArrayList<>();
    try (FlatRowReader r = new FlatRowReader(file, "t")) {
      FlatRow row = new FlatRow(r.schema());
      while (r.next(row)) {
        out.add(row.getLong(0) + "|" + row.getString(1) + "|" + row.getDouble(2) + "|" + row.getBool(3) + "|"
            + (row.isNull(4) ? "null" : row.getLong(4)) + "|" + row.getString(5));
      }
    }
    return out;
  }
}
