package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Flow;
import io.ward.model.Observation;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The caches of recent facts and flows only save lookups: a store whose caches have one slot, where
 * every entry evicts the one before and nearly every input takes the full path, ends up holding
 * exactly what a store with full-size caches holds, counts and times included; and both hold what a
 * store without the cache of facts holds, where every fact takes the full path.
 */
class RecentCachesProperties {

  private static KnowledgeBase kb;

  @BeforeContainer
  static void load() throws Exception {
    kb = KnowledgeBase.load(Optional.empty(), Files.createTempDirectory("no-ieee-data"));
  }

  @Provide
  Arbitrary<List<Object>> inputs() {
    // Small pools of endpoints and facts, so that the same fact and flow come back often.
    return new OrderIndependenceTest().inputs().list().ofMaxSize(4).map(lists -> concat(lists));
  }

  private static List<Object> concat(List<List<Object>> lists) {
    // The same input, repeated: each repetition is a run of cache hits for the full-size caches.
    List<Object> all = new java.util.ArrayList<>();
    for (List<Object> l : lists) {
      all.addAll(l);
      all.addAll(l);
    }
    return all;
  }

  @Property(tries = 300)
  void shouldHoldTheSameWithOneSlotAsWithFullCaches(@ForAll("inputs") List<Object> input) {
    InputStore full = new InputStore(kb);
    InputStore tiny = new InputStore(kb, new RecentFacts(1), new RecentFlows(1));
    InputStore uncached = new InputStore(kb, RecentFacts.disabled(), new RecentFlows(1));
    for (Object o : input) {
      for (InputStore store : List.of(full, tiny, uncached)) {
        if (o instanceof Observation obs) {
          store.add(obs);
        } else {
          store.add((Flow) o);
        }
      }
    }
    assertThat(describe(tiny)).isEqualTo(describe(full));
    assertThat(describe(full)).isEqualTo(describe(uncached));
  }

  /**
   * Flows between a few endpoint objects, each used again and again as the capture engine shares
   * one per address: the caches may recognise such an endpoint by identity, but must still tell the
   * flows' protocols apart.
   */
  @Provide
  Arbitrary<List<Object>> sharedEndpointFlows() {
    Arbitrary<List<io.ward.model.Endpoint>> pool =
        new OrderIndependenceTest().endpoints().list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<int[]> spec =
        net.jqwik.api.Combinators.combine(
                net.jqwik.api.Arbitraries.integers().between(0, 3),
                net.jqwik.api.Arbitraries.integers().between(0, 3),
                net.jqwik.api.Arbitraries.of(104, 2575, 443),
                net.jqwik.api.Arbitraries.integers().between(0, 3),
                net.jqwik.api.Arbitraries.integers().between(0, 50))
            .as((c, sv, port, app, t) -> new int[] {c, sv, port, app, t});
    return net.jqwik.api.Combinators.combine(pool, spec.list().ofMaxSize(30))
        .as(
            (endpoints, specs) -> {
              List<Object> flows = new java.util.ArrayList<>();
              for (int[] f : specs) {
                Optional<String> app =
                    f[3] == 0
                        ? Optional.empty()
                        : Optional.of(List.of("dicom", "hl7", "tls").get(f[3] - 1));
                flows.add(
                    new Flow(
                        endpoints.get(f[0] % endpoints.size()),
                        40000,
                        endpoints.get(f[1] % endpoints.size()),
                        f[2],
                        io.ward.model.Transport.TCP,
                        0,
                        app,
                        false,
                        1,
                        60,
                        1,
                        60,
                        f[4],
                        f[4] + 5));
              }
              return flows;
            });
  }

  @Property(tries = 300)
  void shouldTellProtocolsApartBetweenTheSameEndpointObjects(
      @ForAll("sharedEndpointFlows") List<Object> flows) {
    shouldHoldTheSameWithOneSlotAsWithFullCaches(flows);
  }

  /** Everything a store holds, as sorted text. */
  static Map<String, String> describe(InputStore store) {
    Map<String, String> out = new TreeMap<>();
    store.records.forEach(
        (key, r) -> {
          StringBuilder sb = new StringBuilder();
          sb.append(r.first).append(' ').append(r.last).append(' ').append(r.observations);
          sb.append(' ').append(r.flows).append(' ').append(r.strongBindings).append(r.vlans);
          new TreeMap<>(r.fields)
              .forEach(
                  (field, values) ->
                      new TreeMap<>(values)
                          .forEach(
                              (value, stat) ->
                                  sb.append("\n  ")
                                      .append(field)
                                      .append('=')
                                      .append(value)
                                      .append(' ')
                                      .append(stat.count)
                                      .append(' ')
                                      .append(stat.first)
                                      .append(' ')
                                      .append(stat.last)
                                      .append(java.util.Arrays.toString(stat.times()))));
          sb.append("\n  clients ").append(r.clientsByProtocol);
          sb.append("\n  servers ").append(r.serversByProtocol);
          out.put(key.toString(), sb.toString());
        });
    return out;
  }
}
