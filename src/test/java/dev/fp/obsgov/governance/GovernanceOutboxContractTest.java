package dev.fp.obsgov.governance;

import dev.fp.obsgov.governance.core.GovernanceQuery;
import dev.fp.obsgov.governance.core.Projection;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.platform.governance.GovernanceOutbox;
import dev.fp.platform.log.Logging;
import dev.fp.testing.TestClock;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emitters' path to the governance log (IG, WSP, CT and AW queue their facts on a {@link GovernanceOutbox}) against
 * each object-store adapter, with the real writer verticle: a fact offered again — by the same emitter or by a
 * restarted one — is one event object and one {@code events.jsonl} line; an offer made before the writer is up lands
 * once it is; an event the writer refuses is logged and does not hold up the next; with no writer at all the outbox
 * says so once and keeps the events for a writer that appears. A subclass supplies the store.
 */
abstract class GovernanceOutboxContractTest extends GovernanceStoreTest {
  private static final Duration DRAIN = Duration.ofSeconds(30);
  private String writer;

  @AfterEach
  void undeployWriter() throws Exception {
    if (writer != null) {
      await(vertx.undeploy(writer));
      writer = null;
    }
  }

  private void deployWriter() throws Exception {
    writer = await(vertx.deployVerticle(new GovernanceWriterVerticle(store, "test",
        new TestClock(java.time.Instant.parse("2026-01-01T00:00:00Z")))));
  }

  private GovernanceOutbox outbox() {
    return new GovernanceOutbox(vertx, Logging.component("test_emitter"));
  }

  private GovernanceEmit quarantine(String eventId) {
    return GovernanceEmit.system(GovernanceFamily.CORRIDOR_ANOMALY, run, "ingestion_gate",
        "ig_quarantine:" + eventId + ":SCHEMA_INVALID", Map.of("event_id", eventId, "reason_code", "SCHEMA_INVALID"));
  }

  private List<Map<String, Object>> events() throws Exception {
    return await(GovernanceReader.query(store, run, new GovernanceQuery(null, null, 0)));
  }

  @Test
  void shouldRecordAFactOnceWhenOfferedAgainByTheSameOrARestartedEmitter() throws Exception {
    deployWriter();
    GovernanceOutbox first = outbox();
    for (int i = 0; i < 5; i++) {
      first.offer(quarantine("evt_1"));
    }
    await(first.drained(DRAIN));
    GovernanceOutbox restarted = outbox();
    restarted.offer(quarantine("evt_1"));
    restarted.offer(quarantine("evt_2"));
    restarted.offer(quarantine("evt_1"));
    await(restarted.drained(DRAIN));

    assertThat(events()).extracting(e -> (Object) ((Map<?, ?>) e.get("details")).get("event_id"))
        .containsExactlyInAnyOrder("evt_1", "evt_2");
    Projection p = await(GovernanceReader.projection(store, run));
    assertThat(p.complete()).as(p.summary()).isTrue();
    assertThat(p.lines()).isEqualTo(2);
    assertThat(first.waiting()).isZero();
  }

  @Test
  void shouldRecordAnOfferMadeBeforeTheWriterIsUpOnceItIs() throws Exception {
    GovernanceOutbox early = outbox();
    early.offer(GovernanceEmit.system(GovernanceFamily.POLICY_REV_CHANGED, run, "ingestion_gate",
        "ig_policy_activation:abc", Map.of("run_config_digest", "abc")));
    await(vertx.timer(400));
    assertThat(events()).isEmpty();
    deployWriter();
    await(early.drained(DRAIN));

    assertThat(events()).extracting(e -> e.get("event_family")).containsExactly("POLICY_REV_CHANGED");
  }

  @Test
  void shouldLogAnEventTheWriterRefusesAndGoOnWithTheNext() throws Exception {
    deployWriter();
    GovernanceOutbox outbox = outbox();
    outbox.offer(new GovernanceEmit(GovernanceFamily.CORRIDOR_ANOMALY, run, null, "SYSTEM::x", "SYSTEM", " ",
        "bad", Map.of()));
    outbox.offer(quarantine("evt_3"));
    long started = System.nanoTime();
    await(outbox.drained(DRAIN));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a refusal is not retried")
        .isLessThan(Duration.ofSeconds(10));
    assertThat(events()).extracting(e -> e.get("event_family")).containsExactly("CORRIDOR_ANOMALY");
  }

  @Test
  void shouldSayOnceThatNoWriterAnswersKeepItsEventsAndSendThemWhenOneAppears() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("fp.test_emitter_without_writer");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    GovernanceOutbox outbox = new GovernanceOutbox(vertx, logger, 2, Duration.ofMillis(200));
    outbox.offer(quarantine("evt_4"));
    outbox.offer(quarantine("evt_5"));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!outbox.writerMissing() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(outbox.writerMissing()).isTrue();
    await(vertx.timer(1_200));   // several probes later

    assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(1).first()
        .extracting(ILoggingEvent::getFormattedMessage).asString()
        .startsWith("no governance writer answers in this process").contains("is the obs_gov pack running here?");
    assertThat(outbox.waiting()).isEqualTo(2);
    deployWriter();
    await(outbox.drained(DRAIN));

    assertThat(events()).extracting(e -> (Object) ((Map<?, ?>) e.get("details")).get("event_id"))
        .containsExactlyInAnyOrder("evt_4", "evt_5");
    assertThat(outbox.writerMissing()).isFalse();
    logger.detachAppender(logged);
  }
}
