package dev.fp.platform.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time for the stream benches: the whole process (JIT, GC, RocksDB and writer threads included) and the Vert.x
 * event loops alone, where a component's shell and core run. The event-loop share is the steadier number on a shared
 * machine: it leaves out compilation and background work that a longer run would amortise.
 */
public final class BenchCpu {
  private static final String EVENT_LOOP = "vert.x-eventloop-thread";

  private BenchCpu() {
  }

  public static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time used so far by the live Vert.x event-loop threads. */
  public static long eventLoopNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().startsWith(EVENT_LOOP)) {
        total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
      }
    }
    return total;
  }
}
