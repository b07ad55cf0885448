package dev.fp.parquet;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

import java.lang.reflect.Constructor;
import java.util.HashMap;

/**
 * Parquet read options that carry {@link PureJavaCodecs} and a plain (Hadoop-free) configuration.
 *
 * <p>Why reflection: every public way to build {@link ParquetReadOptions} in parquet-java 1.18 first constructs
 * parquet-hadoop's {@code CodecFactory}, whose class links against Hadoop's zlib classes, so it fails without Hadoop
 * on the class path. The package-private all-arguments constructor takes the codec factory directly. The pinned
 * parquet version is covered by {@code ParquetRoundTripTest}, which runs without Hadoop.
 */
public final class ReadOptions {
  private static final int ALLOCATION_SIZE = 8 * 1024 * 1024;
  private static final ParquetReadOptions OPTIONS = build();

  private ReadOptions() {
  }

  public static ParquetReadOptions get() {
    return OPTIONS;
  }

  private static ParquetReadOptions build() {
    try {
      for (Constructor<?> c : ParquetReadOptions.class.getDeclaredConstructors()) {
        if (c.getParameterCount() == 18) {
          c.setAccessible(true);
          return (ParquetReadOptions) c.newInstance(false, false, false, false, false, false, false, false, false,
              FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, new PureJavaCodecs(),
              new HeapByteBufferAllocator(), ALLOCATION_SIZE, new HashMap<String, String>(), null, null,
              new PlainParquetConfiguration());
        }
      }
      throw new IllegalStateException("parquet read options: no all-arguments constructor in this parquet version");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("parquet read options: cannot construct: " + e, e);
    }
  }
}
