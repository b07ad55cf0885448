package dev.fp.control.wsp;

import dev.fp.oraclestore.OracleRoot;

import java.util.List;

/**
 * One output's stream view as WSP reads it: its folder {@code <view root>/output_id=<id>/}, the part files in order,
 * how many rows the sort receipt counted, and the catalogue primary key that drives the event ids.
 */
record OutputView(String outputId, OracleRoot root, List<String> parts, long rows, List<String> primaryKey) {
  OutputView {
    parts = List.copyOf(parts);
    primaryKey = List.copyOf(primaryKey);
  }
}
