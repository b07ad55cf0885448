package dev.fp.control.sr.core;

import dev.fp.contract.StreamViewDocs;

import java.util.List;
import java.util.Optional;

/**
 * What was read for one intended output: its engine files (rendered catalogue template, the locator of that
 * pattern, the content digest over the matched files, empty when none matched) and its stream view (the identity a
 * valid receipt must carry, the raw receipt and manifest, and the keys under the view's output prefix).
 *
 * @param expectedView null when the output has no source files (its stream view cannot be proven then)
 */
public record OutputEvidence(String outputId, String pathTemplate, String pathRef, Optional<String> contentDigest,
                             int fileCount, String viewRef, StreamViewDocs.ViewId expectedView,
                             Optional<byte[]> receipt, String receiptRef, Optional<byte[]> manifest,
                             String manifestRef, List<String> viewFiles) {
}
