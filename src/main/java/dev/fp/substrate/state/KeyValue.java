package dev.fp.substrate.state;

/** One row of a scan, decoded. */
public record KeyValue<K, V>(K key, V value) {
}
