package dev.fp.obsgov.governance.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionTest {
  @Test
  void shouldBeCompleteWhenEveryEventHasExactlyOneLine() {
    Projection p = Projection.of(Set.of("a", "b"), List.of("b", "a"));
    assertThat(p.complete()).isTrue();
    assertThat(p.summary()).isEqualTo("events=2 lines=2 missing=0 duplicated=0 orphaned=0");
  }

  @Test
  void shouldNameMissingDuplicatedAndOrphanedLines() {
    Projection p = Projection.of(Set.of("a", "b", "c"), List.of("a", "a", "x"));
    assertThat(p.complete()).isFalse();
    assertThat(p.missing()).containsExactly("b", "c");
    assertThat(p.duplicated()).containsExactly("a");
    assertThat(p.orphaned()).containsExactly("x");
  }
}
