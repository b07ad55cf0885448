package dev.fp.rtdl.csfb.core;

import java.util.Map;

/** Why a context record cannot be applied at all (found from the record alone), with the details recorded. */
public record Rejection(String reason, Map<String, Object> details) {
}
