package dev.fp.world.core;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;

import java.util.List;
import java.util.function.Consumer;

/**
 * {@code s3_campaign_catalogue_6B}: one row per campaign instance (template × day of the horizon) with its id,
 * label (the template) and its share of all flows ({@code fraud_rate}). A single file, not streamed.
 */
public final class CampaignCatalogue {
  static OutputSpec describe() {
    FlatSchema.Builder b = FlatSchema.builder(WorldOutputs.CAMPAIGN_CATALOGUE).string("campaign_id")
        .string("campaign_label").float64("fraud_rate");
    return new OutputSpec(WorldOutputs.CAMPAIGN_CATALOGUE, "6B",
        OutputSpec.path6B(WorldOutputs.CAMPAIGN_CATALOGUE, WorldOutputs.CAMPAIGN_CATALOGUE + ".parquet"),
        List.of("seed", "manifest_fingerprint", "scenario_id", "campaign_id"), "catalogue",
        "Fraud campaign instances of the overlay.", Projection.identityColumns(b).build());
  }

  private CampaignCatalogue() {
  }

  /** Emits every catalogue row into {@code row}, calling {@code sink} after each. */
  public static void rows(WorldPins pins, FlowModel model, Horizon horizon, double fraudRate, FlatRow row,
                          Consumer<FlatRow> sink) {
    FlatSchema s = row.schema();
    double perInstance = fraudRate / horizon.days();
    for (long day = 0; day < horizon.days(); day++) {
      for (Template t : Template.values()) {
        row.setLong(s.index("seed"), pins.seed()).setString(s.index("manifest_fingerprint"),
                pins.manifestFingerprint()).setString(s.index("parameter_hash"), pins.parameterHash())
            .setString(s.index("scenario_id"), pins.scenarioId())
            .setString(s.index("campaign_id"), model.campaignId(t, day)).setString(s.index("campaign_label"),
                t.name()).setDouble(s.index("fraud_rate"), perInstance * t.share());
        sink.accept(row);
      }
    }
  }
}
