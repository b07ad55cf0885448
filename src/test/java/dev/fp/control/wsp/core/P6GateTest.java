package dev.fp.control.wsp.core;

import dev.fp.platform.supervisor.GateCheck;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class P6GateTest {
  static final String RUN = "a".repeat(32);

  @Test
  void shouldRoundTripTheReferenceMarkers() {
    List<String> lines = List.of(
        "2026-01-01 INFO fp.wsp_ready_consumer " + WspMarkers.start(RUN, "x", 200, 600, 2, Lanes.SINGLE),
        WspMarkers.stop(RUN, "x", 200),
        WspMarkers.complete(RUN, "y", 17, Lanes.SINGLE),
        WspMarkers.progress("x", new Cursor("part-000000.parquet", 3, "t", 4)));

    assertThat(lines.get(0)).endsWith("WSP stream start run_id=" + RUN + " output_id=x max_events=200 speedup=600.00 "
        + "concurrency=2 lane=0/1");
    assertThat(lines.get(1)).isEqualTo("WSP stream stop run_id=" + RUN + " output_id=x emitted=200 reason=max_events");
    assertThat(WspMarkers.parse(lines)).containsExactly(new WspMarkers.Marker("start", RUN, "x", -1),
        new WspMarkers.Marker("stop", RUN, "x", 200), new WspMarkers.Marker("complete", RUN, "y", 17));
  }

  @Test
  void shouldPassWhenEveryOutputStartedStoppedAndReachedItsCap() {
    List<WspMarkers.Marker> markers = WspMarkers.parse(List.of(WspMarkers.start(RUN, "x", 20, 0, 2, Lanes.SINGLE),
        WspMarkers.start(RUN, "y", 20, 0, 2, Lanes.SINGLE), WspMarkers.stop(RUN, "x", 20),
        WspMarkers.complete(RUN, "y", 7, Lanes.SINGLE)));
    Map<String, OutputProgress> progress = Map.of(
        "x", new OutputProgress("x", 20, 100, "MAX_EVENTS", null, "t0", "t1"),
        "y", new OutputProgress("y", 7, 7, "COMPLETE", null, "t0", "t1"));

    List<GateCheck> checks = P6Gate.checks("log", markers, progress, List.of("x", "y"), 20);

    assertThat(checks).hasSize(6).allMatch(GateCheck::pass);
  }

  @Test
  void shouldFailAMissingStopAnUncappedBigOutputAndAnEmptyOne() {
    List<WspMarkers.Marker> markers = WspMarkers.parse(List.of(WspMarkers.start(RUN, "x", 20, 0, 2, Lanes.SINGLE)));
    Map<String, OutputProgress> progress = Map.of(
        "x", new OutputProgress("x", 12, 100, "FAILED", "IG_PUSH_REJECTED", "t0", "t1"),
        "z", new OutputProgress("z", 0, 0, "COMPLETE", null, null, null));

    List<GateCheck> checks = P6Gate.checks("log", markers, progress, List.of("x", "z"), 20);

    assertThat(checks.stream().filter(c -> !c.pass()).map(GateCheck::name)).containsExactlyInAnyOrder(
        "wsp_stream_start_stop:x", "wsp_cap:x", "wsp_stream_start_stop:z", "wsp_emitted_positive:z");
    assertThat(checks.get(2).actual()).contains("emitted=12 status=FAILED reason=IG_PUSH_REJECTED");
  }
}
