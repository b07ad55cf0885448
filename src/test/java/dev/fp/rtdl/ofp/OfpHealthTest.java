package dev.fp.rtdl.ofp;

import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;
import dev.fp.config.EnvTokens;
import dev.fp.contract.Json;
import dev.fp.platform.health.HealthReport;
import dev.fp.platform.health.HealthState;
import dev.fp.platform.stream.core.Counters;
import dev.fp.rtdl.ofp.core.OfpCounters;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OFP's missing-feature health rule (reference rtdl §3): a count threshold and a rate per traffic event must both be
 * reached, so a full-cap run's cold-start keys (a few per thousand events) stay GREEN while a feature plane that
 * answers nothing for most requests goes RED early.
 */
class OfpHealthTest {
  static OfpConfig config(Map<String, Object> values) {
    return OfpConfig.from(new ConfigNode("components.ofp", Json.toTree(values), new EnvTokens(Map.of())));
  }

  static HealthReport health(OfpConfig cfg, long applied, long missing) {
    Counters c = Counters.zero(OfpCounters.ALL).plus(Map.of(OfpCounters.SEEN, applied, OfpCounters.APPLIED, applied));
    return OfpArtifacts.health(c, Map.of("missing_features", missing), null, cfg, new LinkedHashMap<>());
  }

  @Test
  void shouldGoRedOnlyWhenTheCountAndTheRateAreBothReached() {
    OfpConfig cfg = config(Map.of());   // pack counts 100 000 / 200 000, reference rates 0.001 / 0.005
    // 2 000 000 traffic events, 200 129 missing keys: rate 0.1 -> RED (what the full-cap run of 2026-12-07 showed)
    assertThat(health(cfg, 2_000_000, 200_129).state()).isEqualTo(HealthState.RED);
    assertThat(health(cfg, 2_000_000, 200_129).reasons()).containsExactly("MISSING_FEATURES_RED");
    // 60 000 000 events, 200 000 missing: rate 0.0033 -> over the count, under the RED rate, over the AMBER rate
    assertThat(health(cfg, 60_000_000, 200_000).reasons()).containsExactly("MISSING_FEATURES_AMBER");
    // 300 000 000 events: rate 0.00067, under both rates -> GREEN whatever the count
    assertThat(health(cfg, 300_000_000, 200_000).state()).isEqualTo(HealthState.GREEN);
    // under the count: GREEN whatever the rate
    assertThat(health(cfg, 20, 99_999).state()).isEqualTo(HealthState.GREEN);
    assertThat(health(cfg, 20, 99_999).metrics()).containsEntry("missing_feature_rate", 99_999 / 20.0);
  }

  @Test
  void shouldDecideByTheCountAloneBeforeAnyTrafficWasApplied() {
    OfpConfig cfg = config(Map.of("missing_features_red", 10, "missing_features_amber", 1));
    assertThat(health(cfg, 0, 10).reasons()).containsExactly("MISSING_FEATURES_RED");
    assertThat(health(cfg, 0, 1).reasons()).containsExactly("MISSING_FEATURES_AMBER");
    assertThat(health(cfg, 0, 0).state()).isEqualTo(HealthState.GREEN);
    assertThat(health(cfg, 0, 0).metrics()).containsEntry("missing_feature_rate", 0.0);
  }

  @Test
  void shouldRefuseARateThatIsNotANumberInRange() {
    Map<String, Object> bad = new HashMap<>();
    bad.put("missing_features_red_rate", "NaN");
    assertThatThrownBy(() -> config(bad)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("components.ofp.missing_features_red_rate");
    assertThatThrownBy(() -> config(Map.of("missing_features_amber_rate", "-0.1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must be between");
    assertThat(config(Map.of("missing_features_red_rate", "0.02")).missingFeaturesRedRate()).isEqualTo(0.02);
  }
}
