package dev.fp.platform.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes process-log lines on one thread of its own, so a logging call never waits for a disk (event loops log too).
 * Lines go through a bounded queue: {@link #offer} never blocks; a line that finds the queue full is counted, and the
 * next line written to that file is preceded by a notice saying how many were dropped. {@link #close(LogFile)} and
 * {@link #drain} wait until every line queued before them is on disk, so nothing queued is lost at undeploy or exit.
 */
final class ProcessLogWriter {
  static final int DEFAULT_CAPACITY = 8192;
  private static final long DRAIN_TIMEOUT_SECONDS = 10;

  private final BlockingQueue<Task> queue;
  private final int capacity;
  private final Consumer<String> problems;

  /** @param problems where write failures are reported (logback's status log: never back into this writer) */
  ProcessLogWriter(int capacity, Consumer<String> problems) {
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.problems = problems;
    Thread thread = new Thread(this::run, "fp-process-log-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** One open process log. Its stream is touched only by the writer thread. */
  static final class LogFile {
    private final Path path;
    private final AtomicLong dropped = new AtomicLong();
    private OutputStream out;

    LogFile(Path path) throws IOException {
      Files.createDirectories(path.toAbsolutePath().getParent());
      this.path = path;
      this.out = open(path);
    }

    Path path() {
      return path;
    }
  }

  /** Queues a line without blocking; when the queue is full the line is dropped and counted against its file. */
  void offer(LogFile file, byte[] line) {
    if (!queue.offer(new Task(file, line, null))) {
      file.dropped.incrementAndGet();
    }
  }

  /** Writes everything queued before this call, then closes {@code file}. Blocking: not for event loops. */
  void close(LogFile file) {
    barrier(file);
  }

  /** Writes everything queued before this call. Blocking: not for event loops. */
  void drain() {
    barrier(null);
  }

  private void barrier(LogFile toClose) {
    CountDownLatch done = new CountDownLatch(1);
    try {
      if (!queue.offer(new Task(toClose, null, done), DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          || !done.await(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        problems.accept("process log writer: not drained within " + DRAIN_TIMEOUT_SECONDS + " s"
            + (toClose == null ? "" : ", " + toClose.path + " left open"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Set<LogFile> unflushed = new HashSet<>();
    while (true) {
      try {
        Task task = queue.poll();
        if (task == null) {
          flush(unflushed);
          task = queue.take();
        }
        handle(task, unflushed);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        problems.accept("process log writer: " + e);
      }
    }
  }

  private void handle(Task task, Set<LogFile> unflushed) {
    if (task.line != null) {
      write(task.file, task.line);
      unflushed.add(task.file);
      return;
    }
    flush(unflushed);
    if (task.file != null) {
      closeFile(task.file);
    }
    task.done.countDown();
  }

  private void write(LogFile file, byte[] line) {
    try {
      if (file.out == null) { // a line that raced its file's close: append it all the same
        try (OutputStream late = open(file.path)) {
          late.write(line);
        }
        return;
      }
      long dropped = file.dropped.getAndSet(0);
      if (dropped > 0) {
        file.out.write(droppedNotice(dropped));
      }
      file.out.write(line);
    } catch (IOException e) {
      problems.accept("cannot write process log " + file.path + ": " + e.getMessage());
    }
  }

  private byte[] droppedNotice(long dropped) {
    return ("[process log] " + dropped + " line(s) dropped here: the log queue (" + capacity + " lines) was full\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void flush(Set<LogFile> unflushed) {
    for (LogFile file : unflushed) {
      try {
        if (file.out != null) {
          file.out.flush();
        }
      } catch (IOException e) {
        problems.accept("cannot flush process log " + file.path + ": " + e.getMessage());
      }
    }
    unflushed.clear();
  }

  private void closeFile(LogFile file) {
    try {
      long dropped = file.dropped.getAndSet(0);
      if (dropped > 0 && file.out != null) {
        file.out.write(droppedNotice(dropped));
      }
      if (file.out != null) {
        file.out.close();
      }
    } catch (IOException e) {
      problems.accept("cannot close process log " + file.path + ": " + e.getMessage());
    }
    file.out = null;
  }

  private static OutputStream open(Path path) throws IOException {
    return new java.io.BufferedOutputStream(
        Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 64 * 1024);
  }

  /** A line to write, or (line null) a barrier that optionally closes a file and then counts down. */
  private record Task(LogFile file, byte[] line, CountDownLatch done) {
  }
}
