package dev.fp.rtdl.df;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowReader;
import dev.fp.parquet.FlatSchema;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.supervisor.RunContext;
import dev.fp.rtdl.df.core.DecisionQuality;
import dev.fp.rtdl.df.core.FlowTruth;
import dev.fp.rtdl.df.store.DfTables;
import dev.fp.substrate.state.PagedScan;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes DF's decision quality for a run ({@value #FILE}, next to its reconciliation): the world's flow truth read
 * from the oracle's {@code s4_flow_truth_labels_6B} parquet parts on a worker (never from the bus), held compactly by
 * flow id ({@link FlowTruth}), then DF's ledger scanned a page at a time and joined by the flow id each ledger row
 * records. Deterministic for a run's ledger and world, so writing it again gives the same file.
 */
final class DfDecisionQuality {
  static final String FILE = "decision_fabric/reconciliation/decision_quality.json";

  private DfDecisionQuality() {
  }

  /** Computes and writes the document of {@code run}; {@code truthFolder} holds the truth output's parquet parts. */
  static Future<Map<String, Object>> write(RunContext run, StateStore store, Path truthFolder) {
    return run.vertx().executeBlocking(() -> readTruth(truthFolder)).compose(truth -> {
      DecisionQuality quality = new DecisionQuality(truth);
      return PagedScan.all(store, DfTables.LEDGER_SUMMARY, DfTables.runPrefix(run.runId()), kv ->
              quality.add(kv.value().actionKind(), kv.value().reasonCodes(), flowId(kv.value().flowId())))
          .map(v -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("platform_run_id", run.runId());
            doc.put("truth_source", truthFolder.toString());
            doc.putAll(quality.document());
            return doc;
          });
    }).compose(doc -> run.vertx().executeBlocking(() -> {
      JsonFiles.write(run.runRoot().resolve(FILE), doc);
      return doc;
    }));
  }

  /** A ledger row's flow id as the truth keys it; null when the event had none or it is not an integer. */
  static Long flowId(String flowId) {
    if (flowId == null) {
      return null;
    }
    try {
      return Long.parseLong(flowId);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Every {@code *.parquet} under {@code folder}: {@code flow_id}, {@code is_fraud_truth}, {@code fraud_label}. */
  static FlowTruth readTruth(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException("no flow truth at " + folder + " (the world's s4_flow_truth_labels_6B)");
    }
    List<Path> parts;
    try (Stream<Path> walk = Files.walk(folder)) {
      parts = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    FlowTruth.Builder truth = new FlowTruth.Builder();
    for (Path part : parts) {
      try (FlatRowReader reader = new FlatRowReader(new LocalInputFile(part), part.toString())) {
        FlatSchema s = reader.schema();
        int flow = column(s, "flow_id", part);
        int fraud = column(s, "is_fraud_truth", part);
        int label = column(s, "fraud_label", part);
        FlatRow row = new FlatRow(s);
        while (reader.next(row)) {
          truth.add(row.getLong(flow), row.getBool(fraud), row.isNull(label) ? null : row.getString(label));
        }
      }
    }
    return truth.build();
  }

  private static int column(FlatSchema s, String name, Path part) throws IOException {
    int at = s.indexOrMinus1(name);
    if (at < 0) {
      throw new IOException(part + ": no column " + name);
    }
    return at;
  }
}
