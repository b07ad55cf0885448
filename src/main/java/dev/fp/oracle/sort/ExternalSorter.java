package dev.fp.oracle.sort;

import dev.fp.platform.FileTrees;
import dev.fp.contract.OracleException;
import dev.fp.contract.WireTime;
import dev.fp.oracle.core.RowCodec;
import dev.fp.oracle.core.RowHash;
import dev.fp.oracle.core.SortStats;
import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowReader;
import dev.fp.parquet.FlatRowWriter;
import dev.fp.parquet.FlatSchema;
import org.apache.parquet.io.api.Binary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sorts the rows of Parquet source parts by (time column, source position) into local part files
 * {@code part-000000.parquet}, ... in bounded heap: rows are encoded into run buffers, each full run is sorted
 * (stable radix) and spilled on a helper thread while the caller reads on, and the runs are k-way merged into
 * parts of at most {@code rowsPerPart} rows. Each finished part is re-read on the helper thread; the sort fails
 * with {@code STREAM_SORT_VALIDATION_FAILED} unless count, hash sums and time range of the parts equal those of
 * the input and every part is in order. Sources must be given in locator order and share one schema.
 *
 * <p>Blocking and CPU-heavy: run it on a worker thread. One instance per sort.
 */
public final class ExternalSorter {
  private static final String REMEDY = "delete only this output's stream_view prefix and re-run the sort";

  private final SortSettings settings;
  private final String label;
  private final String timeColumn;

  public ExternalSorter(SortSettings settings, String label, String timeColumn) {
    this.settings = settings;
    this.label = label;
    this.timeColumn = timeColumn;
  }

