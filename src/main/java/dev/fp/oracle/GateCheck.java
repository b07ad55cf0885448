package dev.fp.oracle;

/**
 * One named exit-gate check of P3 with the evidence it read: PASS or FAIL, expected vs found, and the remedy when
 * it failed.
 */
public record GateCheck(String name, boolean pass, String evidence, String detail, String remedy) {
}
