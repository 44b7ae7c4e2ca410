package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoundOrderTest {

  @Test
  void shouldRunEveryContenderOncePerRoundInTheSameOrderOnARerun() {
    for (int round = 0; round < 5; round++) {
      List<Integer> order = CaptureBenchmark.roundOrder(9, round);
      assertThat(order).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 9).boxed().toList());
      assertThat(CaptureBenchmark.roundOrder(9, round)).isEqualTo(order);
    }
  }

  @Test
  void shouldNotKeepAnyContenderBehindTheSameNeighbourInEveryRound() {
    // The benchmark's nine processes over its default three rounds and the five of a closing run.
    for (int rounds : new int[] {3, 5}) {
      Map<Integer, Set<Integer>> predecessors = new HashMap<>();
      for (int round = 0; round < rounds; round++) {
        List<Integer> order = CaptureBenchmark.roundOrder(9, round);
        for (int i = 1; i < order.size(); i++) {
          predecessors.computeIfAbsent(order.get(i), k -> new HashSet<>()).add(order.get(i - 1));
        }
        predecessors.computeIfAbsent(order.get(0), k -> new HashSet<>()).add(-1);
      }
      predecessors.forEach(
          (contender, before) ->
              assertThat(before)
                  .as("before %d in %d rounds", contender, rounds)
                  .hasSizeGreaterThan(1));
    }
  }
}
