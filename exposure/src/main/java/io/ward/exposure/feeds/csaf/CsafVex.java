package io.ward.exposure.feeds.csaf;

import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.ProductRelationship;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.Remediation;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.Threat;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexDevice;
import io.ward.model.exposure.VexFlag;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.VexStatement;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a CSAF document's product status into VEX statements (CSAF 2.0 §4.5 profile "VEX"): not
 * affected with the flag's justification and the impact statement, affected with the action
 * statement (the remediation), fixed, under investigation. A statement about a product that is not
 * a relationship is also about that product as a whole, which a device may be ({@link VexDevice}).
 *
 * <p>A VEX document is not an advisory like the others: its "not affected" and "fixed" act through
 * these statements only, on the findings any advisory gives, so that a device's finding is listed
 * once and not again as the VEX document's own. Its "affected" and "under investigation" still give
 * findings through the matchers, as an advisory's do: a statement of them silences nothing, and a
 * maker saying its product is affected is how the finding arises.
 */
public final class CsafVex {

  private CsafVex() {}

  /** True when the document is of category {@code csaf_vex}. */
  public static boolean isVex(String documentCategory) {
    return documentCategory.equals("csaf_vex");
  }

  /** The VEX statements of every vulnerability with a CVE (or other id) and product status. */
  public static List<VexStatement> statements(Advisory advisory) {
    List<VexStatement> out = new ArrayList<>();
    Map<String, AffectedProduct> products = new HashMap<>();
    advisory.products().forEach(p -> products.putIfAbsent(p.productId(), p));
    for (Vulnerability v : advisory.vulnerabilities()) {
      String id = v.label();
      for (var entry : v.productStatus().entrySet()) {
        VexStatement.VexStatus status = status(entry.getKey());
        for (String productId : entry.getValue()) {
          Optional<AffectedProduct> product = Optional.ofNullable(products.get(productId));
          out.add(
              new VexStatement(
                  id,
                  productId,
                  product.map(CsafVex::component),
                  // The product's version statement itself, ranges included: the component
                  // below keeps only an exact version, and a range must not read as "every
                  // version".
                  product
                      .<VersionConstraint>map(AffectedProduct::version)
                      .orElseGet(VersionConstraint.Unknown::new),
                  status,
                  status == VexStatement.VexStatus.NOT_AFFECTED
                      ? justification(v, productId)
                      : Optional.empty(),
                  detail(v, productId, status),
                  advisory.id(),
                  product.flatMap(p -> platform(p, products)),
                  // A CSAF product tree names products, not SBOMs.
                  Optional.empty(),
                  product.flatMap(CsafVex::device)));
        }
      }
    }
    return out;
  }

  /**
   * The product a combined product's component is part of or installed on (CSAF relationship,
   * §3.1.2.3.1): "OpenSSL 1.0.2 in device X is not affected" says nothing of OpenSSL 1.0.2 in
   * device Y. A platform the tree does not define (the reader warned) is kept by its reference
   * alone: a name without a vendor never makes Ward sure a device is that product, so the statement
   * silences no finding rather than every one.
   */
  private static Optional<AffectedProduct> platform(
      AffectedProduct combined, Map<String, AffectedProduct> products) {
    return combined
        .relationship()
        .map(ProductRelationship::relatesToProductRef)
        .map(
            ref ->
                products.getOrDefault(
                    ref,
                    AffectedProduct.of(
                        ref,
                        ref,
                        Optional.empty(),
                        Optional.empty(),
                        new VersionConstraint.Unknown())));
  }

  /**
   * A product that is not a combination may be a device as a whole ("Vue PACS 12.2.1 is not
   * affected"), or a component ("log4j-core 2.14"); Ward tries both readings. A combination is a
   * component inside its platform only.
   */
  private static Optional<VexDevice> device(AffectedProduct p) {
    return p.relationship().isPresent() ? Optional.empty() : Optional.of(new VexDevice.Product(p));
  }

  private static VexStatement.VexStatus status(ProductStatus status) {
    if (status.affected()) {
      return VexStatement.VexStatus.AFFECTED;
    }
    if (status.fixed()) {
      return VexStatement.VexStatus.FIXED;
    }
    return status == ProductStatus.KNOWN_NOT_AFFECTED
        ? VexStatement.VexStatus.NOT_AFFECTED
        : VexStatement.VexStatus.UNDER_INVESTIGATION;
  }

  private static Optional<VexJustification> justification(Vulnerability v, String productId) {
    return v.flags().stream()
        .filter(f -> f.productIds().contains(productId))
        .map(VexFlag::justification)
        .findFirst();
  }

  /** Not affected: the impact statement; affected: the action statement (§4.5 profile rules). */
  private static Optional<String> detail(
      Vulnerability v, String productId, VexStatement.VexStatus status) {
    if (status == VexStatement.VexStatus.NOT_AFFECTED) {
      return v.threats().stream()
          .filter(t -> t.category() == Threat.Category.IMPACT)
          .filter(t -> t.productIds().isEmpty() || t.productIds().contains(productId))
          .map(Threat::details)
          .findFirst();
    }
    if (status == VexStatement.VexStatus.AFFECTED) {
      return v.remediations().stream()
          .filter(r -> r.productIds().isEmpty() || r.productIds().contains(productId))
          .map(Remediation::details)
          .filter(d -> !d.isBlank())
          .findFirst();
    }
    return Optional.empty();
  }

  private static SbomComponent component(AffectedProduct p) {
    Optional<String> version =
        p.version() instanceof VersionConstraint.Exact exact
            ? Optional.of(exact.version())
            : Optional.empty();
    return new SbomComponent(
        Optional.of(p.productId()),
        Optional.empty(),
        Optional.empty(),
        p.productName().orElse(p.name()),
        version,
        p.purls().stream().findFirst(),
        p.cpes().stream().findFirst(),
        p.vendor());
  }
}
