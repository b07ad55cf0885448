package dev.fp.substrate.eventlog;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fp.contract.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Topic metadata of the file log: {@code <root>/<topic>/topic.json} ({@code {"topic":…,"partitions":n}}) plus one
 * empty {@code partition=<p>.jsonl} per partition, created durably (fsync of files and folders). Blocking.
 */
final class FileTopics {
  /** Kinesis stream-name rules, which also keep topic names safe as folder names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final String META = "topic.json";

  private final Path root;
  private final Map<String, Integer> partitions = new ConcurrentHashMap<>();

  FileTopics(Path root) {
    this.root = root;
  }

  static void requireValidName(String topic) {
    if (topic == null || !NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException("invalid topic name \"" + topic + "\" (want [A-Za-z0-9_.-]{1,128})");
    }
  }

  Path partitionFile(String topic, int partition) {
    return root.resolve(topic).resolve("partition=" + partition + ".jsonl");
  }

  /** Creates the topic unless {@code topic.json} exists; an existing topic keeps its partition count. */
  void create(String topic, int count) throws IOException {
    Path dir = root.resolve(topic);
    if (Files.exists(dir.resolve(META))) {
      return;
    }
    Files.createDirectories(dir);
    for (int p = 0; p < count; p++) {
      try (FileChannel ch = FileChannel.open(partitionFile(topic, p), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }
    Path tmp = dir.resolve(META + "." + UUID.randomUUID() + ".tmp");
    Files.writeString(tmp, Json.write(Map.of("topic", topic, "partitions", count)),
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(META), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDir(dir);
    fsyncDir(root);
  }

  Set<String> names() throws IOException {
    Set<String> out = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(d -> Files.exists(d.resolve(META))).forEach(d -> out.add(d.getFileName().toString()));
    }
    return out;
  }

  /** The partition count if this instance already read it, else null; never blocks. */
  Integer cachedPartitions(String topic) {
    return partitions.get(topic);
  }

  /** Partition count, cached after the first read (a topic never changes its count). */
  int partitions(String topic) throws IOException {
    Integer cached = partitions.get(topic);
    if (cached != null) {
      return cached;
    }
    Path meta = root.resolve(topic).resolve(META);
    if (!Files.exists(meta)) {
      throw new NoSuchTopicException(topic);
    }
    JsonNode n = Json.readTree(Files.readAllBytes(meta));
    int count = n.path("partitions").asInt(0);
    if (count < 1) {
      throw new IOException("bad partition count in " + meta + ": " + n);
    }
    partitions.put(topic, count);
    return count;
  }

  private static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
