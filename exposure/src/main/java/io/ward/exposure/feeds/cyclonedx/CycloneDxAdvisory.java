package io.ward.exposure.feeds.cyclonedx;

import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.Vulnerability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CycloneDX vulnerability listed without a VEX analysis but with the versions it affects (a
 * vulnerability disclosure report or a bill of vulnerabilities) as an advisory Ward matches like
 * any other: one product per version entry of each affected component, named by the component's
 * purl (without its version), CPE, supplier and name, its status from the entry's: a version listed
 * without a status is affected, the specification's default, so it gives a finding like one listed
 * {@code affected}; one listed {@code unknown} ("unknown (or unspecified) whether the given version
 * is affected") leaves the device possibly affected.
 */
final class CycloneDxAdvisory {

  private CycloneDxAdvisory() {}

  /**
   * One {@code affects} entry.
   *
   * @param ref the component reference
   * @param versions its version entries
   */
  record Affect(String ref, List<AffectedVersions.Entry> versions) {
    Affect {
      versions = List.copyOf(versions);
    }
  }

  /**
   * What a vulnerability says, read from either CycloneDX reader.
   *
   * @param id the vulnerability id (a CVE, or the source's own id)
   * @param references ids of the same vulnerability elsewhere (a CVE among them, often)
   * @param description the description
   * @param recommendation what to do
   * @param published when published
   * @param updated when last updated
   * @param affects what it affects
   */
  record Listing(
      String id,
      List<String> references,
      Optional<String> description,
      Optional<String> recommendation,
      Optional<Instant> published,
      Optional<Instant> updated,
      List<Affect> affects) {
    Listing {
      references = List.copyOf(references);
      affects = List.copyOf(affects);
    }
  }

  /**
   * The advisory a listing gives, empty when no affected component names a version or range (or
   * none can be identified: a reference to nothing in the document that is not a purl).
   */
  static Optional<Advisory> of(Listing v, Map<String, SbomComponent> byRef, String source) {
    List<AffectedProduct> products = new ArrayList<>();
    Map<ProductStatus, List<String>> status = new EnumMap<>(ProductStatus.class);
    for (Affect affect : v.affects()) {
      Optional<SbomComponent> c = Optional.ofNullable(byRef.get(affect.ref()));
      Optional<String> purl =
          c.flatMap(SbomComponent::purl)
              .or(() -> Optional.of(affect.ref()))
              .filter(r -> r.startsWith("pkg:"))
              .map(CycloneDxAdvisory::withoutVersion);
      if (c.isEmpty() && purl.isEmpty()) {
        continue;
      }
      String name = c.map(SbomComponent::name).orElseGet(() -> purl.get());
      for (AffectedVersions.Entry e : affect.versions()) {
        String id = affect.ref() + "#" + (products.size() + 1);
        products.add(
            new AffectedProduct(
                id,
                name + " " + e.range().or(e::version).get(),
                c.flatMap(SbomComponent::supplier).or(() -> c.flatMap(SbomComponent::group)),
                c.map(SbomComponent::name),
                Optional.empty(),
                e.constraint(),
                List.of(),
                List.of(),
                c.flatMap(SbomComponent::cpe).map(CycloneDxAdvisory::anyVersion).stream().toList(),
                purl.stream().toList(),
                List.of(),
                List.of(),
                Optional.empty()));
        ProductStatus ps =
            switch (e.status()) {
              case AFFECTED -> ProductStatus.KNOWN_AFFECTED;
              case UNAFFECTED -> ProductStatus.KNOWN_NOT_AFFECTED;
              case UNKNOWN -> ProductStatus.UNDER_INVESTIGATION;
            };
        status.computeIfAbsent(ps, x -> new ArrayList<>()).add(id);
      }
    }
    if (products.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> cve =
        Optional.of(v.id())
            .filter(CycloneDxAdvisory::isCve)
            .or(() -> v.references().stream().filter(CycloneDxAdvisory::isCve).findFirst());
    List<String> ids = new ArrayList<>();
    ids.add(v.id());
    v.references().stream().filter(r -> !ids.contains(r)).forEach(ids::add);
    Vulnerability vulnerability =
        new Vulnerability(
            cve,
            ids,
            List.of(),
            Optional.empty(),
            v.description(),
            List.of(),
            status,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    return Optional.of(
        new Advisory(
            v.id(),
            AdvisorySource.CYCLONEDX_VEX,
            v.description().map(CycloneDxAdvisory::firstSentence).orElse(v.id()),
            Optional.empty(),
            v.published(),
            v.updated(),
            Optional.empty(),
            products,
            List.of(vulnerability),
            Optional.of(source)));
  }

  private static boolean isCve(String id) {
    return id.toUpperCase(java.util.Locale.ROOT).startsWith("CVE-");
  }

  /** {@code pkg:maven/g/a@1.0?x=y#p} without {@code @1.0}: the product is every version. */
  static String withoutVersion(String purl) {
    int end = purl.length();
    for (char c : new char[] {'?', '#'}) {
      int i = purl.indexOf(c);
      if (i >= 0) {
        end = Math.min(end, i);
      }
    }
    int at = purl.lastIndexOf('@', end - 1);
    return at > purl.indexOf('/') ? purl.substring(0, at) + purl.substring(end) : purl;
  }

  /**
   * A CPE 2.3 name with {@code *} as its version ({@code cpe:2.3:a:v:p:4.8.1:…} names one release;
   * the product covers the entry's versions). Other texts are returned as they are.
   */
  static String anyVersion(String cpe) {
    if (!cpe.startsWith("cpe:2.3:")) {
      return cpe;
    }
    int field = 0;
    int start = -1;
    for (int i = 0; i < cpe.length(); i++) {
      char c = cpe.charAt(i);
      if (c == '\\') {
        i++; // an escaped character, a colon perhaps
      } else if (c == ':') {
        field++;
        if (field == 5) {
          start = i + 1;
        } else if (field == 6) {
          return cpe.substring(0, start) + "*" + cpe.substring(i);
        }
      }
    }
    return cpe;
  }

  private static String firstSentence(String text) {
    int dot = text.indexOf(". ");
    String s = dot > 0 ? text.substring(0, dot + 1) : text;
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
