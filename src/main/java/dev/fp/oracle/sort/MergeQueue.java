package dev.fp.oracle.sort;

import java.util.List;

/**
 * The k-way merge order: a binary min-heap of run cursors by (key, run position). Runs are consecutive slices of
 * the input, so the run position continues the (source file, row) tie-break across runs. {@link #poll} removes
 * the smallest cursor; after consuming its row, {@link #push} advances it and puts it back (or closes it at its end).
 */
final class MergeQueue {
  private final RunCursor[] heap;
  private int size;

  MergeQueue(List<? extends RunCursor> cursors) {
    heap = new RunCursor[cursors.size()];
    for (RunCursor c : cursors) {
      if (c.advance()) {
        heap[size++] = c;
        siftUp(size - 1);
      } else {
        c.close();
      }
    }
  }

  /** The cursor holding the smallest row, or null when every run is exhausted. */
  RunCursor poll() {
    if (size == 0) {
      return null;
    }
    RunCursor top = heap[0];
    heap[0] = heap[--size];
    heap[size] = null;
    if (size > 0) {
      siftDown(0);
    }
    return top;
  }

  /** Advances a polled cursor and re-inserts it unless it is exhausted. */
  void push(RunCursor cursor) {
    if (cursor.advance()) {
      heap[size++] = cursor;
      siftUp(size - 1);
    } else {
      cursor.close();
    }
  }

  private static boolean less(RunCursor a, RunCursor b) {
    return a.key() < b.key() || (a.key() == b.key() && a.run() < b.run());
  }

  private void siftUp(int i) {
    RunCursor c = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(c, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = c;
  }

  private void siftDown(int i) {
    RunCursor c = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && less(heap[child + 1], heap[child])) {
        child++;
      }
      if (!less(heap[child], c)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = c;
  }

  void closeAll() {
    for (int i = 0; i < size; i++) {
      heap[i].close();
    }
    size = 0;
  }
}
