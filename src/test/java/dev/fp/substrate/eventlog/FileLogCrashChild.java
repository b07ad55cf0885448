package dev.fp.substrate.eventlog;

import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test-only child process of {@link FileEventLogTest}: publishes batches to a file log forever and prints
 * {@code ACK <record id> <partition> <offset>} for every record of a completed publish, flushed at once, until it is
 * killed. Args: root, topic, partitions, id prefix.
 */
public final class FileLogCrashChild {
  private FileLogCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String topic = args[1];
    int partitions = Integer.parseInt(args[2]);
    String prefix = args[3];
    Vertx vertx = Vertx.vertx();
    EventLog log = new FileEventLog(vertx, root, true);
    log.createTopic(topic, partitions).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (long batch = 0; ; batch++) {
      List<OutRecord> records = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = prefix + "-" + batch + "-" + i;
        records.add(new OutRecord("key-" + (i % 7), "{\"id\":\"" + id + "\",\"pad\":\"" + "x".repeat(200) + "\"}"));
      }
      List<EbRef> refs = log.publish(topic, records).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < refs.size(); i++) {
        out.append("ACK ").append(prefix).append('-').append(batch).append('-').append(i).append(' ')
            .append(refs.get(i).partition()).append(' ').append(refs.get(i).offset()).append('\n');
      }
      System.out.print(out);
      System.out.flush();
    }
  }
}
