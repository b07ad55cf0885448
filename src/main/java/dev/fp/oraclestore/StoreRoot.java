package dev.fp.oraclestore;

import dev.fp.parquet.RangeSource;
import dev.fp.parquet.RangedInputFile;
import dev.fp.substrate.objectstore.ConditionFailedException;
import dev.fp.substrate.objectstore.NoSuchObjectException;
import dev.fp.substrate.objectstore.ObjectMeta;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.buffer.Buffer;
import org.apache.parquet.io.InputFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An {@link OracleRoot} at {@code s3://bucket/prefix} over the {@link ObjectStore} port (either adapter). Parquet
 * reads are ranged GETs through a {@link RangedInputFile}. Blocking on the port's futures: worker threads only.
 */
public final class StoreRoot implements OracleRoot {
  private final ObjectStore store;
  private final String bucket;
  private final String prefix;

  public StoreRoot(ObjectStore store, String bucket, String prefix) {
    this.store = store;
    this.bucket = bucket;
    this.prefix = trim(prefix);
  }

  private static String trim(String p) {
    String t = p;
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    return t;
  }

  private String key(String rel) {
    return prefix.isEmpty() ? rel : rel.isEmpty() ? prefix : prefix + "/" + rel;
  }

  @Override
  public String uri() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  @Override
  public String locator(String key) {
    return "s3://" + bucket + "/" + key(key);
  }

  @Override
  public OracleRoot resolve(String folder) {
    return new StoreRoot(store, bucket, key(trim(folder)));
  }

  @Override
  public boolean exists(String key) {
    return Blocking.await(store.head(bucket, key(key))).isPresent();
  }

  @Override
  public Optional<byte[]> read(String key) {
    try {
      return Optional.of(Blocking.await(store.get(bucket, key(key))).getBytes());
    } catch (NoSuchObjectException e) {
      return Optional.empty();
    }
  }

  @Override
  public void write(String key, byte[] data) {
    Blocking.await(store.put(bucket, key(key), Buffer.buffer(data)));
  }

  @Override
  public boolean writeIfAbsent(String key, byte[] data) {
    try {
      Blocking.await(store.putIfAbsent(bucket, key(key), Buffer.buffer(data)));
      return true;
    } catch (ConditionFailedException e) {
      return false;
    }
  }

  @Override
  public List<String> list(String relPrefix) {
    String base = prefix.isEmpty() ? "" : prefix + "/";
    return Blocking.await(store.list(bucket, base + relPrefix)).stream().map(ObjectMeta::key)
        .map(k -> k.substring(base.length())).sorted().toList();
  }

  @Override
  public long size(String key) {
    return Blocking.await(store.head(bucket, key(key)))
        .orElseThrow(() -> new NoSuchObjectException("head", bucket, key(key))).size();
  }

  @Override
  public InputFile inputFile(String key) {
    String full = key(key);
    return new RangedInputFile(new RangeSource() {
      @Override
      public long length() {
        return size(key);
      }

      @Override
      public int read(long offset, byte[] into, int at, int length) {
        Buffer b = Blocking.await(store.getRange(bucket, full, offset, length));
        b.getBytes(0, b.length(), into, at);
        return b.length();
      }
    }, RangedInputFile.DEFAULT_READ_AHEAD);
  }

  @Override
  public void upload(String key, Path file) {
    Blocking.await(store.putFile(bucket, key(key), file));
  }

  @Override
  public int deletePrefix(String relPrefix) {
    return Blocking.await(store.deletePrefix(bucket, key(relPrefix)));
  }

  @Override
  public Optional<Path> localPath(String key) {
    return Optional.empty();
  }

  @Override
  public boolean rootExists() {
    return true;
  }

  @Override
  public void ensureExists() {
    Blocking.await(store.ensureBucket(bucket));
  }
}
