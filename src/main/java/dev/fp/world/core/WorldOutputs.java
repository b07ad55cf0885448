package dev.fp.world.core;

import java.util.List;

/**
 * Every output a generated world holds, as projections of its flows, in catalogue order; plus the campaign
 * catalogue, a single small file. Which outputs are streamed per mode is {@code dev.fp.contract.OutputMode}'s
 * business; here they are only described.
 */
public final class WorldOutputs {
  public static final String CAMPAIGN_CATALOGUE = "s3_campaign_catalogue_6B";

  private WorldOutputs() {
  }

  public static List<Projection> projections(WorldPins pins, FlowModel model) {
    return List.of(new ArrivalEventsProjection(pins), new ArrivalEntitiesProjection(pins),
        new FlowAnchorProjection(pins, false), new FlowAnchorProjection(pins, true),
        new EventStreamProjection(pins, false), new EventStreamProjection(pins, true),
        new TruthProjection(pins, TruthProjection.FLOW_TRUTH), new TruthProjection(pins, TruthProjection.BANK_VIEW),
        new TruthProjection(pins, TruthProjection.EVENT_LABELS), new CaseTimelineProjection(pins, model));
  }

  /** Specs of every output including the campaign catalogue (for the catalogue file). */
  public static List<OutputSpec> specs() {
    return List.of(ArrivalEventsProjection.describe(), ArrivalEntitiesProjection.describe(), FlowAnchorProjection.describe(false),
        FlowAnchorProjection.describe(true), EventStreamProjection.describe(false), EventStreamProjection.describe(true),
        CampaignCatalogue.describe(), TruthProjection.describe(TruthProjection.FLOW_TRUTH),
        TruthProjection.describe(TruthProjection.BANK_VIEW), TruthProjection.describe(TruthProjection.EVENT_LABELS),
        CaseTimelineProjection.describe());
  }
}
