package io.ward.exposure.match;

import io.ward.exposure.version.Vers;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.ProductRelationship;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a CSAF advisory says beyond the products it lists, made into statements the matchers can
 * test: every matcher compiles {@link #expand}'s advisory, so the nested-loop and the indexed
 * matcher see the same statements. The advisory as published stays untouched elsewhere (VEX
 * statements, remediations, the product list shown to users).
 *
 * <p>A derived statement is an extra product whose id is its source product's id, a {@link #MARK}
 * and a note saying how it was derived. {@link #sourceId} gives the source id back, so a finding
 * names the product the advisory names (its scores and remediations still apply), and {@link #note}
 * explains the finding. Some derived statements may only ever give "possibly affected" ({@link
 * #possiblyOnly}): the matchers then cap the identity confidence below certainty, which also keeps
 * them from ever saying "not affected".
 *
 * <p>Three readings (CSAF 2.0):
 *
 * <ul>
 *   <li>Relationships (§3.2.2.4): a combined product "component in platform" keeps the component's
 *       identity (see the CSAF reader), so a device known only as the platform never met it. The
 *       platform with its own identity and version is derived for the affected and under
 *       investigation statuses. For {@code default_component_of} the platform carries the
 *       component, so it is affected as the combination is; for the other categories (optional,
 *       external, installed on / with) the platform may run without the component, so only
 *       possibly. Fixed and not-affected statuses of a combination are not carried to the platform:
 *       another combination on the same platform may still be affected, and "not affected" would
 *       win over it.
 *   <li>{@code last_affected} (§3.2.3.9.6): "the last versions in a release train known to be
 *       affected; subsequently released versions would contain a fix". With a {@code
 *       first_affected} version of the same product line in the same vulnerability (the greatest
 *       one not above it), the versions from that one up to the last affected are affected. Without
 *       one, the spec does not say where the train began: earlier versions are possibly affected.
 *   <li>{@code first_fixed} (§3.2.3.9.2): "these versions contain the first fix". Versions below it
 *       are affected from a {@code first_affected} of the same line on, else possibly affected.
 *       When the same vulnerability gives a {@code last_affected} below it on that line, that one
 *       bounds the train instead and nothing is derived here. Nothing is claimed for versions after
 *       the first fix: "not affected" would outrank other statements, and the advisory lists what
 *       it knows to be fixed.
 * </ul>
 *
 * <p>A product line is the vendor, product name and family of the branches; a bound is derived only
 * from a single stated version ({@code product_version}, no wildcard). Explicit statements on a
 * version in the range still decide: a certain "not affected" wins over a derived "affected"
 * (finding order), and an explicit "affected" over a derived "possibly".
 */
final class DerivedProducts {

  /** Separates the source product id from the note in a derived product's id. */
  static final char MARK = '\u0000';

  /** Kind letters after the mark: the statement may be affected, or only possibly. */
  private static final char MAY_AFFECT = 'A';

  private static final char POSSIBLY = 'P';

  /** The identity confidence a "possibly only" statement is held to (below certainty). */
  static final double POSSIBLY_CONFIDENCE = 0.5;

  private DerivedProducts() {}

  /** The product id the advisory itself gives (a derived product's source). */
  static String sourceId(String productId) {
    int at = productId.indexOf(MARK);
    return at < 0 ? productId : productId.substring(0, at);
  }

  /** How a derived product was derived; empty for a product the advisory lists. */
  static Optional<String> note(AffectedProduct p) {
    String id = p.productId();
    int at = id.indexOf(MARK);
    return at < 0 || at + 2 > id.length() ? Optional.empty() : Optional.of(id.substring(at + 2));
  }

  /** True for a derived product whose findings may only be "possibly affected". */
  static boolean possiblyOnly(AffectedProduct p) {
    String id = p.productId();
    int at = id.indexOf(MARK);
    return at >= 0 && at + 1 < id.length() && id.charAt(at + 1) == POSSIBLY;
  }

  /** The advisory with its derived products and statuses added; itself when none are. */
  static Advisory expand(Advisory a) {
    if (!mayDerive(a)) {
      return a;
    }
    Map<String, AffectedProduct> byId = new HashMap<>();
    for (AffectedProduct p : a.products()) {
      byId.putIfAbsent(p.productId(), p);
    }
    Map<String, AffectedProduct> derived = new LinkedHashMap<>();
    List<Vulnerability> vulns = new ArrayList<>(a.vulnerabilities().size());
    boolean changed = false;
    for (Vulnerability v : a.vulnerabilities()) {
      Map<ProductStatus, List<String>> added = new EnumMap<>(ProductStatus.class);
      relationships(a, v, byId, derived, added);
      bounds(v, byId, derived, added);
      if (added.isEmpty()) {
        vulns.add(v);
        continue;
      }
      changed = true;
      Map<ProductStatus, List<String>> status = new EnumMap<>(ProductStatus.class);
      v.productStatus().forEach((s, ids) -> status.put(s, new ArrayList<>(ids)));
      added.forEach((s, ids) -> status.computeIfAbsent(s, k -> new ArrayList<>()).addAll(ids));
      vulns.add(v.withProductStatus(status));
    }
    if (!changed) {
      return a;
    }
    List<AffectedProduct> products = new ArrayList<>(a.products());
    products.addAll(derived.values());
    return a.withProducts(products, vulns);
  }

  /** Cheap test first: most advisories (all of NVD's) have nothing to derive. */
  private static boolean mayDerive(Advisory a) {
    for (Vulnerability v : a.vulnerabilities()) {
      if (!v.products(ProductStatus.LAST_AFFECTED).isEmpty()
          || !v.products(ProductStatus.FIRST_FIXED).isEmpty()) {
        return true;
      }
    }
    for (AffectedProduct p : a.products()) {
      if (p.relationship().isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static void relationships(
      Advisory a,
      Vulnerability v,
      Map<String, AffectedProduct> byId,
      Map<String, AffectedProduct> derived,
      Map<ProductStatus, List<String>> added) {
    Map<String, ProductStatus> first = null;
    for (AffectedProduct combined : a.products()) {
      if (combined.relationship().isEmpty()) {
        continue;
      }
      if (first == null) {
        // The status the matchers read: the first list naming the product (FindingAssembler).
        Map<String, ProductStatus> m = new HashMap<>();
        v.productStatus().forEach((st, ids) -> ids.forEach(id -> m.putIfAbsent(id, st)));
        first = m;
      }
      ProductRelationship r = combined.relationship().get();
      AffectedProduct platform = byId.get(r.relatesToProductRef());
      ProductStatus s = first.get(combined.productId());
      if (platform == null || s == null) {
        continue;
      }
      ProductStatus as;
      if (s.affected()) {
        as = ProductStatus.KNOWN_AFFECTED;
      } else if (s == ProductStatus.UNDER_INVESTIGATION) {
        as = ProductStatus.UNDER_INVESTIGATION;
      } else {
        continue; // fixed or not affected: no claim on the platform (see the class comment)
      }
      AffectedProduct component = byId.get(r.productRef());
      String category = r.category().name().toLowerCase(Locale.ROOT);
      String note =
          "through its component '"
              + (component == null ? r.productRef() : component.name())
              + "' (CSAF "
              + category
              + " '"
              + combined.name()
              + "')";
      boolean sure = r.category() == ProductRelationship.Category.DEFAULT_COMPONENT_OF;
      String id = combined.productId() + MARK + (sure ? MAY_AFFECT : POSSIBLY) + note;
      derived.computeIfAbsent(
          id,
          k ->
              new AffectedProduct(
                  k,
                  platform.name(),
                  platform.vendor(),
                  platform.productName(),
                  platform.productFamily(),
                  platform.version(),
                  platform.modelNumbers(),
                  platform.skus(),
                  platform.cpes(),
                  platform.purls(),
                  platform.serialNumbers(),
                  platform.hashes(),
                  combined.relationship()));
      added.computeIfAbsent(as, k -> new ArrayList<>()).add(id);
    }
  }

  private static void bounds(
      Vulnerability v,
      Map<String, AffectedProduct> byId,
      Map<String, AffectedProduct> derived,
      Map<ProductStatus, List<String>> added) {
    List<Versioned> first = versioned(v.products(ProductStatus.FIRST_AFFECTED), byId);
    List<Versioned> last = versioned(v.products(ProductStatus.LAST_AFFECTED), byId);
    for (Versioned l : last) {
      Optional<Version> from = greatestBelow(first, l, true);
      derive(l, from, "last_affected", derived, added);
    }
    for (Versioned f : versioned(v.products(ProductStatus.FIRST_FIXED), byId)) {
      if (greatestBelow(last, f, false).isPresent()) {
        continue; // a last affected version of this line bounds the train (class comment)
      }
      derive(f, greatestBelow(first, f, false), "first_fixed", derived, added);
    }
  }

  /** A listed product with a single stated version and a product line. */
  private record Versioned(AffectedProduct product, Version version) {
    boolean sameLine(Versioned o) {
      return key(product).equals(key(o.product));
    }

    private static List<String> key(AffectedProduct p) {
      return List.of(
          p.vendor().orElse("").toLowerCase(Locale.ROOT),
          p.productName().orElse("").toLowerCase(Locale.ROOT),
          p.productFamily().orElse("").toLowerCase(Locale.ROOT));
    }
  }

  private static List<Versioned> versioned(List<String> ids, Map<String, AffectedProduct> byId) {
    List<Versioned> out = new ArrayList<>();
    for (String id : ids) {
      AffectedProduct p = byId.get(id);
      if (p == null
          || p.productName().isEmpty()
          || !(p.version() instanceof VersionConstraint.Exact exact)) {
        continue;
      }
      Optional<Version> version = Version.tryParse(exact.version());
      if (version.isPresent() && !version.get().hasWildcard()) {
        out.add(new Versioned(p, version.get()));
      }
    }
    return out;
  }

  /** The greatest version of the same line below {@code of} (or equal when allowed). */
  private static Optional<Version> greatestBelow(
      List<Versioned> candidates, Versioned of, boolean orEqual) {
    Version best = null;
    for (Versioned c : candidates) {
      int cmp = c.version.compareTo(of.version);
      if (c.sameLine(of) && (cmp < 0 || (orEqual && cmp == 0))) {
        best = best == null || c.version.compareTo(best) > 0 ? c.version : best;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Adds the statement "versions below {@code bound} (from {@code from} on) are affected", or
   * possibly affected without {@code from}. The bound itself is left to the listed product.
   */
  private static void derive(
      Versioned bound,
      Optional<Version> from,
      String status,
      Map<String, AffectedProduct> derived,
      Map<ProductStatus, List<String>> added) {
    VersionRange range =
        from.isPresent()
            ? VersionRange.between(from.get(), true, bound.version, false)
            : VersionRange.below(bound.version, false);
    if (range.isEmpty()) {
      return;
    }
    String vers = Vers.format("generic", range);
    if (!Vers.tryParse(vers).map(range::equals).orElse(false)) {
      return; // a version the vers syntax cannot carry: derive nothing rather than guess
    }
    AffectedProduct p = bound.product;
    String note =
        "the advisory lists '"
            + p.name()
            + "' as "
            + status
            + (from.isPresent()
                ? ", read with first_affected " + from.get().text() + " as "
                : ", read without a first_affected version as possibly ")
            + "covering "
            + vers.substring(vers.indexOf('/') + 1)
            + " (CSAF 2.0 §3.2.3.9)";
    String id = p.productId() + MARK + (from.isPresent() ? MAY_AFFECT : POSSIBLY) + note;
    // Serial numbers and hashes name units and files of the stated version, not of the line.
    derived.computeIfAbsent(
        id,
        k ->
            new AffectedProduct(
                k,
                p.name(),
                p.vendor(),
                p.productName(),
                p.productFamily(),
                new VersionConstraint.Vers(vers),
                p.modelNumbers(),
                p.skus(),
                p.cpes(),
                p.purls(),
                List.of(),
                List.of(),
                p.relationship()));
    added.computeIfAbsent(ProductStatus.KNOWN_AFFECTED, k -> new ArrayList<>()).add(id);
  }
}
