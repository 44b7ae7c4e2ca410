package io.ward.exposure.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The index's whole-fleet paths ({@link MatchIndex#matchAll}, {@link IncrementalMatcher} fed in any
 * order) must give, device by device, exactly the nested-loop {@link ReferenceMatcher}'s findings,
 * on NVD-style (CPE, {@code vers}, exact versions), CSAF-style (names, model numbers, free text)
 * and purl statements, several vulnerabilities and statuses, repeated advisory and product ids, and
 * devices with SBOMs (versioned or for every firmware, components named by CPE, purl or name only)
 * — with small vocabularies so that pairs collide often.
 */
class FleetEquivalenceTest {

  private static final List<String> VENDORS =
      List.of("GE Healthcare", "GE Medical Systems", "BD", "CareFusion", "Philips", "OpenSSL", "");
  private static final List<String> PRODUCTS =
      List.of(
          "Alaris PCU 8015", "IntelliVue MX450", "MX400-MX850", "openssl", "busybox", "Monitor");
  private static final List<String> VERSIONS =
      List.of(
          "1.0",
          "1.0.0",
          "1.0.2",
          "1.0.2a",
          "1.2",
          "2.0",
          "v2.0",
          "12.1.3",
          "N.01",
          "B.06.18",
          "4.2.1-b17",
          "3.6");
  private static final List<String> CPES =
      List.of(
          "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
          "cpe:2.3:a:openssl:openssl:1.0.2a:*:*:*:*:*:*:*",
          "cpe:2.3:a:busybox:busybox:1.2:*:*:*:*:*:*:*",
          "cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*",
          "cpe:2.3:h:philips:intellivue_mx450:*:*:*:*:*:*:*:*");
  private static final List<String> PURLS =
      List.of(
          "pkg:generic/openssl/openssl@1.0.2a", "pkg:generic/busybox/busybox", "pkg:npm/foo@1.2");

  @Provide
  Arbitrary<VersionConstraint> constraints() {
    Arbitrary<String> v = Arbitraries.of(VERSIONS);
    return Arbitraries.oneOf(
        v.map(VersionConstraint.Exact::new),
        v.map(x -> new VersionConstraint.Vers("vers:generic/<" + x)),
        Combinators.combine(v, v)
            .as((a, b) -> new VersionConstraint.Vers("vers:generic/>=" + a + "|<=" + b)),
        v.map(x -> new VersionConstraint.Legacy(x + " and prior", Optional.empty())),
        v.map(x -> new VersionConstraint.Legacy("prior to " + x, Optional.empty())),
        Arbitraries.just(new VersionConstraint.Vers("vers:all/*")),
        Arbitraries.just(new VersionConstraint.Legacy("some text", Optional.empty())),
        Arbitraries.just(new VersionConstraint.Unknown()));
  }

  @Provide
  Arbitrary<AffectedProduct> products() {
    return Combinators.combine(
            Arbitraries.of(VENDORS),
            Arbitraries.of(PRODUCTS),
            constraints(),
            Arbitraries.of(CPES).list().ofMaxSize(1),
            Arbitraries.of(PURLS).list().ofMaxSize(1),
            Arbitraries.of("8015", "MX450", "M*").list().ofMaxSize(1),
            Arbitraries.integers().between(0, 3))
        .as(
            (vendor, name, c, cpes, purls, models, id) ->
                new AffectedProduct(
                    "P" + id,
                    (vendor + " " + name).strip(),
                    vendor.isEmpty() ? Optional.empty() : Optional.of(vendor),
                    Optional.of(name),
                    Optional.empty(),
                    c,
                    models,
                    List.of(),
                    cpes,
                    purls,
                    List.of(),
                    List.of(),
                    Optional.empty()));
  }

