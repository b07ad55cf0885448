package dev.fp.substrate.state;

/**
 * The store's queue of batches waiting to be written is full: nothing of the batch was written, and the caller may
 * retry later (an HTTP caller answers 503 with Retry-After).
 */
public class StateStoreSaturatedException extends StateStoreException {
  public StateStoreSaturatedException(int pending) {
    super("commit", pending + " batches are already waiting to be written (substrate.state.rocksdb.max_pending_batches)");
  }
}
