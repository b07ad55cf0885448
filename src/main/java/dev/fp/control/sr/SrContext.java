package dev.fp.control.sr;

import dev.fp.control.sr.store.LeaseStore;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Vertx;

import java.time.Clock;

/** What every SR invocation shares: the ports as SR uses them, its settings and the wall clock. */
record SrContext(Vertx vertx, ObjectStore store, ReadyBus bus, LeaseStore leases, SrRunLog runLog,
                 SrSettings settings, Clock clock) {
}
