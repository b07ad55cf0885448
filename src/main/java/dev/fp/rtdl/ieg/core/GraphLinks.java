package dev.fp.rtdl.ieg.core;

import dev.fp.contract.OutputIds;

import java.util.List;
import java.util.Map;

/**
 * Which entities of one event are linked (the reference wrote no edges): an arrival-entities record links its party
 * to its account, instrument, device, ip, session and merchant; a flow anchor links its flow to its party, account,
 * instrument, device, ip and merchant. Each link has a fixed direction (hub → spoke) so one row decides whether the
 * edge exists; both directions are stored. Traffic and arrival events name one entity and link nothing.
 */
public final class GraphLinks {
  /** A link from the entity of type {@code hub} to the one of type {@code spoke}. */
  public record Link(String hub, String spoke) {
  }

  private static final List<Link> PARTY_STAR = star("party", "account", "instrument", "device", "ip", "session",
      "merchant");
  private static final List<Link> FLOW_STAR = star("flow", "party", "account", "instrument", "device", "ip",
      "merchant");
  private static final Map<String, List<Link>> LINKS = Map.of(
      OutputIds.ARRIVAL_ENTITIES, PARTY_STAR,
      OutputIds.FLOW_ANCHOR_FRAUD, FLOW_STAR, OutputIds.FLOW_ANCHOR_BASELINE, FLOW_STAR);

  private GraphLinks() {
  }

  /** The links an event of {@code eventType} makes between the entities it names (those present). */
  public static List<Link> of(String eventType) {
    return LINKS.getOrDefault(eventType, List.of());
  }

  private static List<Link> star(String hub, String... spokes) {
    return java.util.Arrays.stream(spokes).map(s -> new Link(hub, s)).toList();
  }
}
