package dev.fp.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Parquet page codecs in pure Java (aircompressor for SNAPPY, ZSTD, LZ4_RAW; the JDK for GZIP), so that reading and
 * writing Parquet never loads Hadoop's codec classes (parquet-hadoop's own {@code CodecFactory} does). Other codecs
 * fail with {@link UnsupportedOperationException} naming the codec. One factory serves one writer or reader: it
 * keeps one compressor per codec (the writer asks per column), and neither factory nor compressors are thread-safe.
 */
public final class PureJavaCodecs implements CompressionCodecFactory {
  private final java.util.Map<CompressionCodecName, PageCompressor> compressors =
      new java.util.EnumMap<>(CompressionCodecName.class);

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return compressors.computeIfAbsent(codec, PageCompressor::new);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new PageDecompressor(codec);
  }

  @Override
  public void release() {
    // nothing pooled
  }

  private static Compressor compressor(CompressionCodecName codec) {
    return switch (codec) {
      case SNAPPY -> new SnappyCompressor();
      case ZSTD -> new ZstdCompressor();
      case LZ4_RAW -> new Lz4Compressor();
      default -> null;
    };
  }

  private static Decompressor decompressor(CompressionCodecName codec) {
    return switch (codec) {
      case SNAPPY -> new SnappyDecompressor();
      case ZSTD -> new ZstdDecompressor();
      case LZ4_RAW -> new Lz4Decompressor();
      default -> null;
    };
  }

  private static void checkSupported(CompressionCodecName codec) {
    if (codec != CompressionCodecName.UNCOMPRESSED && codec != CompressionCodecName.GZIP
        && compressor(codec) == null) {
      throw new UnsupportedOperationException("parquet codec " + codec + " is not supported (use SNAPPY, ZSTD, "
          + "LZ4_RAW, GZIP or UNCOMPRESSED)");
    }
  }

  private static final class PageCompressor implements BytesInputCompressor {
    private final CompressionCodecName codec;
    private final Compressor compressor;
    private byte[] out = new byte[0];

    PageCompressor(CompressionCodecName codec) {
      checkSupported(codec);
      this.codec = codec;
      this.compressor = compressor(codec);
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      byte[] in = bytes.toByteArray();
      if (codec == CompressionCodecName.GZIP) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(in.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
          gzip.write(in);
        }
        return BytesInput.from(buffer.toByteArray());
      }
      int max = compressor.maxCompressedLength(in.length);
      if (out.length < max) {
        out = new byte[max];
      }
      int length = compressor.compress(in, 0, in.length, out, 0, max);
      return BytesInput.from(out, 0, length);
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {
      // shared by the writer's columns; freed with the factory
    }
  }

  private static final class PageDecompressor implements BytesInputDecompressor {
    private final CompressionCodecName codec;
    private final Decompressor decompressor;

    PageDecompressor(CompressionCodecName codec) {
      checkSupported(codec);
      this.codec = codec;
      this.decompressor = decompressor(codec);
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int size) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      return BytesInput.from(decompress(bytes.toByteArray(), size));
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int size) throws IOException {
      byte[] in = new byte[compressedSize];
      input.get(in);
      output.put(codec == CompressionCodecName.UNCOMPRESSED ? in : decompress(in, size));
    }

    private byte[] decompress(byte[] in, int size) throws IOException {
      if (codec == CompressionCodecName.GZIP) {
        try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
          return gzip.readNBytes(size);
        }
      }
      byte[] out = new byte[size];
      decompressor.decompress(in, 0, in.length, out, 0, size);
      return out;
    }

    @Override
    public void release() {
      // stateless
    }
  }
}
