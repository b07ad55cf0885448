package dev.fp.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldListEveryArchitectureTopicOnce() {
    assertThat(Topics.ALL).containsExactly("sr-control-bus", "fp.bus.traffic.fraud.v1", "fp.bus.traffic.baseline.v1",
        "fp.bus.context.arrival_events.v1", "fp.bus.context.arrival_entities.v1",
        "fp.bus.context.flow_anchor.fraud.v1", "fp.bus.context.flow_anchor.baseline.v1", "fp.bus.rtdl.v1",
        "fp.bus.case.v1", "fp.bus.audit.v1");
    assertThat(Topics.ALL).doesNotHaveDuplicates()
        .doesNotContain("fp.bus.case.triggers.v1", Topics.CONTROL_MESSAGE_TOPIC);
  }

  @Test
  void shouldRouteEngineOutputsToTheirClassAndTopic() {
    assertRoute("s3_event_stream_with_fraud_6B", "traffic_fraud", Topics.TRAFFIC_FRAUD,
        "ig.partitioning.v0.traffic.fraud");
    assertRoute("s2_event_stream_baseline_6B", "traffic_baseline", Topics.TRAFFIC_BASELINE,
        "ig.partitioning.v0.traffic.baseline");
    assertRoute("arrival_events_5B", "context_arrival", Topics.CONTEXT_ARRIVAL_EVENTS,
        "ig.partitioning.v0.context.arrival_events");
    assertRoute("s1_arrival_entities_6B", "context_arrival_entities", Topics.CONTEXT_ARRIVAL_ENTITIES,
        "ig.partitioning.v0.context.arrival_entities");
    assertRoute("s3_flow_anchor_with_fraud_6B", "context_flow_fraud", Topics.CONTEXT_FLOW_ANCHOR_FRAUD,
        "ig.partitioning.v0.context.flow_anchor.fraud");
    assertRoute("s2_flow_anchor_baseline_6B", "context_flow_baseline", Topics.CONTEXT_FLOW_ANCHOR_BASELINE,
        "ig.partitioning.v0.context.flow_anchor.baseline");
  }

  @Test
  void shouldRouteRtdlCaseAndAuditClasses() {
    assertRoute("decision_response", "rtdl_decision", Topics.RTDL, "ig.partitioning.v0.rtdl.decision");
    assertRoute("action_intent", "rtdl_action_intent", Topics.RTDL, "ig.partitioning.v0.rtdl.action_intent");
    assertRoute("action_outcome", "rtdl_action_outcome", Topics.RTDL, "ig.partitioning.v0.rtdl.action_outcome");
    assertRoute("case_trigger", "case_trigger", "fp.bus.case.v1", "ig.partitioning.v0.case.trigger");
    for (String type : List.of("ig.policy.activation", "ig.quarantine.spike", "ig.pull.run", "ig.audit.verify")) {
      assertRoute(type, "audit", Topics.AUDIT, "ig.partitioning.v0.audit");
    }
  }

  @Test
  void shouldRouteEveryKnownEventTypeToADeclaredTopic() {
    EventRouting.eventTypes().keySet().forEach(type ->
        assertThat(Topics.ALL).contains(EventRouting.routeFor(type).orElseThrow().topic()));
    assertThat(EventRouting.eventTypes().keySet()).containsAll(OutputIds.ALL);
  }

  @Test
  void shouldLeaveUnknownEventTypesUnrouted() {
    assertThat(EventRouting.classOf("mystery_event")).isEmpty();
    assertThat(EventRouting.routeFor("mystery_event")).isEmpty();
    assertThatThrownBy(() -> EventRouting.routeOfClass("control")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRequireClassMapPins() {
    List<String> seven = List.of("platform_run_id", "scenario_run_id", "manifest_fingerprint", "parameter_hash", "seed",
        "scenario_id", "run_id");
    assertThat(EventRouting.routeOfClass("traffic_fraud").requiredPins()).containsExactlyElementsOf(seven);
    assertThat(EventRouting.routeOfClass("context_arrival").requiredPins()).containsExactlyElementsOf(seven);
    assertThat(EventRouting.routeOfClass("rtdl_decision").requiredPins())
        .containsExactlyElementsOf(seven.subList(0, 6));
    assertThat(EventRouting.routeOfClass("case_trigger").requiredPins()).containsExactlyElementsOf(seven.subList(0, 6));
    assertThat(EventRouting.routeOfClass("audit").requiredPins())
        .containsExactly("platform_run_id", "scenario_run_id", "manifest_fingerprint");
  }

  @Test
  void shouldReportMissingOrEmptyPins() {
    Map<String, Object> envelope = EnvelopeSamples.full();
    envelope.put("run_id", "");
    envelope.remove("seed");

    assertThat(EventRouting.routeOfClass("traffic_fraud").missingPins(envelope)).containsExactly("seed", "run_id");
    assertThat(EventRouting.routeOfClass("rtdl_decision").missingPins(envelope)).containsExactly("seed");
  }

  @Test
  void shouldPickTheFirstPresentPartitionKeyAlongThePrecedence() {
    Map<String, Object> envelope = EnvelopeSamples.full();
    EventRoute traffic = EventRouting.routeOfClass("traffic_fraud");

    assertThat(traffic.partitionKeyValue(envelope)).contains(1001);
    assertThat(traffic.partitionKey(envelope))
        .contains("fe675fe7aaee830b6fed09b64e034f84dcbdaeb429d9cccd4ebb90e15af8dd71");

    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("flow_id", "");
    payload.put("merchant_id", null);
    payload.put("account_id", 77L);
    envelope.put("payload", payload);
    assertThat(traffic.partitionKeyValue(envelope)).contains(77L);

    envelope.put("payload", Map.of());
    assertThat(traffic.partitionKeyValue(envelope)).contains(EnvelopeSamples.EVENT_ID);
  }

  @Test
  void shouldFollowNestedPayloadPathsForRtdlAndCase() {
    Map<String, Object> decision = EnvelopeSamples.full();
    decision.put("payload", Map.of("source_event", Map.of("event_id", "evt-src"), "pins", Map.of()));
    Map<String, Object> trigger = EnvelopeSamples.full();
    trigger.put("payload", Map.of("case_subject_key", Map.of("event_id", "evt_0001")));

    assertThat(EventRouting.routeOfClass("rtdl_decision").partitionKeyValue(decision)).contains("evt-src");
    assertThat(EventRouting.routeOfClass("case_trigger").partitionKeyValue(trigger)).contains("evt_0001");
    assertThat(EventRouting.routeOfClass("audit").partitionKeyValue(Map.of())).isEmpty();
  }

  @Test
  void shouldKnowTheCataloguePrimaryKeys() {
    assertThat(OutputIds.primaryKey("s3_event_stream_with_fraud_6B"))
        .containsExactly("seed", "manifest_fingerprint", "scenario_id", "flow_id", "event_seq");
    assertThat(OutputIds.primaryKey("s3_flow_anchor_with_fraud_6B"))
        .containsExactly("seed", "manifest_fingerprint", "scenario_id", "flow_id");
    assertThat(OutputIds.primaryKey("arrival_events_5B"))
        .containsExactly("seed", "manifest_fingerprint", "scenario_id", "merchant_id", "arrival_seq");
    assertThatThrownBy(() -> OutputIds.primaryKey("s4_event_labels_6B")).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertRoute(String eventType, String eventClass, String topic, String profile) {
    assertThat(EventRouting.classOf(eventType)).contains(eventClass);
    EventRoute route = EventRouting.routeFor(eventType).orElseThrow();
    assertThat(route.eventClass()).isEqualTo(eventClass);
    assertThat(route.topic()).isEqualTo(topic);
    assertThat(route.partitioningProfileId()).isEqualTo(profile);
  }
}
