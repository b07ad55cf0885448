package dev.fp.world;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowWriter;
import dev.fp.world.core.ArrivalSeqTable;
import dev.fp.world.core.ChunkPlan;
import dev.fp.world.core.Draws;
import dev.fp.world.core.Flow;
import dev.fp.world.core.FlowModel;
import dev.fp.world.core.Projection;
import dev.fp.world.core.WorldPins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes part {@code p} of every output: the part's chunks in their shuffled order, the rows of each chunk shuffled
 * per output. One writer per output is open at a time, so memory is outputs × row group, whatever the world size.
 */
final class PartWriter {
  static final int ROW_GROUP_BYTES = 4 * 1024 * 1024;

  private final Path root;
  private final WorldPins pins;
  private final FlowModel model;
  private final List<Projection> projections;
  private final ChunkPlan plan;
  private final ArrivalSeqTable seqs;
  private final Draws draws;
  private final AtomicLong flowsDone;

  PartWriter(Path root, WorldPins pins, FlowModel model, List<Projection> projections, ChunkPlan plan,
             ArrivalSeqTable seqs, Draws draws, AtomicLong flowsDone) {
    this.root = root;
    this.pins = pins;
    this.model = model;
    this.projections = projections;
    this.plan = plan;
    this.seqs = seqs;
    this.draws = draws;
    this.flowsDone = flowsDone;
  }

  /** Writes the part; returns rows written per output id. */
  Map<String, Long> write(int part) throws java.io.IOException {
    List<FlatRowWriter> writers = new ArrayList<>();
    List<FlatRow> rows = new ArrayList<>();
    try {
      for (Projection p : projections) {
        Path dir = root.resolve(p.spec().folder(pins));
        Files.createDirectories(dir);
        writers.add(new FlatRowWriter(dir.resolve(String.format("part-%05d.parquet", part)), p.spec().schema(),
            ROW_GROUP_BYTES));
        rows.add(new FlatRow(p.spec().schema()));
      }
      for (int chunk : plan.chunksOf(part)) {
        Flow[] flows = flows(chunk);
        for (int o = 0; o < projections.size(); o++) {
          writeChunk(chunk, flows, projections.get(o), writers.get(o), rows.get(o), o);
        }
        flowsDone.addAndGet(flows.length);
      }
    } finally {
      writers.forEach(FlatRowWriter::close);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int o = 0; o < projections.size(); o++) {
      counts.put(projections.get(o).spec().outputId(), writers.get(o).rows());
    }
    return counts;
  }

  private Flow[] flows(int chunk) {
    long first = plan.firstFlow(chunk);
    Flow[] flows = new Flow[(int) (plan.endFlow(chunk) - first)];
    Map<Integer, Integer> inChunk = new HashMap<>();
    for (int j = 0; j < flows.length; j++) {
      long i = first + j;
      int m = model.merchantOf(i);
      int rank = inChunk.merge(m, 1, Integer::sum);
      flows[j] = model.flow(i, seqs.before(chunk, m) + (long) rank);
    }
    return flows;
  }

  private void writeChunk(int chunk, Flow[] flows, Projection p, FlatRowWriter writer, FlatRow row, int output) {
    int[] items = items(flows, p);
    long stream = Draws.stream("rows." + output);
    for (int i = items.length - 1; i > 0; i--) {
      int j = draws.below(stream, ((long) chunk << 24) + i, i + 1);
      int t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    for (int item : items) {
      row.clear();
      p.fill(flows[item >>> 3], item & 7, row);
      writer.write(row);
    }
  }

  private static int[] items(Flow[] flows, Projection p) {
    int n = 0;
    for (Flow f : flows) {
      n += p.rows(f);
    }
    int[] items = new int[n];
    int at = 0;
    for (int j = 0; j < flows.length; j++) {
      for (int k = 0; k < p.rows(flows[j]); k++) {
        items[at++] = (j << 3) | k;
      }
    }
    return items;
  }
}
