package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;

/**
 * Facts stated together ({@link Facts}) are counted exactly as the same facts fed one observation
 * at a time to a store without caches, whether the set comes back as the same instance or an equal
 * one, whether its slot was kept (full-size cache) or taken by another set (one slot), and whether
 * the record's bound dropped one of its values.
 */
class RecentFactSetsProperties {

  private static KnowledgeBase kb;

  @BeforeContainer
  static void load() throws Exception {
    kb = KnowledgeBase.load(Optional.empty(), Files.createTempDirectory("no-ieee-data"));
  }

  /** One statement: a subject states set {@code set} of the pool at {@code time}. */
  record Statement(long time, Endpoint subject, int set, boolean copy) {}

  record Input(List<List<String[]>> pool, List<Statement> statements) {}

  @Provide
  Arbitrary<Input> inputs() {
    // Facts of the order-independence test (address facts among them) and a blank value, which
    // is never counted.
    List<String[]> facts = new ArrayList<>(OrderIndependenceTest.FACTS);
    facts.add(new String[] {ObservationFields.HL7_VERSION, " "});
    // Two values longer than an observation holds, alike in what it keeps.
    facts.add(new String[] {ObservationFields.HL7_DEVICE_ID, "D".repeat(600)});
    facts.add(new String[] {ObservationFields.HL7_DEVICE_ID, "D".repeat(512) + "E".repeat(88)});
    Arbitrary<List<String[]>> set = Arbitraries.of(facts).list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<Statement> statement =
        Combinators.combine(
                Arbitraries.longs().between(0, 50),
                new OrderIndependenceTest().endpoints(),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(false, false, true))
            .as(Statement::new);
    return Combinators.combine(set.list().ofMinSize(1).ofMaxSize(4), statement.list().ofMaxSize(30))
        .as(Input::new);
  }

  @Property(tries = 500)
  void countsASetAsItsFactsOneByOne(@ForAll("inputs") Input input) {
    List<Facts> sets = input.pool().stream().map(RecentFactSetsProperties::facts).toList();
    InputStore full = new InputStore(kb);
    InputStore oneSlot =
        new InputStore(kb, new RecentFacts(1), new RecentFlows(1), new RecentFactSets(1));
    InputStore oneByOne = new InputStore(kb, RecentFacts.disabled(), new RecentFlows(1));
    // Twice over: the second time round, every set is a repeat.
    for (int round = 0; round < 2; round++) {
      for (Statement s : input.statements()) {
        int i = s.set() % sets.size();
        Facts f = s.copy() ? facts(input.pool().get(i)) : sets.get(i);
        full.add(s.time(), s.subject(), f);
        oneSlot.add(s.time(), s.subject(), f);
        feedOneByOne(oneByOne, s.time(), s.subject(), f);
      }
    }
    assertThat(RecentCachesProperties.describe(full))
        .isEqualTo(RecentCachesProperties.describe(oneByOne));
    assertThat(RecentCachesProperties.describe(oneSlot))
        .isEqualTo(RecentCachesProperties.describe(oneByOne));
  }

  @Test
  void countsNothingIntoAValueTheBoundDropped() {
    // A forwarding server names more devices than a record keeps values of one field: the sets
    // naming the largest ids lose that value to the bound, and their repeats must not count it.
    Endpoint server =
        new Endpoint(
            Optional.of(MacAddress.parse("00:50:56:00:00:07")),
            Optional.of(IpAddress.parse("10.10.1.7")),
            0);
    List<Facts> sets = new ArrayList<>();
    for (int i = KeyRecord.MAX_VALUES_PER_FIELD + 10; i > 0; i--) {
      sets.add(
          Facts.builder()
              .add(ObservationFields.HL7_SENDING_APP, "ALARIS_SM")
              .add(ObservationFields.HL7_DEVICE_ID, String.format("PUMP-%03d", i))
              .build());
    }
    InputStore batched = new InputStore(kb);
    InputStore oneByOne = new InputStore(kb, RecentFacts.disabled(), new RecentFlows(1));
    for (int round = 0; round < 3; round++) {
      for (Facts f : sets) {
        batched.add(round, server, f);
        feedOneByOne(oneByOne, round, server, f);
      }
    }
    assertThat(RecentCachesProperties.describe(batched))
        .isEqualTo(RecentCachesProperties.describe(oneByOne));
  }

  private static void feedOneByOne(InputStore store, long time, Endpoint subject, Facts f) {
    for (int i = 0; i < f.size(); i++) {
      store.add(new Observation(time, subject, f.field(i), f.value(i)));
    }
  }

  private static Facts facts(List<String[]> pairs) {
    Facts.Builder b = Facts.builder();
    pairs.forEach(p -> b.add(p[0], p[1]));
    return b.build();
  }
}
