package io.ward.exposure.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The index must give the nested-loop matcher's findings on any input. */
class MatcherEquivalenceTest {

  private static final List<String> VENDORS =
      List.of("GE Healthcare", "GE Medical Systems", "BD", "CareFusion", "Philips", "Draeger", "");
  private static final List<String> WORDS =
      List.of(
          "Alaris",
          "PCU",
          "8015",
          "IntelliVue",
          "MX450",
          "MX400-MX850",
          "monitor",
          "pump",
          "Carescape",
          "B650",
          "Infinity",
          "Delta",
          "model",
          "Unit");
  private static final List<String> VERSIONS =
      List.of("1.0", "1.2", "2.0", "12.1.3", "N.01", "M.04", "3.6.6", "4.2.1-b17");

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(" ", l));
  }

  @Provide
  Arbitrary<VersionConstraint> constraints() {
    return Arbitraries.oneOf(
        Arbitraries.of(VERSIONS).map(VersionConstraint.Exact::new),
        Arbitraries.of(VERSIONS)
            .map(v -> new VersionConstraint.Legacy("<= " + v, Optional.empty())),
        Arbitraries.of(VERSIONS).map(v -> new VersionConstraint.Vers("vers:generic/<" + v)),
        Arbitraries.just(new VersionConstraint.Legacy("gibberish text", Optional.empty())),
        Arbitraries.just(new VersionConstraint.Unknown()));
  }

  @Provide
  Arbitrary<Advisory> advisories() {
    Arbitrary<AffectedProduct> product =
        Combinators.combine(
                Arbitraries.of(VENDORS),
                names(),
                constraints(),
                Arbitraries.integers().between(0, 999))
            .as(
                (vendor, name, c, n) ->
                    AffectedProduct.of(
                        "P" + n,
                        vendor + " " + name,
                        vendor.isEmpty() ? Optional.empty() : Optional.of(vendor),
                        Optional.of(name),
                        c));
    return Combinators.combine(
            product.list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.integers().between(0, 99),
            Arbitraries.of(
                ProductStatus.LAST_AFFECTED,
                ProductStatus.FIXED,
                ProductStatus.KNOWN_NOT_AFFECTED,
                ProductStatus.UNDER_INVESTIGATION))
        .as(
            (products, n, other) -> {
              List<AffectedProduct> unique = new ArrayList<>();
              for (int i = 0; i < products.size(); i++) {
                AffectedProduct p = products.get(i);
                unique.add(
                    AffectedProduct.of(
                        "P" + i, p.name(), p.vendor(), p.productName(), p.version()));
              }
              List<String> ids = unique.stream().map(AffectedProduct::productId).toList();
              Vulnerability v =
                  new Vulnerability(
                      Optional.of("CVE-2024-" + (1000 + n)),
                      List.of(),
                      List.of(),
                      Optional.empty(),
                      Optional.empty(),
                      List.of(),
                      Map.of(
                          ProductStatus.KNOWN_AFFECTED,
                          ids.subList(0, (ids.size() + 1) / 2),
                          other,
                          ids.subList((ids.size() + 1) / 2, ids.size())),
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of());
              return new Advisory(
                  "ADV-" + n,
                  AdvisorySource.CSAF,
                  "t",
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  unique,
                  List.of(v),
                  Optional.empty());
            });
  }

  @Provide
  Arbitrary<List<Advisory>> advisoryLists() {
    return advisories().list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<Device> devices() {
    return Combinators.combine(
            Arbitraries.of(VENDORS), names(), Arbitraries.of(VERSIONS).injectNull(0.2))
        .as(
            (vendor, model, fw) ->
                Devices.device("d", vendor.isEmpty() ? null : vendor, model, fw));
  }

  @Property(tries = 300)
  void indexAndNestedLoopGiveTheSameFindings(
      @ForAll("advisoryLists") List<Advisory> advisories, @ForAll("devices") Device device) {
    List<Advisory> distinct = new ArrayList<>();
    advisories.stream()
        .filter(a -> distinct.stream().noneMatch(b -> b.id().equals(a.id())))
        .forEach(distinct::add);
    MatchIndex index = MatchIndex.build(distinct, VendorAliases.defaults());
    ReferenceMatcher reference = new ReferenceMatcher(distinct, VendorAliases.defaults());
    assertThat(index.match(device, List.of())).isEqualTo(reference.match(device, List.of()));
  }
}
