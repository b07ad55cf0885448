package dev.fp.parquet;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@link FlatRow}s to one local Parquet file (replacing it). Memory is bounded by the row-group size: column
 * data is buffered until a row group is full, then flushed. Output bytes depend only on the rows and the settings,
 * never on time, so equal input gives byte-identical files. Not thread-safe.
 */
public final class FlatRowWriter implements Closeable {
  public static final CompressionCodecName DEFAULT_CODEC = CompressionCodecName.SNAPPY;
  public static final int DEFAULT_ROW_GROUP_BYTES = 16 * 1024 * 1024;

  private final ParquetWriter<FlatRow> writer;
  private final Path file;
  private long rows;

  public FlatRowWriter(Path file, FlatSchema schema, int rowGroupBytes) {
    this.file = file;
    try {
      Builder builder = new Builder(new LocalOutputFile(file), schema)
          .withConf(new PlainParquetConfiguration())
          .withCodecFactory(new PureJavaCodecs())
          .withCompressionCodec(DEFAULT_CODEC)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withRowGroupSize((long) rowGroupBytes)
          .withDictionaryEncoding(true);
      for (int i = 0; i < schema.size(); i++) {
        builder.withDictionaryEncoding(schema.name(i), dictionaryWorthIt(schema, i));
      }
      writer = builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("parquet write " + file + ": cannot open", e);
    }
  }

  /**
   * Dictionary pages pay off for repeated values (world pins, labels, merchant ids) and cost a hash lookup per
   * value for near-unique ones (ids, timestamps, amounts), where the writer would fall back to plain anyway.
   */
  static boolean dictionaryWorthIt(FlatSchema schema, int column) {
    String name = schema.name(column);
    return switch (schema.kind(column)) {
      case BOOLEAN -> true;
      case BINARY -> !name.startsWith("ts_");
      default -> LOW_CARDINALITY_NUMBERS.contains(name);
    };
  }

  private static final java.util.Set<String> LOW_CARDINALITY_NUMBERS = java.util.Set.of("seed", "event_seq",
      "case_event_seq", "bucket_index", "merchant_id");

  public void write(FlatRow row) {
    try {
      writer.write(row);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("parquet write " + file + " row " + rows, e);
    }
  }

  public long rows() {
    return rows;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("parquet write " + file + ": cannot close", e);
    }
  }

  private static final class Builder extends ParquetWriter.Builder<FlatRow, Builder> {
    private final FlatSchema schema;

    Builder(OutputFile file, FlatSchema schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<FlatRow> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return new FlatWriteSupport(schema);
    }

    @Override
    protected WriteSupport<FlatRow> getWriteSupport(ParquetConfiguration conf) {
      return new FlatWriteSupport(schema);
    }
  }

  private static final class FlatWriteSupport extends WriteSupport<FlatRow> {
    private final FlatSchema schema;
    private RecordConsumer out;

    FlatWriteSupport(FlatSchema schema) {
      this.schema = schema;
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
      return new WriteContext(schema.message(), Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration conf) {
      return new WriteContext(schema.message(), Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer consumer) {
      out = consumer;
    }

    @Override
    public void write(FlatRow row) {
      out.startMessage();
      for (int i = 0; i < schema.size(); i++) {
        if (row.isNull(i)) {
          if (!schema.nullable(i)) {
            throw new IllegalStateException("column " + schema.name(i) + " is required but the row holds null");
          }
          continue;
        }
        String name = schema.name(i);
        out.startField(name, i);
        writeValue(row, i);
        out.endField(name, i);
      }
      out.endMessage();
    }

    private void writeValue(FlatRow row, int i) {
      switch (schema.kind(i)) {
        case BOOLEAN -> out.addBoolean(row.getBool(i));
        case INT32 -> out.addInteger((int) row.getLong(i));
        case INT64 -> out.addLong(row.getLong(i));
        case FLOAT -> out.addFloat((float) row.getDouble(i));
        case DOUBLE -> out.addDouble(row.getDouble(i));
        case BINARY -> out.addBinary(row.getBinary(i));
      }
    }
  }
}
