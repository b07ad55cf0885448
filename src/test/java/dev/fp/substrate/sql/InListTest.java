package dev.fp.substrate.sql;

import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InListTest {
  @Test
  void shouldPadToPowersOfTwoSoFewStatementShapesExist() {
    assertThat(IntStream.of(1, 2, 3, 4, 5, 8, 9, 300, 512).map(InList::padded).toArray())
        .containsExactly(1, 2, 4, 4, 8, 8, 16, 512, 512);
    assertThatThrownBy(() -> InList.padded(513)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNumberPlaceholdersAfterTheLeadingArgumentsAndRepeatTheLastValue() {
    assertThat(InList.placeholders(2, 3)).isEqualTo("$2, $3, $4, $5");
    Tuple t = InList.tuple(List.of("p"), List.of("a", "b", "c"));
    assertThat(t.size()).isEqualTo(5);
    assertThat(t.getString(4)).isEqualTo("c");
  }

  @Test
  void shouldCutLongListsIntoChunks() {
    List<Integer> values = IntStream.range(0, 1100).boxed().toList();
    assertThat(InList.chunks(values)).extracting(List::size).containsExactly(512, 512, 76);
  }
}
