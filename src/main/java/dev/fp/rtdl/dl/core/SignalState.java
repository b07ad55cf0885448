package dev.fp.rtdl.dl.core;

/** A tracked signal at evaluation time: no sample, a failing or future-dated sample, a sample too old, or fine. */
public enum SignalState {
  OK, ERROR, STALE, MISSING
}
