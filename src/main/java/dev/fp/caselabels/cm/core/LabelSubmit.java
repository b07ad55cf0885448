package dev.fp.caselabels.cm.core;

import dev.fp.caselabels.cm.store.CmTables.EmissionKey;
import dev.fp.caselabels.cm.store.CmTables.EmissionRow;

/** The intake's effect: submit a stored PENDING label to LS (the row as committed before the call). */
public record LabelSubmit(EmissionKey key, EmissionRow row) {
}
