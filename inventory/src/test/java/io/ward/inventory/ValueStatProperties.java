package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The kept capture times behave as "the smallest distinct times", whatever the input order. */
class ValueStatProperties {

  @Property
  void keepsTheSmallestDistinctTimesInOrder(
      @ForAll @Size(max = 60) List<@LongRange(min = 0, max = 40) Long> times,
      @ForAll boolean keepTime) {
    ValueStat stat = new ValueStat();
    TreeSet<Long> model = new TreeSet<>();
    for (long t : times) {
      stat.add(t, keepTime);
      model.add(t);
    }
    long[] expected =
        keepTime
            ? model.stream().limit(ValueStat.MAX_TIMES).mapToLong(Long::longValue).toArray()
            : new long[0];
    assertThat(stat.times()).containsExactly(expected);
    assertThat(stat.count).isEqualTo(times.size());
  }

  @Property
  void mergingEqualsAddingEverythingToOne(
      @ForAll @Size(max = 40) List<@LongRange(min = 0, max = 30) Long> left,
      @ForAll @Size(max = 40) List<@LongRange(min = 0, max = 30) Long> right) {
    ValueStat a = new ValueStat();
    ValueStat b = new ValueStat();
    ValueStat all = new ValueStat();
    left.forEach(t -> a.add(t, true));
    right.forEach(t -> b.add(t, true));
    left.forEach(t -> all.add(t, true));
    right.forEach(t -> all.add(t, true));
    a.merge(b);
    assertThat(a.times()).containsExactly(all.times());
    assertThat(a.count).isEqualTo(all.count);
    TreeSet<Long> keptOfB = new TreeSet<>();
    for (long t : b.times()) {
      keptOfB.add(t);
    }
    boolean shared = false;
    for (long t : a.times()) {
      shared |= keptOfB.contains(t);
    }
    assertThat(a.sharesTimeWith(b)).isEqualTo(shared);
  }
}
