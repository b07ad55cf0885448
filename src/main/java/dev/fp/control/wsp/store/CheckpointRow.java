package dev.fp.control.wsp.store;

import dev.fp.control.wsp.core.Cursor;

/**
 * One row of {@code wsp_checkpoints}: an output's cursor within its checkpoint scope, with the view's row count,
 * its stream status ({@code STREAMING} or a stop reason name) and the wall times of first push and last ack.
 */
public record CheckpointRow(String scopeKey, String outputId, String platformRunId, String scenarioRunId,
                            String packKey, Cursor cursor, long viewRows, String status, String reason,
                            String firstPushAtUtc, String lastAckAtUtc) {

  public CheckpointRow with(Cursor newCursor, String newStatus, String newReason, String newFirstPush,
                            String newLastAck) {
    return new CheckpointRow(scopeKey, outputId, platformRunId, scenarioRunId, packKey, newCursor, viewRows, newStatus,
        newReason, newFirstPush, newLastAck);
  }
}