  /** Sorts {@code sources} into {@code outDir} (created if needed). */
  public SortResult sort(List<SourcePart> sources, Path outDir) {
    ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fp-sort-" + label);
      t.setDaemon(true);
      return t;
    });
    Path spillDir = createSpillDir();
    try {
      return new Run(sources, helper, spillDir).execute(outDir);
    } finally {
      helper.shutdownNow();
      deleteTree(spillDir);
    }
  }

  private Path createSpillDir() {
    try {
      Files.createDirectories(settings.tempDir());
      return Files.createTempDirectory(settings.tempDir(), "fp-sort-");
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot create spill folder under " + settings.tempDir(), e);
    }
  }

  /** The state of one sort, from reading to validated parts. */
  private final class Run {
    private final List<SourcePart> sources;
    private final ExecutorService helper;
    private final Path spillDir;
    private final List<SpillFile> spills = new ArrayList<>();
    private final SortStats.Accumulator raw = new SortStats.Accumulator();
    private SortProgress progress;
    private FlatSchema schema;
    private RowCodec codec;
    private RunBuffer filling;
    private RunBuffer spare;
    private Future<?> pendingSpill;

    Run(List<SourcePart> sources, ExecutorService helper, Path spillDir) {
      this.sources = sources;
      this.helper = helper;
      this.spillDir = spillDir;
    }

    SortResult execute(Path outDir) {
      progress = new SortProgress(label, totalRows(), settings.progressSeconds());
      readAll();
      progress.phase("input read (" + raw.count() + " rows, " + spills.size() + " runs spilled)");
      if (raw.count() == 0) {
        throw OracleException.check("STREAM_SORT_OUTPUT_EMPTY", label + ": the sources hold no rows",
            "check the engine outputs of this output_id");
      }
      List<PartCheck> checks = merge(outDir);
      SortStats sorted = validate(checks);
      progress.phase("done, " + checks.size() + " part(s) validated");
      return new SortResult(raw.build(), sorted, checks.stream().map(PartCheck::part).toList(), spills.size(),
          progress.elapsedMillis());
    }

    private long totalRows() {
      long total = 0;
      for (SourcePart s : sources) {
        try (FlatRowReader r = new FlatRowReader(s.file(), s.locator())) {
          total += r.totalRows();
        }
      }
      return total;
    }

    private void readAll() {
      filling = new RunBuffer(settings.runBudgetBytes());
      spare = new RunBuffer(settings.runBudgetBytes());
      long rows = 0;
      for (SourcePart source : sources) {
        try (FlatRowReader reader = new FlatRowReader(source.file(), source.locator())) {
          FlatRow row = open(reader, source);
          int ts = schema.index(timeColumn);
          while (reader.next(row)) {
            long key = key(row, ts, source, reader);
            raw.add(RowHash.of(row), key);
            if (!filling.add(codec, row, key)) {
              handOff();
              filling.add(codec, row, key);
            }
            if ((++rows & 0xFFF) == 0) {
              progress.read(rows);
            }
          }
        }
      }
      progress.read(rows);
      await(pendingSpill);
      spare = null;
      filling.sort();
    }

    private FlatRow open(FlatRowReader reader, SourcePart source) {
      if (schema == null) {
        schema = reader.schema();
        if (schema.indexOrMinus1(timeColumn) < 0) {
          throw OracleException.input("MISSING_TS_UTC", label + ": source " + source.locator()
              + " has no column " + timeColumn, "sort only outputs with a time column");
        }
        codec = new RowCodec(schema, schema.index(timeColumn));
      } else if (!schema.message().equals(reader.schema().message())) {
        throw OracleException.input("SOURCE_SCHEMA_MISMATCH", label + ": " + source.locator()
            + " has schema " + reader.schema().message() + ", the first part has " + schema.message(),
            "every part of one output must share its schema");
      }
      return new FlatRow(reader.schema());
    }

    private long key(FlatRow row, int ts, SourcePart source, FlatRowReader reader) {
      if (row.isNull(ts)) {
        throw OracleException.input("SORT_KEY_NULL", label + ": " + source.locator() + " row "
            + reader.rowIndex() + " has a null " + timeColumn, "fix the engine output");
      }
      Binary value = row.getBinary(ts);
      try {
        return WireTime.parseMicros(value.toByteBuffer());
      } catch (IllegalArgumentException e) {
        throw OracleException.input("SORT_KEY_INVALID", label + ": " + source.locator() + " row "
            + reader.rowIndex() + ": " + e.getMessage(), "fix the engine output");
      }
    }

    /**
     * The full run goes to the helper thread to be sorted and spilled while reading continues in the spare buffer.
     * Waiting for the previous spill first keeps run numbers in input order and {@code spills} single-writer.
     */
    private void handOff() {
      await(pendingSpill);
      RunBuffer full = filling;
      filling = spare;
      filling.clear();
      spare = full;
      int run = spills.size();
      Path file = spillDir.resolve(String.format("run-%06d.bin", run));
      pendingSpill = helper.submit(() -> {
        full.sort();
        spills.add(SpillFile.write(file, run, full));
      });
    }

    private List<PartCheck> merge(Path outDir) {
      List<RunCursor> cursors = new ArrayList<>();
      List<SpillFile> runs = reduceRuns();
      int bufferBytes = settings.spillReadBufferBytes(runs.size() + 1);
      for (SpillFile s : runs) {
        cursors.add(new SpillRunCursor(s, bufferBytes));
      }
      cursors.add(new MemoryRunCursor(filling, Integer.MAX_VALUE));
      MergeQueue queue = new MergeQueue(cursors);
      try {
        return new PartWriter(outDir).drain(queue);
      } finally {
        queue.closeAll();
        runs.forEach(SpillFile::delete);
      }
    }

    /** Merges spilled runs in consecutive groups until one merge pass can take them all. */
    private List<SpillFile> reduceRuns() {
      List<SpillFile> runs = new ArrayList<>(spills);
      int next = runs.size();
      while (runs.size() + 1 > SortSettings.MAX_FAN_IN) {
        List<SpillFile> reduced = new ArrayList<>();
        for (int i = 0; i < runs.size(); i += SortSettings.MAX_FAN_IN) {
          List<SpillFile> group = runs.subList(i, Math.min(runs.size(), i + SortSettings.MAX_FAN_IN));
          reduced.add(group.size() == 1 ? group.get(0) : mergeGroup(group, next++));
        }
        runs = reduced;
      }
      return runs;
    }

    private SpillFile mergeGroup(List<SpillFile> group, int id) {
      List<RunCursor> cursors = new ArrayList<>();
      int bufferBytes = settings.spillReadBufferBytes(group.size());
      for (SpillFile s : group) {
        cursors.add(new SpillRunCursor(s, bufferBytes));
      }
      Path file = spillDir.resolve(String.format("run-%06d.bin", id));
      SpillFile merged = SpillFile.merge(file, group.get(0).run(), new MergeQueue(cursors));
      group.forEach(SpillFile::delete);
      return merged;
    }

    private SortStats validate(List<PartCheck> checks) {
      SortStats.Accumulator sorted = new SortStats.Accumulator();
      long previousLast = Long.MIN_VALUE;
      for (PartCheck c : checks) {
        if (c.outOfOrderRow() >= 0 || (c.stats().count() > 0 && c.firstKey() < previousLast)) {
          throw OracleException.check("STREAM_SORT_VALIDATION_FAILED", label + ": " + c.part()
              + " is not in time order", REMEDY);
        }
        previousLast = c.lastKey();
        sorted.add(c.stats());
      }
      SortStats in = raw.build();
      SortStats out = sorted.build();
      if (!in.equals(out)) {
        throw OracleException.check("STREAM_SORT_VALIDATION_FAILED", label + ": raw " + in.toMap()
            + " != sorted " + out.toMap(), REMEDY);
      }
      return out;
    }

    /** Writes merged rows into bounded parts; each closed part is checked on the helper thread. */
    private final class PartWriter {
      private final Path outDir;
      private final List<Future<PartCheck>> checks = new ArrayList<>();
      private final FlatRow row = new FlatRow(schema);
      private FlatRowWriter writer;
      private long written;

      PartWriter(Path outDir) {
        this.outDir = outDir;
      }

      List<PartCheck> drain(MergeQueue queue) {
        createDirectories(outDir);
        RunCursor c;
        while ((c = queue.poll()) != null) {
          if (writer == null) {
            writer = new FlatRowWriter(outDir.resolve(partName(checks.size())), schema, settings.rowGroupBytes());
          }
          codec.decode(c.bytes(), c.offset(), c.key(), row);
          writer.write(row);
          queue.push(c);
          if (writer.rows() == settings.rowsPerPart()) {
            closePart();
          }
          if ((++written & 0xFFF) == 0) {
            progress.written(written);
          }
        }
        if (writer != null) {
          closePart();
        }
        progress.written(written);
        List<PartCheck> done = new ArrayList<>();
        for (Future<PartCheck> f : checks) {
          done.add(await(f));
        }
        return done;
      }

      private void closePart() {
        writer.close();
        Path part = writer.file();
        checks.add(helper.submit(() -> PartCheck.of(part, timeColumn)));
        writer = null;
      }
    }
  }

  public static String partName(int index) {
    return String.format("part-%06d.parquet", index);
  }

  private static <T> T await(Future<T> f) {
    if (f == null) {
      return null;
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("stream sort interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("stream sort helper failed: " + e.getCause(), e.getCause());
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot create " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot delete spill folder " + dir, e);
    }
  }
}
