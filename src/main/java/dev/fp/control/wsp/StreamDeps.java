package dev.fp.control.wsp;

import dev.fp.control.wsp.store.WspStore;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;

import java.time.Clock;
import java.util.function.DoubleSupplier;

/** What every output stream of one WSP instance shares: loops, stores, IG client, log and session writers. */
record StreamDeps(Vertx vertx, WorkerExecutor readers, WspStore store, FencedWrites writes, IgClient ig,
                  WspConfig config, Logger log, SessionLog session, WspCounters counters, Clock clock,
                  DoubleSupplier random) {
}
