package io.ward.exposure.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Ordering and range laws over versions built from device makers' token shapes. */
class VersionPropertiesTest {

  @Provide
  Arbitrary<Version> versions() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 12).map(String::valueOf),
            Arbitraries.of("00", "010", "a", "B", "n", "rc", "beta", "SP", "b", "build", "x", "R"));
    Arbitrary<String> sep = Arbitraries.of(".", "-", "", " ", "_");
    return Combinators.combine(token.list().ofMinSize(1).ofMaxSize(5), sep.list().ofSize(5))
        .as(
            (tokens, seps) -> {
              StringBuilder sb = new StringBuilder();
              for (int i = 0; i < tokens.size(); i++) {
                sb.append(tokens.get(i));
                if (i + 1 < tokens.size()) {
                  sb.append(seps.get(i));
                }
              }
              return Version.parse(sb.toString());
            });
  }

  /**
   * Dotted numbers without zeros: with a zero component, {@code <=4.2} also holds {@code 4.2.0.1}
   * (Ward's inclusive bounds cover the builds of a version, which the spec procedure does not).
   */
  @Provide
  Arbitrary<Version> numeric() {
    return Arbitraries.integers()
        .between(1, 4)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(l -> Version.parse(String.join(".", l.stream().map(String::valueOf).toList())));
  }

  @Property
  void orderingIsAntisymmetric(@ForAll("versions") Version a, @ForAll("versions") Version b) {
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    if (a.equals(b)) {
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
      assertThat(a.canonical()).isEqualTo(b.canonical());
    }
  }

  @Property
  void orderingIsTransitive(
      @ForAll("versions") Version a, @ForAll("versions") Version b, @ForAll("versions") Version c) {
    List<Version> sorted = new ArrayList<>(List.of(a, b, c));
    sorted.sort(null);
    assertThat(sorted.get(0).compareTo(sorted.get(1))).isLessThanOrEqualTo(0);
    assertThat(sorted.get(1).compareTo(sorted.get(2))).isLessThanOrEqualTo(0);
    assertThat(sorted.get(0).compareTo(sorted.get(2))).isLessThanOrEqualTo(0);
    if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
      assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
    }
  }

  @Provide
  Arbitrary<VersionRange> ranges() {
    Arbitrary<VersionRange> piece =
        Combinators.combine(
                versions(),
                versions(),
                Arbitraries.of(0, 1, 2, 3, 4, 5),
                Arbitraries.of(true, false))
            .as(
                (x, y, kind, incl) -> {
                  Version lo = x.compareTo(y) <= 0 ? x : y;
                  Version hi = x.compareTo(y) <= 0 ? y : x;
                  switch (kind) {
                    case 0:
                      return VersionRange.exactly(x);
                    case 1:
                      return VersionRange.below(x, incl);
                    case 2:
                      return VersionRange.above(x, incl);
                    case 3:
                      return VersionRange.between(lo, incl, hi, !incl);
                    case 4:
                      return VersionRange.exactly(x).complement();
                    default:
                      return VersionRange.all();
                  }
                });
    return piece
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            l -> {
              VersionRange r = VersionRange.none();
              for (VersionRange p : l) {
                r = r.union(p);
              }
              return r;
            });
  }

  @Property
  void aVersionIsInARangeOrItsComplementNeverBoth(
      @ForAll("ranges") VersionRange r, @ForAll("versions") Version v) {
    assertThat(r.contains(v)).isNotEqualTo(r.complement().contains(v));
    assertThat(r.complement().complement()).isEqualTo(r);
  }

  @Property
  void unionAndIntersectionAgreeWithMembership(
      @ForAll("ranges") VersionRange r,
      @ForAll("ranges") VersionRange s,
      @ForAll("versions") Version v) {
    assertThat(r.union(s).contains(v)).isEqualTo(r.contains(v) || s.contains(v));
    assertThat(r.intersect(s).contains(v)).isEqualTo(r.contains(v) && s.contains(v));
    assertThat(r.minus(s).contains(v)).isEqualTo(r.contains(v) && !s.contains(v));
  }

  @Provide
  Arbitrary<String> versTexts() {
    Arbitrary<String> constraint =
        Combinators.combine(
                Arbitraries.of("", "<", "<=", ">", ">=", "!="),
                versions().filter(v -> !v.hasWildcard()))
            .as((op, v) -> op + v.text().replace(" ", "%20").replace("|", "%7C"));
    return constraint
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(l -> "vers:generic/" + String.join("|", l));
  }

  /** Wildcard versions are left out: their canonical form is not always re-readable. */
  @Property
  void canonicalVersTextReadsBackToTheSameRange(@ForAll("versTexts") String text) {
    Optional<VersionRange> r = Vers.tryParse(text);
    r.ifPresent(range -> assertThat(Vers.parse(Vers.format("generic", range))).isEqualTo(range));
  }

  /** The spec's containment procedure, literally, over numeric versions. */
  private static boolean specContains(List<Object[]> sorted, Version tested) {
    for (Object[] c : sorted) {
      String op = (String) c[0];
      Version v = (Version) c[1];
      if ((op.equals("=") || op.equals("<=") || op.equals(">=")) && tested.equals(v)) {
        return true;
      }
      if (op.equals("!=") && tested.equals(v)) {
        return false;
      }
    }
    List<Object[]> ranges =
        sorted.stream().filter(c -> !c[0].equals("=") && !c[0].equals("!=")).toList();
    if (ranges.size() == 1) {
      String op = (String) ranges.get(0)[0];
      int cmp = tested.compareTo((Version) ranges.get(0)[1]);
      return op.startsWith("<") ? cmp < 0 : cmp > 0;
    }
    for (int i = 0; i + 1 < ranges.size(); i++) {
      String cur = (String) ranges.get(i)[0];
      String next = (String) ranges.get(i + 1)[0];
      Version cv = (Version) ranges.get(i)[1];
      Version nv = (Version) ranges.get(i + 1)[1];
      if (i == 0 && cur.startsWith("<") && tested.compareTo(cv) < 0) {
        return true;
      }
      if (i + 2 == ranges.size() && next.startsWith(">") && tested.compareTo(nv) > 0) {
        return true;
      }
      if (cur.startsWith(">")
          && next.startsWith("<")
          && tested.compareTo(cv) > 0
          && tested.compareTo(nv) < 0) {
        return true;
      }
    }
    return false;
  }

  @Property
  void versEvaluationAgreesWithTheSpecProcedureOnNumericVersions(
      @ForAll("numeric") Version a,
      @ForAll("numeric") Version b,
      @ForAll("numeric") Version c,
      @ForAll("numeric") Version tested) {
    List<Version> vs = new ArrayList<>(List.of(a, b, c));
    vs.sort(null);
    if (vs.get(0).equals(vs.get(1)) || vs.get(1).equals(vs.get(2))) {
      return;
    }
    String[][] shapes = {{">=", "<", "="}, {"<=", "=", ">"}, {">", "<=", "!="}, {"=", ">=", "<"}};
    for (String[] shape : shapes) {
      List<Object[]> cons = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        cons.add(new Object[] {shape[i], vs.get(i)});
        parts.add((shape[i].equals("=") ? "" : shape[i]) + vs.get(i).text());
      }
      Optional<VersionRange> r = Vers.tryParse("vers:generic/" + String.join("|", parts));
      if (r.isPresent() && !parts.stream().allMatch(p -> p.startsWith("!="))) {
        assertThat(r.get().contains(tested))
            .as("%s contains %s", parts, tested.text())
            .isEqualTo(specContains(cons, tested));
      }
    }
  }
}
