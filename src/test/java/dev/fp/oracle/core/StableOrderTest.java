package dev.fp.oracle.core;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class StableOrderTest {

  @Test
  void shouldOrderByKeyAndKeepInputOrderForEqualKeys() {
    SplittableRandom r = new SplittableRandom(3);
    long[] keys = new long[50_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = 1_767_225_600_000_000L + r.nextInt(2000) * 1000L - (i % 7 == 0 ? 5_000_000_000L : 0);
    }
    keys[10] = Long.MIN_VALUE;
    keys[11] = Long.MAX_VALUE;
    keys[12] = -1;
    int[] expected = IntStream.range(0, keys.length).boxed()
        .sorted(Comparator.<Integer>comparingLong(i -> keys[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    assertThat(StableOrder.of(keys, keys.length)).isEqualTo(expected);
  }

  @Test
  void shouldLeaveAllEqualKeysInInputOrder() {
    long[] keys = new long[1000];
    Arrays.fill(keys, 42);
    assertThat(StableOrder.of(keys, keys.length)).isEqualTo(IntStream.range(0, 1000).toArray());
  }
}
