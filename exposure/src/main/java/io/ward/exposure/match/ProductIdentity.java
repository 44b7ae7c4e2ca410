package io.ward.exposure.match;

import com.github.packageurl.PackageURL;
import io.ward.model.exposure.AffectedProduct;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What identifies an advisory product, apart from its versions: vendor id, name, identifying words,
 * model ranges, model numbers, CPE and purl keys. Many version statements share one identity (every
 * CVE naming {@code openssl:openssl}), so the index decides identity once per identity and subject,
 * not once per statement.
 *
 * @param vendorId canonical vendor id, empty when the advisory names no vendor
 * @param normalizedName the product name normalised as vendor names are
 * @param tokens identifying words of product name, family and model numbers
 * @param ranges model ranges named in the product name ({@code MX400-MX850})
 * @param modelNumbers the product's model numbers, normalised (wildcards left out)
 * @param cpeKeys {@code c|vendor:product} keys of its CPE names
 * @param purlKeys {@code p|type/namespace/name} keys of its package URLs
 */
record ProductIdentity(
    String vendorId,
    String normalizedName,
    Set<String> tokens,
    List<Names.ModelRange> ranges,
    Set<String> modelNumbers,
    List<String> cpeKeys,
    List<String> purlKeys) {

  /** The identity of one advisory product. */
  static ProductIdentity of(AffectedProduct p, VendorAliases aliases) {
    List<String> cpeKeys = new ArrayList<>();
    for (String c : p.cpes()) {
      Cpes.key(c).ifPresent(cpeKeys::add);
    }
    List<String> purlKeys = new ArrayList<>();
    for (String u : p.purls()) {
      ProductEntry.purl(u).map(ProductEntry::purlKey).ifPresent(purlKeys::add);
    }
    return of(
        p.vendor().orElse(""),
        p.productName().orElse(p.name()),
        p.productFamily(),
        p.modelNumbers(),
        cpeKeys,
        purlKeys,
        aliases);
  }

  /** The identity from the raw fields (CPE and purl names already reduced to their keys). */
  static ProductIdentity of(
      String vendor,
      String name,
      Optional<String> family,
      List<String> models,
      List<String> cpeKeys,
      List<String> purlKeys,
      VendorAliases aliases) {
    String vendorId = vendor.isBlank() ? "" : aliases.canonical(vendor);
    Set<String> vendorWords = Names.vendorWords(vendor);
    vendorWords.addAll(Names.vendorWords(vendorId.replace('-', ' ')));
    Set<String> tokens = new LinkedHashSet<>(Names.tokens(name, vendorWords));
    family.ifPresent(f -> tokens.addAll(Names.tokens(f, vendorWords)));
    Set<String> modelNumbers = new LinkedHashSet<>();
    for (String m : models) {
      if (!m.contains("*") && !m.contains("?")) {
        modelNumbers.add(VendorAliases.normalize(m));
        tokens.addAll(Names.tokens(m, vendorWords));
      }
    }
    return new ProductIdentity(
        vendorId,
        VendorAliases.normalize(name),
        Set.copyOf(tokens),
        List.copyOf(Names.ranges(name)),
        Set.copyOf(modelNumbers),
        List.copyOf(cpeKeys),
        List.copyOf(purlKeys));
  }

  /** The purl version of the product's last package URL that carries one. */
  static Optional<String> purlVersion(AffectedProduct p) {
    Optional<String> out = Optional.empty();
    for (String u : p.purls()) {
      Optional<PackageURL> purl = ProductEntry.purl(u);
      if (purl.isPresent() && purl.get().getVersion() != null) {
        out = Optional.of(purl.get().getVersion());
      }
    }
    return out;
  }
}
