package dev.fp.control.wsp.core;

/**
 * One output's durable stream record for a run (from the checkpoint table): acknowledged events, rows in its stream
 * view, how it ended so far ({@code STREAMING} while in progress, then a {@link StopReason} name), and the wall
 * times of its first push and last acknowledgement.
 */
public record OutputProgress(String outputId, long emitted, long viewRows, String status, String reason,
                             String firstPushAtUtc, String lastAckAtUtc) {
  public static final String STREAMING = "STREAMING";
}
