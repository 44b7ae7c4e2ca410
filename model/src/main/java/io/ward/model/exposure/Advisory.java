package io.ward.model.exposure;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One published advisory: the products it speaks about and the vulnerabilities with their status
 * per product. Product ids are local to the advisory (CSAF {@code product_id}); {@link
 * Vulnerability#productStatus()}, remediations, flags and threats refer to them.
 *
 * @param id the document's tracking id (CSAF {@code /document/tracking/id}) or the CVE id
 * @param source the format it was read from
 * @param title the document title
 * @param publisher the issuing party, e.g. {@code CISA}
 * @param published initial release date
 * @param updated current release date (last revision)
 * @param url the canonical address of the advisory (CSAF {@code self} reference)
 * @param products every product of the product tree, relationships included
 * @param vulnerabilities the vulnerabilities in document order
 * @param sourceFile the file it was read from, for messages ("why?")
 */
public record Advisory(
    String id,
    AdvisorySource source,
    String title,
    Optional<String> publisher,
    Optional<Instant> published,
    Optional<Instant> updated,
    Optional<String> url,
    List<AffectedProduct> products,
    List<Vulnerability> vulnerabilities,
    Optional<String> sourceFile) {

  /** This advisory with other products and vulnerabilities, everything else the same. */
  public Advisory withProducts(
      List<AffectedProduct> products, List<Vulnerability> vulnerabilities) {
    return new Advisory(
        id,
        source,
        title,
        publisher,
        published,
        updated,
        url,
        products,
        vulnerabilities,
        sourceFile);
  }

  public Advisory {
    Checks.text(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(url, "url");
    products = List.copyOf(products);
    vulnerabilities = List.copyOf(vulnerabilities);
    Objects.requireNonNull(sourceFile, "sourceFile");
  }

  /** The product with this advisory-local id, if the advisory defines it. */
  public Optional<AffectedProduct> product(String productId) {
    return products.stream().filter(p -> p.productId().equals(productId)).findFirst();
  }
}
