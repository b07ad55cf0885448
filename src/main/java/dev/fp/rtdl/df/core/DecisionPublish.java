package dev.fp.rtdl.df.core;

import dev.fp.rtdl.df.store.DfTables;

/** DF's effect: publish a stored decision's envelopes through IG, then mark its ledger row with IG's answers. */
public record DecisionPublish(DfTables.SourceKey key, DfTables.DecisionRow row) {
}
