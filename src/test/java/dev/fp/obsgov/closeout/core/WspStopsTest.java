package dev.fp.obsgov.closeout.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WspStopsTest {
  @Test
  void shouldKeepTheLastStreamEndPerOutput() {
    var stops = WspStops.parse(List.of(
        "2026 INFO [r wsp P6] WSP stream start run_id=x output_id=a max_events=20",
        "2026 INFO [r wsp P6] WSP stream stop run_id=x output_id=a emitted=7 reason=error",
        "2026 INFO [r wsp P6] WSP stream stop run_id=x output_id=a emitted=20 reason=max_events",
        "2026 INFO [r wsp P6] WSP stream stop run_id=x output_id=b emitted=3 reason=complete",
        "2026 INFO [r wsp P6] WSP READY processed message_id=m status=STREAMED reason=- emitted=23"));

    assertThat(stops).containsOnlyKeys("a", "b");
    assertThat(stops.get("a")).isEqualTo(new WspStops.Stop("a", 20, "max_events"));
    assertThat(stops.get("b").reason()).isEqualTo("complete");
  }
}
