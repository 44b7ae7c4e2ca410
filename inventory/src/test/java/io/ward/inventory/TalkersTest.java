package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounded, order-independent set of an endpoint's peers. */
class TalkersTest {

  /** Keys 0..n-1, each an IPv6 address whose order is the reverse of its index. */
  private static List<EndpointKey> keys(int n) {
    List<EndpointKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      IpAddress ip = new IpAddress(0x2001_0db8_0000_0000L, n - i);
      keys.add(EndpointKey.of(Endpoint.ofIp(ip, 0)).orElseThrow());
    }
    return keys;
  }

  private static int[] sorted(int[] indices) {
    int[] out = indices.clone();
    Arrays.sort(out);
    return out;
  }

  @Test
  void shouldKeepEveryPeerOnceUpToTheBound() {
    List<EndpointKey> keys = keys(1000);
    Talkers t = new Talkers();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < keys.size(); i++) {
        t.add(i, keys::get);
      }
    }

    assertThat(t.indices(keys::get)).hasSize(1000).doesNotHaveDuplicates();
    assertThat(t.truncated()).isFalse();
  }

  @Test
  void shouldKeepTheSmallestKeysPastTheBoundWhateverTheOrder() {
    int n = Talkers.MAX + Talkers.MAX / 2;
    List<EndpointKey> keys = keys(n); // the largest indices are the smallest keys
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    int[] expected = new int[Talkers.MAX];
    for (int i = 0; i < Talkers.MAX; i++) {
      expected[i] = n - Talkers.MAX + i;
    }
    for (long seed : new long[] {1, 2}) {
      Collections.shuffle(order, new Random(seed));
      Talkers t = new Talkers();
      order.forEach(i -> t.add(i, keys::get));

      assertThat(t.truncated()).isTrue();
      assertThat(sorted(t.indices(keys::get))).as("seed " + seed).isEqualTo(expected);
    }
  }

  @Test
  void shouldKeepTheSmallestKeysOfBothWhenMerged() {
    int n = Talkers.MAX + 1000;
    List<EndpointKey> keys = keys(n);
    Talkers odd = new Talkers();
    Talkers even = new Talkers();
    for (int i = 0; i < n; i++) {
      (i % 2 == 0 ? even : odd).add(i, keys::get);
    }
    assertThat(odd.truncated()).isFalse();

    even.addAll(odd, i -> i, keys::get);

    assertThat(even.truncated()).isTrue();
    assertThat(sorted(even.indices(keys::get))).startsWith(1000, 1001).hasSize(Talkers.MAX);
  }
}
