package dev.fp.rtdl.df.core;

import dev.fp.contract.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The risk policy names each entity group's key type, so DF asks OFP only for keys a requested group serves. */
class RiskPolicyTest {
  static Map<String, Object> shipped() throws Exception {
    return new LinkedHashMap<>(Json.readYamlObject(Files.readAllBytes(Path.of("conf/df/risk_policy.yaml"))));
  }

  @Test
  void shouldAskOnlyForTheKeyTypesOfTheGroupsTheRulesRead() throws Exception {
    RiskPolicy p = RiskPolicy.parse(shipped());
    // the shipped rules read merchant, party, instrument, device and ip features — not account features
    assertThat(p.groups()).containsExactly("merchant_features", "party_features", "instrument_features",
        "device_features", "ip_features");
    assertThat(p.keyTypes()).containsExactly("merchant_id", "party_id", "instrument_id", "device_id", "ip_id");
  }

  @Test
  void shouldRefuseARuleOnAGroupWithoutAKeyTypeAndAKeyTypeNoAnchorHas() throws Exception {
    Map<String, Object> doc = shipped();
    doc.put("group_keys", Map.of("party_features", "party_id"));
    assertThatThrownBy(() -> RiskPolicy.parse(doc)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group merchant_features has no key type in group_keys");
    doc.put("group_keys", Map.of("party_features", "customer_id"));
    assertThatThrownBy(() -> RiskPolicy.parse(doc)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group_keys.party_features must be one of");
    doc.remove("group_keys");
    assertThatThrownBy(() -> RiskPolicy.parse(doc)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group_keys must map");
  }
}
