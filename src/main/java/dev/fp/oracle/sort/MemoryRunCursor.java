package dev.fp.oracle.sort;

/** Reads a sorted {@link RunBuffer} in place (the last run of a sort is merged without being spilled). */
final class MemoryRunCursor implements RunCursor {
  private final RunBuffer buffer;
  private final int run;
  private int next;
  private int current = -1;

  MemoryRunCursor(RunBuffer buffer, int run) {
    this.buffer = buffer;
    this.run = run;
  }

  @Override
  public boolean advance() {
    if (next >= buffer.rows()) {
      return false;
    }
    current = next++;
    return true;
  }

  @Override
  public long key() {
    return buffer.sortedKey(current);
  }

  @Override
  public byte[] bytes() {
    return buffer.bytes();
  }

  @Override
  public int offset() {
    return buffer.sortedOffset(current);
  }

  @Override
  public int length() {
    return buffer.length(current);
  }

  @Override
  public int run() {
    return run;
  }

  @Override
  public void close() {
    // the buffer belongs to the sorter
  }
}
