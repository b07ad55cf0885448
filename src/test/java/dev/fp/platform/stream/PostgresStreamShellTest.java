package dev.fp.platform.stream;

import dev.fp.substrate.eventlog.CheckpointStore;
import dev.fp.substrate.eventlog.LeaseLostException;
import dev.fp.substrate.eventlog.TopicPartition;
import io.vertx.core.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.fp.platform.stream.StreamPlatform.await;
import static dev.fp.platform.stream.StreamPlatform.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The shell with its state, checkpoints and leases on PostgreSQL, where a batch's fence is checked. */
@Tag("parity")
class PostgresStreamShellTest extends StreamShellContractTest {
  @Override
  StreamPlatform open(Path dir) throws Exception {
    return StreamPlatform.postgres(dir);
  }

  @Test
  void shouldRejectABatchWhoseLeaseWasTakenOverAndStop() throws Exception {
    StreamComponent<String> tally = Tally.component((effects, batch) -> Future.succeededFuture());
    StreamShell<String> s = platform.startShell(tally, RUN, FAST.withLeaseTtl(Duration.ofMinutes(5)));
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
    await(new CheckpointStore(platform.runtime.substrate().db(), later)
        .acquire(tally.groupId(RUN), "intruder", Duration.ofMinutes(5)));

    platform.publish(Tally.TOPIC, Tally.envelope(RUN, "e1", "h"));

    assertThat(failure(s.done())).isInstanceOf(LeaseLostException.class);
    assertThat(tally(RUN, "h")).as("the fenced batch wrote nothing").isNull();
    assertThat(await(platform.state().checkpoints(tally.groupId(RUN))))
        .doesNotContainKey(new TopicPartition(Tally.TOPIC, 0));
    assertThat(await(s.readiness()).reason()).isEqualTo("lease_lost");
    await(s.stop());
  }
}
