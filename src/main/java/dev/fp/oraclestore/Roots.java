package dev.fp.oraclestore;

import dev.fp.substrate.objectstore.ObjectStore;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Opens an {@link OracleRoot} from its string: {@code s3://bucket/prefix} maps to the object store (the profile's
 * adapter: S3 on parity, the {@code runs/objects} tree on embedded), anything else is a local folder.
 */
public final class Roots {
  public static final String SCHEME = "s3://";

  private Roots() {
  }

  public static boolean isObjectStore(String root) {
    return root.startsWith(SCHEME);
  }

  /** @param store supplies the object store; only called for {@code s3://} roots */
  public static OracleRoot open(String root, Supplier<ObjectStore> store) {
    if (!isObjectStore(root)) {
      return new LocalRoot(Path.of(root));
    }
    String rest = root.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("root " + root + ": no bucket");
    }
    return new StoreRoot(store.get(), bucket, slash < 0 ? "" : rest.substring(slash + 1));
  }
}
