package io.ward.exposure.match;

import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Compiles advisory products for the index, on every core: identity and version reading per
 * product, each remembered by its raw form (millions of NVD statements share a few hundred thousand
 * product names and far fewer distinct ranges), and the status table of each advisory.
 */
final class IndexBuilder {

  private final VendorAliases aliases;
  private final Map<RawIdentity, ProductIdentity> identities = new ConcurrentHashMap<>();
  private final Map<Object, VersionReading> readings = new ConcurrentHashMap<>();

  IndexBuilder(VendorAliases aliases) {
    this.aliases = aliases;
  }

  /** One advisory compiled: per product its identity and reading, and its status table. */
  record Compiled(ProductIdentity[] identities, VersionReading[] readings, byte[] statuses) {}

  /** Compiles every advisory, in parallel; the result is in the advisories' order. */
  Compiled[] compileAll(List<Advisory> advisories) {
    Compiled[] out = new Compiled[advisories.size()];
    IntStream.range(0, advisories.size())
        .parallel()
        .forEach(i -> out[i] = compile(advisories.get(i)));
    return out;
  }

  /** Compiles one advisory. */
  Compiled compile(Advisory a) {
    List<AffectedProduct> products = a.products();
    ProductIdentity[] ids = new ProductIdentity[products.size()];
    VersionReading[] rs = new VersionReading[products.size()];
    for (int i = 0; i < products.size(); i++) {
      AffectedProduct p = products.get(i);
      ids[i] = identity(p);
      rs[i] = reading(p);
    }
    return new Compiled(ids, rs, statuses(a));
  }

  private ProductIdentity identity(AffectedProduct p) {
    List<String> cpeKeys = new ArrayList<>(p.cpes().size());
    for (String c : p.cpes()) {
      Cpes.key(c).ifPresent(cpeKeys::add);
    }
    List<String> purlKeys = new ArrayList<>(p.purls().size());
    for (String u : p.purls()) {
      ProductEntry.purl(u).map(ProductEntry::purlKey).ifPresent(purlKeys::add);
    }
    RawIdentity raw =
        new RawIdentity(
            p.vendor().orElse(""),
            p.productName().orElse(p.name()),
            p.productFamily(),
            p.modelNumbers(),
            cpeKeys,
            purlKeys);
    ProductIdentity known = identities.get(raw);
    if (known != null) {
      return known;
    }
    return identities.computeIfAbsent(
        raw,
        r ->
            ProductIdentity.of(
                r.vendor, r.name, r.family, r.models, r.cpeKeys, r.purlKeys, aliases));
  }

  private VersionReading reading(AffectedProduct p) {
    VersionConstraint c = p.version();
    Object key =
        VersionReading.usesCpe(c) ? new CpeVersion(VersionReading.cpeVersion(p.cpes())) : c;
    VersionReading known = readings.get(key);
    if (known != null) {
      return known;
    }
    return readings.computeIfAbsent(key, k -> VersionReading.of(c, p.cpes()));
  }

  /**
   * The status each vulnerability gives each product, {@code [product * vulns + vuln]}: the {@link
   * ProductStatus} ordinal plus one, 0 for none (the first status list naming the product).
   */
  static byte[] statuses(Advisory a) {
    List<AffectedProduct> products = a.products();
    List<Vulnerability> vulns = a.vulnerabilities();
    byte[] out = new byte[products.size() * vulns.size()];
    for (int v = 0; v < vulns.size(); v++) {
      Vulnerability vuln = vulns.get(v);
      int listed = 0;
      for (List<String> ids : vuln.productStatus().values()) {
        listed += ids.size();
      }
      if (listed == 0) {
        continue;
      }
      if ((long) listed * products.size() <= 4096) {
        for (int p = 0; p < products.size(); p++) {
          Optional<ProductStatus> s = FindingAssembler.statusOf(vuln, products.get(p).productId());
          out[p * vulns.size() + v] = (byte) s.map(x -> x.ordinal() + 1).orElse(0).intValue();
        }
        continue;
      }
      Map<String, ProductStatus> first = new HashMap<>();
      vuln.productStatus()
          .forEach((status, ids) -> ids.forEach(id -> first.putIfAbsent(id, status)));
      for (int p = 0; p < products.size(); p++) {
        ProductStatus s = first.get(products.get(p).productId());
        out[p * vulns.size() + v] = (byte) (s == null ? 0 : s.ordinal() + 1);
      }
    }
    return out;
  }

  /** The raw fields a product identity is computed from. */
  private record RawIdentity(
      String vendor,
      String name,
      Optional<String> family,
      List<String> models,
      List<String> cpeKeys,
      List<String> purlKeys) {}

  /** The reading key of a statement that says nothing itself: the version of its CPE name. */
  private record CpeVersion(Optional<String> version) {}
}
