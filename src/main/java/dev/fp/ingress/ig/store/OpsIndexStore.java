package dev.fp.ingress.ig.store;

import dev.fp.ingress.ig.store.IgTables.RunScoped;
import dev.fp.substrate.state.StateStore;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tables {@code ig_receipts} and {@code ig_quarantines}, the ops index operators and the reporter query: one row per
 * receipt / quarantine record and run, first write wins (a row that exists is kept).
 */
public final class OpsIndexStore {
  private final StateStore store;

  public OpsIndexStore(StateStore store) {
    this.store = store;
  }

  public Future<Void> insertReceipts(IgTx tx, List<ReceiptRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    List<RunScoped> keys = rows.stream().map(r -> new RunScoped(r.platformRunId(), r.receiptId())).toList();
    return tx.multiGet(IgTables.RECEIPTS, keys).map(existing -> {
      for (int i = 0; i < rows.size(); i++) {
        IgTables.seen(tx, keys.get(i).platformRunId(), rows.get(i).createdAtUtc());
        if (!existing.containsKey(keys.get(i))) {
          tx.put(IgTables.RECEIPTS, keys.get(i), rows.get(i));
        }
      }
      return null;
    });
  }

  public Future<Void> insertQuarantines(IgTx tx, List<QuarantineRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    List<RunScoped> keys = rows.stream().map(r -> new RunScoped(r.platformRunId(), r.quarantineId())).toList();
    return tx.multiGet(IgTables.QUARANTINES, keys).map(existing -> {
      for (int i = 0; i < rows.size(); i++) {
        IgTables.seen(tx, keys.get(i).platformRunId(), rows.get(i).createdAtUtc());
        if (!existing.containsKey(keys.get(i))) {
          tx.put(IgTables.QUARANTINES, keys.get(i), rows.get(i));
        }
      }
      return null;
    });
  }

  /** Receipts with any of these ids, in every run IG has seen, oldest first. */
  public Future<List<ReceiptRow>> receipts(List<String> receiptIds) {
    return Scans.runs(store).compose(runs -> {
      List<RunScoped> keys = new ArrayList<>();
      runs.forEach(run -> receiptIds.forEach(id -> keys.add(new RunScoped(run, id))));
      return store.multiGet(IgTables.RECEIPTS, keys);
    }).map(found -> found.values().stream().sorted(Comparator.comparing(ReceiptRow::createdAtUtc)).toList());
  }

  /** Quarantine records with this id, in every run IG has seen. */
  public Future<List<QuarantineRow>> quarantines(String quarantineId) {
    return Scans.runs(store).compose(runs -> store.multiGet(IgTables.QUARANTINES,
            runs.stream().map(run -> new RunScoped(run, quarantineId)).toList()))
        .map(found -> found.values().stream().sorted(Comparator.comparing(QuarantineRow::createdAtUtc)).toList());
  }
}
