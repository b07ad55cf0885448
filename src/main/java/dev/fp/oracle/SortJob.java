package dev.fp.oracle;

import dev.fp.platform.FileTrees;
import dev.fp.contract.Timestamps;
import dev.fp.contract.JsonDoc;
import dev.fp.contract.OracleException;
import dev.fp.contract.StreamViewDocs;
import dev.fp.contract.StreamViewDocs.ViewId;
import dev.fp.oracle.sort.ExternalSorter;
import dev.fp.oracle.sort.SortResult;
import dev.fp.oracle.sort.SortSettings;
import dev.fp.oracle.sort.SourcePart;
import dev.fp.oraclestore.EngineWorld;
import dev.fp.oraclestore.OracleRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stream sort of one output (control_ingress §2.5): builds {@code <view root>/output_id=<id>/part-*.parquet} in
 * (ts_utc, source file, row) order with its receipt and manifest. Before any work, the output's prefix decides:
 * a valid receipt whose parts exist → skip (the manifest is restored if missing); a receipt that does not match →
 * {@code STREAM_RECEIPT_MISMATCH}; a manifest without receipt → {@code STREAM_RECEIPT_MISSING}; parts without a
 * receipt → {@code STREAM_VIEW_PARTIAL_EXISTS}. The remedy of all three is to delete only that output's prefix.
 * The receipt is written only after the parts validated, then the manifest. Blocking.
 */
public final class SortJob {
  private static final Logger LOG = LoggerFactory.getLogger(SortJob.class);

  private final EngineWorld world;
  private final OracleRoot viewBase;
  private final SortSettings settings;
  private final Clock clock;

  public SortJob(EngineWorld world, OracleRoot viewBase, SortSettings settings, Clock clock) {
    this.world = world;
    this.viewBase = viewBase;
    this.settings = settings;
    this.clock = clock;
  }

  /** Outcome of one output's sort. */
  public record Outcome(String outputId, boolean skipped, String receipt, long rows, int parts, int spilledRuns,
                        long elapsedMillis) {
  }

  public static String outputPrefix(String outputId) {
    return "output_id=" + outputId + "/";
  }

  public Outcome sort(String outputId) {
    List<String> sources = world.sources(outputId);
    List<String> locators = sources.stream().map(k -> world.root().locator(k)).toList();
    ViewId id = new ViewId(StreamViewDocs.streamViewId(world.root().uri(), world.key().scenarioId(), outputId),
        world.root().uri(), viewBase.uri(), outputId, StreamViewDocs.sourceLocatorDigest(locators));
    String prefix = outputPrefix(outputId);
    Outcome existing = checkExisting(id, prefix);
    if (existing != null) {
      LOG.info("stream sort {}: valid receipt at {}, skipped", outputId, existing.receipt());
      return existing;
    }
    List<SourcePart> parts = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      parts.add(new SourcePart(locators.get(i), world.root().inputFile(sources.get(i))));
    }
    SortResult result = sortInto(parts, prefix, outputId);
    List<String> names = result.parts().stream().map(p -> p.getFileName().toString()).toList();
    String now = Timestamps.now(clock);
    viewBase.write(prefix + StreamViewDocs.RECEIPT,
        JsonDoc.write(StreamViewDocs.receipt(id, result.rawStats().toMap(), result.sortedStats().toMap(), names, now)));
    viewBase.write(prefix + StreamViewDocs.MANIFEST, JsonDoc.write(StreamViewDocs.manifest(id, world.key(), now)));
    return new Outcome(outputId, false, viewBase.locator(prefix + StreamViewDocs.RECEIPT),
        result.sortedStats().rowCount(), names.size(), result.spilledRuns(), result.elapsedMillis());
  }

  private SortResult sortInto(List<SourcePart> parts, String prefix, String outputId) {
    ExternalSorter sorter = new ExternalSorter(settings, outputId, "ts_utc");
    Path local = viewBase.localPath(prefix).orElse(null);
    if (local != null) {
      return sorter.sort(parts, local);
    }
    Path staging = staging(outputId);
    try {
      SortResult result = sorter.sort(parts, staging);
      for (Path part : result.parts()) {
        viewBase.upload(prefix + part.getFileName(), part);
      }
      return result;
    } finally {
      deleteTree(staging);
    }
  }

  /** A receipt-proven earlier result, or null when the output must be sorted; throws on conflicts. */
  private Outcome checkExisting(ViewId id, String prefix) {
    List<String> keys = viewBase.list(prefix);
    String receiptKey = prefix + StreamViewDocs.RECEIPT;
    String remedy = "delete only " + viewBase.locator(prefix) + " and re-run `fp oracle sort --output-id "
        + id.outputId() + "`";
    if (keys.contains(receiptKey)) {
      Map<String, Object> receipt = viewBase.read(receiptKey).flatMap(JsonDoc::parse).orElseThrow(() ->
          OracleException.check("STREAM_RECEIPT_MISMATCH", viewBase.locator(receiptKey) + " is not readable JSON",
              remedy));
      List<String> problems = new ArrayList<>(StreamViewDocs.receiptProblems(id, receipt));
      List<String> partNames = receipt.get("parts") instanceof List<?> l ? l.stream().map(String::valueOf).toList()
          : List.of();
      partNames.stream().filter(p -> !keys.contains(prefix + p)).forEach(p -> problems.add("part " + p + " missing"));
      if (partNames.isEmpty()) {
        problems.add("no parts listed");
      }
      if (!problems.isEmpty()) {
        throw OracleException.check("STREAM_RECEIPT_MISMATCH", viewBase.locator(receiptKey) + ": " + problems,
            remedy);
      }
      if (!keys.contains(prefix + StreamViewDocs.MANIFEST)) {
        viewBase.write(prefix + StreamViewDocs.MANIFEST, JsonDoc.write(StreamViewDocs.manifest(id, world.key(),
            String.valueOf(receipt.get("created_utc")))));
      }
      long rows = receipt.get("sorted_stats") instanceof Map<?, ?> s && s.get("row_count") instanceof Number n
          ? n.longValue() : 0;
      return new Outcome(id.outputId(), true, viewBase.locator(receiptKey), rows, partNames.size(), 0, 0);
    }
    if (keys.contains(prefix + StreamViewDocs.MANIFEST)) {
      throw OracleException.check("STREAM_RECEIPT_MISSING", viewBase.locator(prefix) + " has a manifest but no "
          + "receipt", remedy);
    }
    if (keys.stream().anyMatch(k -> k.endsWith(".parquet"))) {
      throw OracleException.check("STREAM_VIEW_PARTIAL_EXISTS", viewBase.locator(prefix) + " holds parquet parts "
          + "but no receipt (an earlier sort stopped part-way)", remedy);
    }
    return null;
  }

  private Path staging(String outputId) {
    try {
      Files.createDirectories(settings.tempDir());
      return Files.createTempDirectory(settings.tempDir(), "fp-view-" + outputId + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot create staging folder under " + settings.tempDir(), e);
    }
  }

  private static void deleteTree(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("stream sort: cannot delete staging folder " + dir, e);
    }
  }
}
