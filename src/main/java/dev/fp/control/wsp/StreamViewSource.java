package dev.fp.control.wsp;

import dev.fp.control.wsp.core.Cursor;
import dev.fp.control.wsp.core.EnvelopeBuilder;
import dev.fp.control.wsp.core.Lanes;
import dev.fp.control.wsp.core.StreamEvent;
import dev.fp.control.wsp.core.WspFailure;
import dev.fp.oraclestore.OracleRoot;
import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowReader;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one output's stream view in order — parts in name order, rows in file order — resuming strictly after a
 * {@link Cursor}, and turns rows into {@link StreamEvent}s (rows of other lanes are skipped). One Parquet row group
 * in memory at a time. Blocking (object-store ranged GETs): call from a worker, one call at a time.
 */
final class StreamViewSource implements AutoCloseable {
  private final OracleRoot root;
  private final List<String> parts;
  private final Cursor resume;
  private final String outputId;
  private final List<String> primaryKey;
  private final EnvelopeBuilder builder;
  private final Lanes lanes;
  private int partIndex;
  private FlatRowReader reader;
  private FlatRow row;
  private RowValues values;

  StreamViewSource(OracleRoot root, List<String> parts, Cursor resume, String outputId, List<String> primaryKey,
                   EnvelopeBuilder builder, Lanes lanes) {
    this.root = root;
    this.parts = parts;
    this.resume = resume;
    this.outputId = outputId;
    this.primaryKey = primaryKey;
    this.builder = builder;
    this.lanes = lanes;
    this.partIndex = resume.isStart() ? 0 : firstPartAtOrAfter(resume.part());
  }

  private int firstPartAtOrAfter(String part) {
    int i = 0;
    while (i < parts.size() && parts.get(i).compareTo(part) < 0) {
      i++;
    }
    return i;
  }

  /** Up to {@code max} events after the previous call; an empty list once the view is exhausted. */
  List<StreamEvent> read(int max) {
    List<StreamEvent> out = new ArrayList<>(max);
    while (out.size() < max && advance()) {
      String part = parts.get(partIndex);
      long index = reader.rowIndex();
      if (resume.covers(part, index)) {
        continue;
      }
      StreamEvent event = builder.build(outputId, primaryKey, part, index, values.of(row));
      if (lanes.accepts(event.eventId())) {
        out.add(event);
      }
    }
    return out;
  }

  /** Moves to the next row, opening the next part when needed; false at the end of the view. */
  private boolean advance() {
    while (partIndex < parts.size()) {
      if (reader == null) {
        open(parts.get(partIndex));
      }
      if (reader.next(row)) {
        return true;
      }
      closeReader();
      partIndex++;
    }
    return false;
  }

  private void open(String part) {
    try {
      reader = new FlatRowReader(root.inputFile(part), root.locator(part));
    } catch (RuntimeException e) {
      throw new WspFailure("STREAM_VIEW_UNREADABLE", root.locator(part) + ": " + e.getMessage(), e);
    }
    row = new FlatRow(reader.schema());
    values = new RowValues(reader.schema());
  }

  private void closeReader() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }

  @Override
  public void close() {
    closeReader();
  }
}
