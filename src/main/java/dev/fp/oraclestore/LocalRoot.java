package dev.fp.oraclestore;

import dev.fp.platform.FileTrees;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An {@link OracleRoot} on the local file system; writes go through a temporary file and an atomic move. */
public final class LocalRoot implements OracleRoot {
  private final Path root;

  public LocalRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String uri() {
    return root.toString();
  }

  @Override
  public String locator(String key) {
    return file(key).toString();
  }

  @Override
  public OracleRoot resolve(String folder) {
    return new LocalRoot(file(folder));
  }

  private Path file(String key) {
    return key.isEmpty() ? root : root.resolve(key);
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(file(key));
  }

  @Override
  public Optional<byte[]> read(String key) {
    try {
      return exists(key) ? Optional.of(Files.readAllBytes(file(key))) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("oracle read " + file(key), e);
    }
  }

  @Override
  public void write(String key, byte[] data) {
    Path target = file(key);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
      Files.write(tmp, data);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("oracle write " + target, e);
    }
  }

  @Override
  public boolean writeIfAbsent(String key, byte[] data) {
    Path target = file(key);
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("oracle write-if-absent " + target, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    Path start = file(prefix);
    Path dir = prefix.isEmpty() || prefix.endsWith("/") ? start : start.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try {
      for (Path p : FileTrees.regularFiles(dir, Integer.MAX_VALUE, p -> !p.getFileName().toString()
          .startsWith(".tmp-"))) {
        String key = root.relativize(p).toString().replace('\\', '/');
        if (key.startsWith(prefix)) {
          keys.add(key);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("oracle list " + start, e);
    }
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  @Override
  public long size(String key) {
    try {
      return Files.size(file(key));
    } catch (IOException e) {
      throw new UncheckedIOException("oracle size " + file(key), e);
    }
  }

  @Override
  public InputFile inputFile(String key) {
    return new LocalInputFile(file(key));
  }

  @Override
  public void upload(String key, Path source) {
    Path target = file(key);
    if (source.toAbsolutePath().normalize().equals(target)) {
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("oracle copy " + source + " -> " + target, e);
    }
  }

  @Override
  public int deletePrefix(String prefix) {
    List<String> keys = list(prefix);
    try {
      for (String k : keys) {
        Files.deleteIfExists(file(k));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("oracle delete " + file(prefix), e);
    }
    return keys.size();
  }

  @Override
  public Optional<Path> localPath(String key) {
    return Optional.of(file(key));
  }

  @Override
  public boolean rootExists() {
    return Files.isDirectory(root);
  }

  @Override
  public void ensureExists() {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("oracle mkdir " + root, e);
    }
  }
}
