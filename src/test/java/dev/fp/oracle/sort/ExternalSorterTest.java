package dev.fp.oracle.sort;

import dev.fp.contract.OracleException;
import dev.fp.contract.WireTime;
import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowReader;
import dev.fp.parquet.FlatRowWriter;
import dev.fp.parquet.FlatSchema;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Total order (ts_utc, source file, row), spilling, part bounds and validation of the external sort. */
class ExternalSorterTest {
  private static final FlatSchema SCHEMA = FlatSchema.builder("events").string("ts_utc").int64("id")
      .optionalString("note").float64("amount").build();
  private static final long T0 = 1_767_225_600_000_000L;

  @TempDir
  Path dir;

  /** One input row and where it came from. */
  record In(long ts, String file, int row, long id, String note) {
  }

  @Test
  void shouldBreakTimestampTiesBySourceFileThenRow() {
    List<In> rows = new ArrayList<>();
    // file b is given first but sorts after a: equal timestamps must come from a first, then b, each in row order
    rows.addAll(write("part-b.parquet", new long[] {5, 1, 5, 1}, 100));
    rows.addAll(write("part-a.parquet", new long[] {5, 5, 1, 3}, 200));
    List<SourcePart> sources = sources(List.of("part-a.parquet", "part-b.parquet"));
    SortResult result = new ExternalSorter(settings(16, 1000), "ties", "ts_utc").sort(sources, dir.resolve("out"));
    assertThat(ids(result.parts())).containsExactly(202L, 101L, 103L, 203L, 200L, 201L, 100L, 102L);
  }

  @Test
  void shouldSpillRunsAndStillProduceTheTotalOrderInBoundedParts() {
    SplittableRandom r = new SplittableRandom(9);
    List<In> expected = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      long[] ts = new long[60_000];
      for (int i = 0; i < ts.length; i++) {
        ts[i] = r.nextInt(5_000);
      }
      String name = "part-" + f + ".parquet";
      expected.addAll(write(name, ts, f * 1_000_000L));
      files.add(name);
    }
    expected.sort(Comparator.comparingLong(In::ts).thenComparing(In::file).thenComparingInt(In::row));
    SortResult result = new ExternalSorter(settings(16, 50_000), "spill", "ts_utc").sort(sources(files),
        dir.resolve("out"));
    assertThat(result.spilledRuns()).isGreaterThan(0);
    assertThat(result.parts()).hasSize(4);
    assertThat(result.parts().get(0).getFileName().toString()).isEqualTo("part-000000.parquet");
    assertThat(ids(result.parts())).isEqualTo(expected.stream().map(In::id).toList());
    assertThat(result.sortedStats()).isEqualTo(result.rawStats());
    assertThat(result.rawStats().rowCount()).isEqualTo(180_000);
    assertThat(result.rawStats().minTsUtc()).isEqualTo(WireTime.formatString(T0));
  }

  @Test
  void shouldKeepEveryColumnValueIncludingNullsAndNonCanonicalTimestamps() throws Exception {
    Path file = dir.resolve("odd.parquet");
    try (FlatRowWriter w = new FlatRowWriter(file, SCHEMA, 1 << 20)) {
      FlatRow row = new FlatRow(SCHEMA);
      w.write(row.setString(0, "2026-01-01 00:00:02").setLong(1, 1).setNull(2).setDouble(3, 1.5));
      w.write(row.setString(0, "2026-01-01T00:00:01.000000Z").setLong(1, 2).setString(2, "x").setDouble(3, -0.0));
    }
    SortResult result = new ExternalSorter(settings(16, 10), "odd", "ts_utc")
        .sort(List.of(new SourcePart(file.toString(), new LocalInputFile(file))), dir.resolve("out"));
    List<String> out = new ArrayList<>();
    try (FlatRowReader r = new FlatRowReader(new LocalInputFile(result.parts().get(0)), "out")) {
      FlatRow row = new FlatRow(r.schema());
      while (r.next(row)) {
        out.add(row.getString(0) + "|" + row.getLong(1) + "|" + row.getString(2) + "|" + row.getDouble(3));
      }
    }
    assertThat(out).containsExactly("2026-01-01T00:00:01.000000Z|2|x|-0.0", "2026-01-01 00:00:02|1|null|1.5");
  }

  @Test
  void shouldRefuseSourcesWithoutTheTimeColumn() {
    FlatSchema other = FlatSchema.builder("x").int64("id").build();
    Path file = dir.resolve("x.parquet");
    try (FlatRowWriter w = new FlatRowWriter(file, other, 1 << 20)) {
      w.write(new FlatRow(other).setLong(0, 1));
    }
    assertThatThrownBy(() -> new ExternalSorter(settings(16, 10), "x", "ts_utc")
        .sort(List.of(new SourcePart(file.toString(), new LocalInputFile(file))), dir.resolve("out")))
        .isInstanceOfSatisfying(OracleException.class, e -> assertThat(e.code()).isEqualTo("MISSING_TS_UTC"));
  }

  private SortSettings settings(int memoryMb, long rowsPerPart) {
    return new SortSettings(memoryMb, rowsPerPart, dir.resolve("tmp"), 60);
  }

  private List<In> write(String name, long[] secondsOffsets, long firstId) {
    List<In> rows = new ArrayList<>();
    try (FlatRowWriter w = new FlatRowWriter(dir.resolve(name), SCHEMA, 1 << 20)) {
      FlatRow row = new FlatRow(SCHEMA);
      for (int i = 0; i < secondsOffsets.length; i++) {
        long ts = T0 + secondsOffsets[i] * 1000;
        row.setString(0, WireTime.formatString(ts)).setLong(1, firstId + i)
            .setString(2, i % 3 == 0 ? null : "n" + (i % 5)).setDouble(3, i * 0.25);
        w.write(row);
        rows.add(new In(ts, dir.resolve(name).toString(), i, firstId + i, null));
      }
    }
    return rows;
  }

  private List<SourcePart> sources(List<String> names) {
    return names.stream().sorted().map(n -> new SourcePart(dir.resolve(n).toString(),
        new LocalInputFile(dir.resolve(n)))).toList();
  }

  private static List<Long> ids(List<Path> parts) {
    List<Long> ids = new ArrayList<>();
    for (Path p : parts) {
      assertThat(Files.exists(p)).isTrue();
      try (FlatRowReader r = new FlatRowReader(new LocalInputFile(p), p.toString())) {
        FlatRow row = new FlatRow(r.schema());
        while (r.next(row)) {
          ids.add(row.getLong(1));
        }
      }
    }
    return ids;
  }
}
