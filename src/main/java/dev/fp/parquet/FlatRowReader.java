package dev.fp.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads a flat Parquet file row by row into a reused {@link FlatRow}, one row group in memory at a time, through
 * the column readers (no record assembly). Binary values in the row point into the current page and are valid
 * until the next call to {@link #next}. Not thread-safe.
 */
public final class FlatRowReader implements Closeable {
  private final ParquetFileReader reader;
  private final String name;
  private final FlatSchema schema;
  private final long totalRows;
  private final String createdBy;
  private ColumnReader[] columns;
  private int[] maxDefinition;
  private long groupRemaining;
  private long rowIndex;

  public FlatRowReader(InputFile file, String name) {
    this.name = name;
    try {
      reader = ParquetFileReader.open(file, ReadOptions.get());
    } catch (IOException e) {
      throw new UncheckedIOException("parquet read " + name + ": cannot open", e);
    }
    schema = FlatSchema.of(reader.getFooter().getFileMetaData().getSchema());
    createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
    totalRows = reader.getRecordCount();
  }

  public FlatSchema schema() {
    return schema;
  }

  public long totalRows() {
    return totalRows;
  }

  /** 0-based index, within the file, of the row the last {@link #next} returned. */
  public long rowIndex() {
    return rowIndex - 1;
  }

  /** Fills {@code row} with the next row; false at the end of the file. */
  public boolean next(FlatRow row) {
    if (groupRemaining == 0 && !nextRowGroup()) {
      return false;
    }
    for (int i = 0; i < columns.length; i++) {
      readValue(columns[i], i, row);
    }
    groupRemaining--;
    rowIndex++;
    return true;
  }

  private void readValue(ColumnReader column, int i, FlatRow row) {
    if (column.getCurrentDefinitionLevel() < maxDefinition[i]) {
      row.setNull(i);
    } else {
      switch (schema.kind(i)) {
        case BOOLEAN -> row.setBool(i, column.getBoolean());
        case INT32 -> row.setLong(i, column.getInteger());
        case INT64 -> row.setLong(i, column.getLong());
        case FLOAT -> row.setDouble(i, column.getFloat());
        case DOUBLE -> row.setDouble(i, column.getDouble());
        case BINARY -> row.setBinary(i, column.getBinary());
      }
    }
    column.consume();
  }

  private boolean nextRowGroup() {
    try {
      PageReadStore group;
      do {
        group = reader.readNextRowGroup();
        if (group == null) {
          return false;
        }
      } while (group.getRowCount() == 0);
      ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new IgnoringConverter(), schema.message(), createdBy);
      List<ColumnDescriptor> descriptors = schema.message().getColumns();
      columns = new ColumnReader[descriptors.size()];
      maxDefinition = new int[descriptors.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = store.getColumnReader(descriptors.get(i));
        maxDefinition[i] = descriptors.get(i).getMaxDefinitionLevel();
      }
      groupRemaining = group.getRowCount();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("parquet read " + name + " at row " + rowIndex, e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("parquet read " + name + ": cannot close", e);
    }
  }

  /** Values are pulled from the column readers directly, so the record converters are never called. */
  private static final class IgnoringConverter extends GroupConverter {
    @Override
    public Converter getConverter(int fieldIndex) {
      return new PrimitiveConverter() {
      };
    }

    @Override
    public void start() {
      // unused
    }

    @Override
    public void end() {
      // unused
    }
  }
}
