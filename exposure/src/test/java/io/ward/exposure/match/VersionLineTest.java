package io.ward.exposure.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.version.Version;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Codes on the version line keep Ward's version order, through additions and renumbering. */
class VersionLineTest {

  @Provide
  Arbitrary<List<String>> versions() {
    Arbitrary<String> v =
        Arbitraries.oneOf(
            Arbitraries.integers()
                .between(0, 12)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(l -> String.join(".", l.stream().map(String::valueOf).toList())),
            Arbitraries.of(
                "1.0.2a",
                "1.0rc1",
                "B.06.18",
                "N.01",
                "V2.1.3 SP2",
                "4.2.1-b17",
                "12.2.x",
                "20000.1"));
    return v.list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 300)
  void codesOrderAsVersionsWhetherAddedInBulkOrOneByOne(
      @ForAll("versions") List<String> bulk,
      @ForAll("versions") List<String> later,
      @ForAll("versions") List<String> queries) {
    VersionLine line = new VersionLine();
    List<Integer> ids = new ArrayList<>();
    for (String s : bulk) {
      ids.add(line.intern(Version.parse(s)));
    }
    line.order();
    for (String s : later) {
      ids.add(line.internOrdered(Version.parse(s)));
    }
    List<Version> all = new ArrayList<>();
    bulk.forEach(s -> all.add(Version.parse(s)));
    later.forEach(s -> all.add(Version.parse(s)));
    for (String q : queries) {
      Version v = Version.parse(q);
      long code = line.code(v);
      for (int i = 0; i < all.size(); i++) {
        Version b = all.get(i);
        int c = v.compareTo(b);
        assertThat(code >= line.lowerCode(ids.get(i), true)).isEqualTo(c >= 0);
        assertThat(code >= line.lowerCode(ids.get(i), false)).isEqualTo(c > 0);
        assertThat(code <= line.upperCode(ids.get(i), true)).isEqualTo(c <= 0);
        assertThat(code <= line.upperCode(ids.get(i), false)).isEqualTo(c < 0);
      }
    }
  }

  @Test
  void shouldRenumberWhenAGapRunsOutAndStillOrder() {
    VersionLine line = new VersionLine();
    line.intern(Version.parse("1"));
    line.intern(Version.parse("2"));
    line.order();
    int epoch = line.epoch();
    // Each new version lies just above 1 and below the previous one: the gap halves every time.
    List<Version> added = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      Version v = Version.parse("1." + "0.".repeat(i) + "1");
      line.internOrdered(v);
      added.add(v);
    }
    assertThat(line.epoch()).isGreaterThan(epoch);
    for (Version v : added) {
      assertThat(line.code(v)).isGreaterThan(line.code(Version.parse("1")));
      assertThat(line.code(v)).isLessThan(line.code(Version.parse("2")));
    }
  }
}
