package dev.fp.obsgov.conformance.core;

import java.util.List;
import java.util.Set;

/**
 * What one profile ({@code conf/<profile>.yaml}) declares that conformance compares, as read from its file.
 *
 * @param profileId           the file's {@code profile}
 * @param policyRefs          IG's class map, partitioning and schema policy files ({@code components.ig.*_file})
 * @param missingPolicyFiles  of those, the files that do not exist in the configuration folder
 * @param policyRevision      {@code components.ig.policy_revision}, null when not declared
 * @param authMode            {@code security.auth_mode} (our one mode is {@code api_key}), null when not declared
 * @param apiKeysFile         {@code security.api_keys_file} as resolved
 * @param keyFilePresent      whether that file exists and parses
 * @param principals          principals the key file names; {@code operators}: those with the operator role
 * @param governanceFamilies  {@code components.obs_gov.governance_families}
 */
public record ProfileFacts(String profileId, List<String> policyRefs, List<String> missingPolicyFiles,
                           String policyRevision, String authMode, String apiKeysFile, boolean keyFilePresent,
                           Set<String> principals, Set<String> operators, List<String> governanceFamilies) {
}
