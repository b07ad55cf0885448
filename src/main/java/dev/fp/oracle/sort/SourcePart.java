package dev.fp.oracle.sort;

import org.apache.parquet.io.InputFile;

/**
 * One source Parquet file of an output: {@code locator} is its full path or URI (the sort's file tie-break and the
 * source locator digest use it), {@code file} how to read it.
 */
public record SourcePart(String locator, InputFile file) {
}
