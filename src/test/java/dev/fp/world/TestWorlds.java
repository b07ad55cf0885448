package dev.fp.world;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatRowReader;
import dev.fp.world.core.WorldOutputs;
import dev.fp.world.core.WorldParams;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Small generated worlds shared by the world and oracle tests (generated once per JVM), and Parquet readers. */
public final class TestWorlds {
  public static final WorldParams SMALL = new WorldParams(1500, 7, "baseline_v1", 0.1,
      WorldParams.DEFAULT_START, java.time.Instant.parse("2026-01-08T00:00:00Z"), 4);
  private static final Map<WorldParams, Path> GENERATED = new HashMap<>();

  private TestWorlds() {
  }

  /** A read-only generated world; tests that modify a world copy it with {@link #copy}. */
  public static synchronized Path world(WorldParams params) {
    return GENERATED.computeIfAbsent(params, p -> {
      try {
        Path dir = deletedAtExit(Files.createTempDirectory("fp-world-")).resolve("run");
        new WorldGenerator(p, dir).generate();
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  public static Path copy(Path world) {
    try {
      Path target = deletedAtExit(Files.createTempDirectory("fp-world-copy-")).resolve("run");
      try (Stream<Path> files = Files.walk(world)) {
        for (Path p : files.toList()) {
          Path t = target.resolve(world.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
          } else {
            Files.copy(p, t);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path deletedAtExit(Path dir) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // best effort: a temp folder left behind is harmless
      }
    }));
    return dir;
  }

  /** Parquet files of an output (its catalogue folder under the run root), sorted by name. */
  public static List<Path> parts(Path root, String outputId) {
    String folder = WorldOutputs.specs().stream().filter(s -> s.outputId().equals(outputId)).findFirst()
        .orElseThrow().pathTemplate();
    Path dir = root.resolve(folder.substring(0, folder.indexOf("/seed=")));
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All rows of the files, in file then row order, as column-name → value maps. */
  public static List<Map<String, Object>> rows(List<Path> files) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path f : files) {
      try (FlatRowReader r = new FlatRowReader(new LocalInputFile(f), f.toString())) {
        FlatRow row = new FlatRow(r.schema());
        while (r.next(row)) {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < r.schema().size(); i++) {
            m.put(r.schema().name(i), value(row, i));
          }
          out.add(m);
        }
      }
    }
    return out;
  }

  private static Object value(FlatRow row, int i) {
    if (row.isNull(i)) {
      return null;
    }
    return switch (row.schema().kind(i)) {
      case BOOLEAN -> row.getBool(i);
      case INT32, INT64 -> row.getLong(i);
      case FLOAT, DOUBLE -> row.getDouble(i);
      case BINARY -> row.getString(i);
    };
  }
}
