package dev.fp.substrate.eventlog;

/**
 * A read position in a partition: the oldest record ({@code TRIM_HORIZON}), the end at the time of the first read
 * ({@code LATEST}), or just after a known offset ({@code AFTER}, the checkpoint form).
 */
public record Position(Kind kind, String offset) {

  public enum Kind { TRIM_HORIZON, LATEST, AFTER }

  public static Position trimHorizon() { return new Position(Kind.TRIM_HORIZON, null); }

  public static Position latest() { return new Position(Kind.LATEST, null); }

  public static Position after(String offset) {
    if (offset == null || offset.isBlank()) {
      throw new IllegalArgumentException("Position.after needs an offset");
    }
    return new Position(Kind.AFTER, offset);
  }
}
