package dev.fp.caselabels.cm.core;

import dev.fp.caselabels.cm.store.CmTables.EmissionKey;
import dev.fp.caselabels.cm.store.CmTables.EmissionRow;
import dev.fp.caselabels.cm.store.CmTables.IntakeRow;
import dev.fp.caselabels.cm.store.CmTables.TriggerKey;

/**
 * The intake's effect for a NEW trigger, run after its case, timeline and PENDING label were stored: submit the label
 * to LS (when the trigger has one), then, in the batch's final commit with LS's answer and the checkpoint, add the
 * trigger's intake counters ({@link IntakeRow#intakeCounts()}) and mark its intake row counted. A crash in between
 * re-delivers the record, which finds its row uncounted and emits this again: nothing lost, nothing counted twice.
 *
 * @param labelKey null when the trigger's type has no automatic label
 * @param label    the label as stored (PENDING, no attempt made); null with {@code labelKey}
 */
public record IntakeCommit(TriggerKey trigger, IntakeRow intake, EmissionKey labelKey, EmissionRow label) {
}
