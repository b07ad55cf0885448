package dev.fp.oracle.core;

import org.apache.parquet.io.api.Binary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Codes for repeated byte strings of one column (world pins, event types, campaign ids), bounded in entries and
 * bytes; once full, new values are simply not coded. Filled by one thread while rows are encoded and only read
 * afterwards (the hand-off between sort phases orders the two).
 */
public final class BinaryDictionary {
  private final int maxEntries;
  private final long maxBytes;
  private final Map<Binary, Integer> codes = new HashMap<>();
  private final List<Binary> values = new ArrayList<>();
  private long bytes;
  private int lastCode = -1;

  public BinaryDictionary(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * The code of {@code value}, adding it if there is room; -1 when it has no code. Consecutive rows mostly repeat the
   * previous value (world pins are constant), so the last hit is compared first: a byte compare instead of hashing.
   */
  public int codeOf(Binary value) {
    if (lastCode >= 0 && values.get(lastCode).equals(value)) {
      return lastCode;
    }
    Integer code = codes.get(value);
    if (code != null) {
      lastCode = code;
      return code;
    }
    if (values.size() >= maxEntries || bytes + value.length() > maxBytes) {
      return -1;
    }
    Binary copy = Binary.fromConstantByteArray(value.getBytes());
    codes.put(copy, values.size());
    values.add(copy);
    bytes += copy.length() + 64L;
    return values.size() - 1;
  }

  public Binary value(int code) {
    return values.get(code);
  }

  /** Approximate heap held, for the memory budget. */
  public long heapBytes() {
    return bytes;
  }
}