  @Provide
  Arbitrary<Advisory> advisories() {
    Arbitrary<ProductStatus> status =
        Arbitraries.of(
            ProductStatus.KNOWN_AFFECTED,
            ProductStatus.FIRST_AFFECTED,
            ProductStatus.FIXED,
            ProductStatus.KNOWN_NOT_AFFECTED,
            ProductStatus.UNDER_INVESTIGATION);
    return Combinators.combine(
            products().list().ofMinSize(1).ofMaxSize(4),
            status.list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 3))
        .as(
            (products, statuses, id, cves) -> {
              List<Vulnerability> vulns = new ArrayList<>();
              for (int i = 0; i < statuses.size(); i++) {
                Map<ProductStatus, List<String>> map = new EnumMap<>(ProductStatus.class);
                for (int p = 0; p < products.size(); p++) {
                  ProductStatus s = p % 2 == 0 ? statuses.get(i) : ProductStatus.KNOWN_AFFECTED;
                  map.computeIfAbsent(s, x -> new ArrayList<>()).add(products.get(p).productId());
                }
                vulns.add(
                    new Vulnerability(
                        Optional.of("CVE-2024-" + (100 + (cves + i) % 4)),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        map,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()));
              }
              return new Advisory(
                  "ADV-" + id,
                  AdvisorySource.CSAF,
                  "t" + id,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  products,
                  vulns,
                  Optional.empty());
            });
  }

  @Provide
  Arbitrary<Device> devices() {
    // Some run software of their own (a toolkit, a server), matched as a subject of its own.
    return Combinators.combine(
            Arbitraries.of(VENDORS),
            Arbitraries.of(PRODUCTS).injectNull(0.1),
            Arbitraries.of(VERSIONS).injectNull(0.2),
            Arbitraries.integers().between(0, 5),
            Arbitraries.of(VENDORS),
            Arbitraries.of(PRODUCTS).injectNull(0.6),
            Arbitraries.of(VERSIONS).injectNull(0.3))
        .as(
            (vendor, model, fw, id, swVendor, swProduct, swVersion) -> {
              Device d = Devices.device("d" + id, vendor.isEmpty() ? null : vendor, model, fw);
              if (swProduct == null) {
                return d;
              }
              return d.withSoftware(
                  List.of(
                      new io.ward.model.Software(
                          swVendor.isEmpty() ? Optional.empty() : Optional.of(swVendor),
                          swProduct,
                          Optional.ofNullable(swVersion),
                          "dicom.implementationVersionName",
                          swProduct,
                          Optional.empty(),
                          0.6)));
            });
  }

  @Provide
  Arbitrary<Sbom> sboms() {
    Arbitrary<SbomComponent> component =
        Combinators.combine(
                Arbitraries.of("openssl", "busybox", "zlib"),
                Arbitraries.of(VERSIONS).injectNull(0.2),
                Arbitraries.of(CPES).injectNull(0.4),
                Arbitraries.of(PURLS).injectNull(0.5),
                Arbitraries.of("OpenSSL", "BusyBox", "").injectNull(0.3))
            .as(
                (name, v, cpe, purl, supplier) ->
                    new SbomComponent(
                        Optional.of(name),
                        Optional.of("library"),
                        Optional.empty(),
                        name,
                        Optional.ofNullable(v),
                        Optional.ofNullable(purl),
                        Optional.ofNullable(cpe),
                        Optional.ofNullable(supplier)));
    return Combinators.combine(
            Arbitraries.of(VENDORS),
            Arbitraries.of(PRODUCTS),
            Arbitraries.of(VERSIONS).injectNull(0.4),
            component.list().ofMaxSize(4))
        .as(
            (vendor, model, v, components) ->
                new Sbom(
                    vendor.isEmpty() ? Optional.empty() : Optional.of(vendor),
                    Optional.of(model),
                    Optional.ofNullable(v),
                    Optional.empty(),
                    components,
                    "test"));
  }

  @Property(tries = 200)
  void wholeFleetAndIncrementalGiveTheNestedLoopFindings(
      @ForAll("advisoryLists") List<Advisory> advisories,
      @ForAll("deviceLists") List<Device> devices,
      @ForAll("sbomLists") List<Sbom> sboms) {
    List<Device> unique = uniqueIds(devices);
    ReferenceMatcher reference = new ReferenceMatcher(advisories, VendorAliases.defaults());
    MatchIndex index = MatchIndex.build(advisories, VendorAliases.defaults());
    FleetMatch fleet = index.matchAll(unique, sboms);
    long total = 0;
    long affected = 0;
    for (Device d : unique) {
      List<Finding> expected = reference.match(d, sboms);
      assertThat(fleet.findingsOf(d.id())).isEqualTo(expected);
      assertThat(index.match(d, sboms)).isEqualTo(expected);
      assertThat(fleet.findingCount(d.id())).isEqualTo(expected.size());
      total += expected.size();
      affected += expected.stream().filter(f -> f.status() == FindingStatus.AFFECTED).count();
    }
    assertThat(fleet.findingCount()).isEqualTo(total);
    assertThat(fleet.findingCount(FindingStatus.AFFECTED)).isEqualTo(affected);

    // Half the devices first, then every advisory one by one, then the other devices.
    IncrementalMatcher inc =
        new IncrementalMatcher(MatchIndex.build(List.of(), VendorAliases.defaults()), sboms);
    int half = unique.size() / 2;
    unique.subList(0, half).forEach(inc::addDevice);
    advisories.forEach(inc::addAdvisory);
    unique.subList(half, unique.size()).forEach(inc::addDevice);
    for (Device d : unique) {
      assertThat(inc.findingsOf(d.id())).isEqualTo(reference.match(d, sboms));
    }
    assertThat(inc.findingCount()).isEqualTo(total);
  }

  /** NVD-style statements on one product: far more than a group needs to be indexed. */
  @Provide
  Arbitrary<List<Advisory>> manyStatementsOnOneProduct() {
    Arbitrary<String> v = Arbitraries.of(VERSIONS);
    Arbitrary<VersionConstraint> c =
        Arbitraries.oneOf(
            v.map(VersionConstraint.Exact::new),
            v.map(x -> new VersionConstraint.Vers("vers:generic/<" + x)),
            Combinators.combine(v, v)
                .as((a, b) -> new VersionConstraint.Vers("vers:generic/>=" + a + "|<" + b)),
            Combinators.combine(v, v)
                .as((a, b) -> new VersionConstraint.Vers("vers:generic/" + a + "|" + b)),
            Arbitraries.just(new VersionConstraint.Vers("vers:all/*")),
            Arbitraries.just(new VersionConstraint.Legacy("n/a", Optional.empty())));
    Arbitrary<Advisory> a =
        Combinators.combine(
                c.list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.integers().between(0, 40),
                Arbitraries.of(ProductStatus.KNOWN_AFFECTED, ProductStatus.FIXED))
            .as(
                (cs, id, status) -> {
                  List<AffectedProduct> ps = new ArrayList<>();
                  for (int i = 0; i < cs.size(); i++) {
                    ps.add(
                        new AffectedProduct(
                            "c0n0m" + i,
                            "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*",
                            Optional.of("openssl"),
                            Optional.of("openssl"),
                            Optional.empty(),
                            cs.get(i),
                            List.of(),
                            List.of(),
                            List.of("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*"),
                            List.of(),
                            List.of(),
                            List.of(),
                            Optional.empty()));
                  }
                  Vulnerability vuln =
                      new Vulnerability(
                          Optional.of("CVE-2023-" + (1000 + id)),
                          List.of(),
                          List.of(),
                          Optional.empty(),
                          Optional.empty(),
                          List.of(),
                          Map.of(status, ps.stream().map(AffectedProduct::productId).toList()),
                          List.of(),
                          List.of(),
                          List.of(),
                          List.of(),
                          List.of());
                  return new Advisory(
                      "CVE-2023-" + (1000 + id),
                      AdvisorySource.NVD,
                      "t",
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      ps,
                      List.of(vuln),
                      Optional.empty());
                });
    return a.list().ofMinSize(4).ofMaxSize(40);
  }

  @Property(tries = 100)
  void aLargeIndexedGroupGivesTheNestedLoopFindings(
      @ForAll("manyStatementsOnOneProduct") List<Advisory> advisories,
      @ForAll("deviceLists") List<Device> devices) {
    // Every device model carries an SBOM with openssl at some version (or none).
    List<Sbom> sboms = new ArrayList<>();
    for (int i = 0; i < VERSIONS.size() + 1; i++) {
      Optional<String> v = i < VERSIONS.size() ? Optional.of(VERSIONS.get(i)) : Optional.empty();
      for (String model : PRODUCTS) {
        sboms.add(
            new Sbom(
                Optional.empty(),
                Optional.of(model),
                v,
                Optional.empty(),
                List.of(
                    new SbomComponent(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        "openssl",
                        v,
                        Optional.empty(),
                        Optional.of(
                            "cpe:2.3:a:openssl:openssl:" + v.orElse("*") + ":*:*:*:*:*:*:*"),
                        Optional.empty())),
                "t"));
      }
    }
    List<Device> unique = uniqueIds(devices);
    ReferenceMatcher reference = new ReferenceMatcher(advisories, VendorAliases.defaults());
    FleetMatch fleet =
        MatchIndex.build(advisories, VendorAliases.defaults()).matchAll(unique, sboms);
    IncrementalMatcher inc =
        new IncrementalMatcher(
            MatchIndex.build(
                advisories.subList(0, advisories.size() / 2), VendorAliases.defaults()),
            sboms);
    unique.forEach(inc::addDevice);
    advisories.subList(advisories.size() / 2, advisories.size()).forEach(inc::addAdvisory);
    for (Device d : unique) {
      List<Finding> expected = reference.match(d, sboms);
      assertThat(fleet.findingsOf(d.id())).isEqualTo(expected);
      assertThat(inc.findingsOf(d.id())).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<List<Advisory>> advisoryLists() {
    return advisories().list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<Device>> deviceLists() {
    return devices().list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<Sbom>> sbomLists() {
    return sboms().list().ofMaxSize(3);
  }

  private static List<Device> uniqueIds(List<Device> devices) {
    List<Device> out = new ArrayList<>();
    for (Device d : devices) {
      if (out.stream().noneMatch(x -> x.id().equals(d.id()))) {
        out.add(d);
      }
    }
    return out;
  }
}
