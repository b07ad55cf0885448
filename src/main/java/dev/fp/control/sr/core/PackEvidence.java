package dev.fp.control.sr.core;

import java.util.Optional;

/**
 * What was read at the oracle pack root: the raw {@code _oracle_pack_manifest.json} and {@code _SEALED.json} (empty
 * when absent), their locators, and the current digests of the world's catalogue and gate map.
 */
public record PackEvidence(String packRoot, Optional<byte[]> manifest, String manifestRef, Optional<byte[]> seal,
                           String sealRef, String catalogueDigest, String gateMapDigest) {
}
