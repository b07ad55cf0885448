package dev.fp.oraclestore;

import org.apache.parquet.io.InputFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A root of oracle files — a local folder or an {@code s3://bucket/prefix} in the object store — addressed by
 * relative keys with '/' separators. Blocking: object-store roots wait on the port's futures, so every call must
 * run on a worker thread, never on an event loop.
 */
public interface OracleRoot {

  /** The root as given (normalised, no trailing '/'): the {@code engine_run_root} string of ids and receipts. */
  String uri();

  /** Full path or URI of a relative key (what locators and digests use). */
  String locator(String key);

  /** The root of a sub-folder. */
  OracleRoot resolve(String folder);

  boolean exists(String key);

  /** The bytes of an object, or empty when absent. */
  Optional<byte[]> read(String key);

  /** Writes (replaces) an object. */
  void write(String key, byte[] data);

  /** Creates the object unless one exists; false when it already existed (nothing written). */
  boolean writeIfAbsent(String key, byte[] data);

  /** Keys (relative to this root) of every object under {@code prefix}, sorted. */
  List<String> list(String prefix);

  long size(String key);

  /** A seekable Parquet input for an object. */
  InputFile inputFile(String key);

  /** Stores a local file as an object (streamed). */
  void upload(String key, Path file);

  /** Deletes every object under {@code prefix}; returns how many. */
  int deletePrefix(String prefix);

  /** For a local root, the file a key maps to (writers can write in place); empty for object stores. */
  Optional<Path> localPath(String key);

  /** Whether the root folder exists (always true for an object store prefix). */
  boolean rootExists();

  /** Creates the root's folder or bucket when missing; idempotent. */
  default void ensureExists() {
  }
}
