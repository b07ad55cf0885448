package dev.fp.platform.health;

/** Component health per the health convention; UNKNOWN is what readers report for a missing file. */
public enum HealthState { GREEN, AMBER, RED, UNKNOWN }
