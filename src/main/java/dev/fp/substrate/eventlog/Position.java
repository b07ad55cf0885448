package dev.fp.substrate.eventlog;

/**
 * A read position in a partition: the oldest record ({@code TRIM_HORIZON}), the end at the time of the first read
 * ({@code LATEST}), just after a known offset ({@code AFTER}, the checkpoint form), or at a known offset ({@code AT},
 * to re-read one record a receipt points to).
 */
public record Position(Kind kind, String offset) {

  public enum Kind { TRIM_HORIZON, LATEST, AFTER, AT }

  public static Position trimHorizon() { return new Position(Kind.TRIM_HORIZON, null); }

  public static Position latest() { return new Position(Kind.LATEST, null); }

  public static Position after(String offset) {
    return new Position(Kind.AFTER, required(offset, "after"));
  }

  public static Position at(String offset) {
    return new Position(Kind.AT, required(offset, "at"));
  }

  private static String required(String offset, String what) {
    if (offset == null || offset.isBlank()) {
      throw new IllegalArgumentException("Position." + what + " needs an offset");
    }
    return offset;
  }

  /** {@code AFTER 12}, {@code AT 12}, {@code TRIM_HORIZON}: for logs and errors. */
  public String describe() {
    return offset == null ? kind.toString() : kind + " " + offset;
  }
}
