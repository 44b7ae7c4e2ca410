package io.ward.model.exposure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One product an advisory names (a CSAF product tree leaf, a full product name or a relationship;
 * an NVD CPE match; a CVE 5 affected version entry). Whether it is affected is said per
 * vulnerability in {@link Vulnerability#productStatus()}.
 *
 * @param productId advisory-local id (CSAF {@code product_id}, e.g. {@code CSAFPID-0001})
 * @param name the full product name as published, e.g. {@code Philips IntelliVue MX40 B.06.18}
 * @param vendor the vendor branch name, e.g. {@code Philips}
 * @param productName the product name branch, e.g. {@code IntelliVue MX40}
 * @param productFamily the product family branch, if any
 * @param version what versions the entry covers
 * @param modelNumbers device model numbers (CSAF {@code model_numbers}, may hold wildcards)
 * @param skus stock keeping units
 * @param cpes CPE 2.3 (or 2.2) names
 * @param purls package URLs
 * @param serialNumbers serial numbers (may hold wildcards)
 * @param hashes file hashes that identify the product
 * @param relationship set when the product is a combination of two others (CSAF relationships)
 */
public record AffectedProduct(
    String productId,
    String name,
    Optional<String> vendor,
    Optional<String> productName,
    Optional<String> productFamily,
    VersionConstraint version,
    List<String> modelNumbers,
    List<String> skus,
    List<String> cpes,
    List<String> purls,
    List<String> serialNumbers,
    List<FileHash> hashes,
    Optional<ProductRelationship> relationship) {

  public AffectedProduct {
    Checks.text(productId, "productId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(productFamily, "productFamily");
    Objects.requireNonNull(version, "version");
    modelNumbers = List.copyOf(modelNumbers);
    skus = List.copyOf(skus);
    cpes = List.copyOf(cpes);
    purls = List.copyOf(purls);
    serialNumbers = List.copyOf(serialNumbers);
    hashes = List.copyOf(hashes);
    Objects.requireNonNull(relationship, "relationship");
  }

  /** A product with only a name, vendor, product name and version (no identification helper). */
  public static AffectedProduct of(
      String productId,
      String name,
      Optional<String> vendor,
      Optional<String> productName,
      VersionConstraint version) {
    return new AffectedProduct(
        productId,
        name,
        vendor,
        productName,
        Optional.empty(),
        version,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty());
  }
}
