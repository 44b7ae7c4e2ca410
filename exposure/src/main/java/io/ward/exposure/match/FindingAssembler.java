package io.ward.exposure.match;

import io.ward.exposure.match.Hit.VersionOutcome;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.Threat;
import io.ward.model.exposure.VexFlag;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns product hits into findings, one per device, vulnerability and subject. */
final class FindingAssembler {

  private FindingAssembler() {}

  /** The findings one hit gives: one per vulnerability that gives the product a status. */
  static List<Finding> findings(Subject s, ProductEntry e, Hit hit) {
    List<Finding> out = new ArrayList<>();
    String pid = e.product().productId();
    for (Vulnerability v : e.advisory().vulnerabilities()) {
      Optional<ProductStatus> status = statusOf(v, pid);
      if (status.isEmpty()) {
        continue;
      }
      finding(s, e.advisory(), e.product(), e.constraintText(), hit, v, status.get())
          .ifPresent(out::add);
    }
    return out;
  }

  /** The status a vulnerability gives a product id: the first status list that names it. */
  static Optional<ProductStatus> statusOf(Vulnerability v, String pid) {
    for (Map.Entry<ProductStatus, List<String>> en : v.productStatus().entrySet()) {
      if (en.getValue().contains(pid)) {
        return Optional.of(en.getKey());
      }
    }
    return Optional.empty();
  }

  /**
   * The finding status a product status and a version outcome give, or null for none: affected
   * unless outside the versions (possibly when uncertain), fixed or not-affected only when certain
   * and inside, under investigation possibly unless outside.
   */
  static FindingStatus decide(ProductStatus ps, VersionOutcome vo, boolean certain) {
    if (ps.affected()) {
      if (vo == VersionOutcome.OUT) {
        return null;
      }
      return vo == VersionOutcome.IN && certain
          ? FindingStatus.AFFECTED
          : FindingStatus.POSSIBLY_AFFECTED;
    }
    if (ps == ProductStatus.KNOWN_NOT_AFFECTED || ps.fixed()) {
      return vo == VersionOutcome.IN && certain ? FindingStatus.NOT_AFFECTED : null;
    }
    return vo == VersionOutcome.OUT ? null : FindingStatus.POSSIBLY_AFFECTED;
  }

  /** The confidence of a finding: the identity's, at most one half when the version is open. */
  static double confidence(double identityConfidence, VersionOutcome vo) {
    return Math.min(identityConfidence, vo == VersionOutcome.IN ? 1.0 : 0.5);
  }

  /** The finding one vulnerability gives one hit, if any. */
  static Optional<Finding> finding(
      Subject s,
      Advisory advisory,
      AffectedProduct product,
      Optional<String> constraintText,
      Hit hit,
      Vulnerability v,
      ProductStatus ps) {
    return template(s, advisory, product, constraintText, hit, v, ps)
        .map(t -> t.forDevice(s.deviceId(), s.evidence()));
  }

  /**
   * The finding one vulnerability gives one hit, without the subject's device (id and evidence):
   * nothing in it depends on which device has the subject.
   */
  static Optional<FindingTemplate> template(
      Subject s,
      Advisory advisory,
      AffectedProduct product,
      Optional<String> constraintText,
      Hit hit,
      Vulnerability v,
      ProductStatus ps) {
    if (decide(ps, hit.version(), hit.identityConfidence() >= PairEvaluator.CERTAIN) == null) {
      return Optional.empty();
    }
    return template(
        s, advisory, product, hit, v, ps, reason(s, advisory, product, constraintText, hit));
  }

  /**
   * What matched, for every vulnerability of one hit alike (the vulnerability is not part of it),
   * without device evidence.
   */
  static MatchReason reason(
      Subject s,
      Advisory advisory,
      AffectedProduct product,
      Optional<String> constraintText,
      Hit hit) {
    // A derived statement names the product the advisory lists (so its scores and remediations
    // apply) and says how it was derived.
    return new MatchReason(
        advisory.id(),
        Optional.of(DerivedProducts.sourceId(product.productId())),
        product.name(),
        hit.rule(),
        constraintText,
        s.attribute(),
        s.modelText() + s.version().map(x -> " " + x.text()).orElse(""),
        List.of(),
        confidence(hit.identityConfidence(), hit.version()),
        hit.identity()
            + "; "
            + hit.versionText()
            + DerivedProducts.note(product).map(n -> "; " + n).orElse(""));
  }

  /**
   * {@link #template(Subject, Advisory, AffectedProduct, Optional, Hit, Vulnerability,
   * ProductStatus)} with the hit's {@link #reason} given, so that the vulnerabilities of one
   * advisory product share it.
   */
  static Optional<FindingTemplate> template(
      Subject s,
      Advisory advisory,
      AffectedProduct product,
      Hit hit,
      Vulnerability v,
      ProductStatus ps,
      MatchReason why) {
    boolean certain = hit.identityConfidence() >= PairEvaluator.CERTAIN;
    VersionOutcome vo = hit.version();
    FindingStatus status = decide(ps, vo, certain);
    if (status == null) {
      return Optional.empty();
    }
    String reason;
    if (status == FindingStatus.AFFECTED) {
      reason = null;
    } else if (status == FindingStatus.NOT_AFFECTED) {
      reason =
          ps.fixed()
              ? "the advisory lists this version as fixed (" + hit.versionText() + ")"
              : notAffectedReason(v, product.productId());
    } else if (ps.affected() && DerivedProducts.possiblyOnly(product)) {
      // Uncertain by derivation, not by a loose match: say which reading makes it possible.
      reason = DerivedProducts.note(product).orElse("") + versionUncertainty(hit);
    } else if (ps.affected()) {
      reason = uncertainty(hit, certain);
    } else {
      reason = "the vendor is still investigating this product";
    }
    String advisoryId = advisory.id();
    String vuln = v.label();
    return Optional.of(
        new FindingTemplate(
            "|" + advisoryId + "|" + vuln + "|" + s.attribute(),
            vuln,
            advisoryId,
            v.title().orElse(advisory.title()),
            status,
            Optional.ofNullable(reason),
            why));
  }

  /** The version part of {@link #uncertainty}, prefixed with "; ", empty when none. */
  private static String versionUncertainty(Hit hit) {
    String v = uncertainty(hit, true);
    return v.isEmpty() ? "" : "; " + v;
  }

  private static String uncertainty(Hit hit, boolean certain) {
    List<String> parts = new ArrayList<>();
    if (!certain) {
      parts.add("loose product match: " + hit.identity());
    }
    switch (hit.version()) {
      case UNKNOWN_VERSION:
      case UNREADABLE:
        parts.add(hit.versionText());
        break;
      case NO_STATEMENT:
        parts.add("the advisory states no version for this product");
        break;
      default:
        break;
    }
    return String.join("; ", parts);
  }

  private static String notAffectedReason(Vulnerability v, String pid) {
    for (VexFlag f : v.flags()) {
      if (f.productIds().contains(pid)) {
        return "vendor VEX: " + f.justification().label();
      }
    }
    for (Threat t : v.threats()) {
      if (t.category() == Threat.Category.IMPACT
          && (t.productIds().isEmpty() || t.productIds().contains(pid))) {
        return "vendor VEX impact statement: " + t.details();
      }
    }
    return "vendor states known_not_affected (no justification given)";
  }

  /**
   * One finding per id: a certain "not affected" beats "affected" (the maker's specific statement),
   * then affected beats possibly affected, then higher confidence wins, then the advisory product
   * id decides, so the result does not depend on the order pairs were met.
   */
  static List<Finding> dedupe(Collection<Finding> in) {
    Map<String, Finding> best = new LinkedHashMap<>();
    for (Finding f : in) {
      best.merge(f.id(), f, (a, b) -> ORDER.compare(a, b) <= 0 ? a : b);
    }
    List<Finding> out = new ArrayList<>(best.values());
    out.sort(Comparator.comparing(Finding::id));
    return List.copyOf(out);
  }

  /**
   * {@link #dedupe} on templates of one device: one per id suffix (the device id is the same), the
   * same winner, sorted the same way.
   */
  static FindingTemplate[] dedupeTemplates(List<FindingTemplate> in) {
    // A stable sort keeps the meeting order among equal suffixes, so ties go to the first met.
    FindingTemplate[] sorted = in.toArray(new FindingTemplate[0]);
    java.util.Arrays.sort(sorted, BY_SUFFIX);
    int n = 0;
    for (FindingTemplate t : sorted) {
      if (n > 0 && sorted[n - 1].idSuffix().equals(t.idSuffix())) {
        if (TEMPLATE_ORDER.compare(t, sorted[n - 1]) < 0) {
          sorted[n - 1] = t;
        }
      } else {
        sorted[n++] = t;
      }
    }
    return java.util.Arrays.copyOf(sorted, n);
  }

  /** Templates sorted by id suffix sort as their findings of one device sort by id. */
  static final Comparator<FindingTemplate> BY_SUFFIX =
      Comparator.comparing(FindingTemplate::idSuffix);

  static int rank(FindingStatus s) {
    return s == FindingStatus.NOT_AFFECTED ? 0 : s == FindingStatus.AFFECTED ? 1 : 2;
  }

  /** The order of findings that share an id, on their status and their reason. */
  private static <T> Comparator<T> order(
      java.util.function.Function<T, FindingStatus> status,
      java.util.function.Function<T, MatchReason> reason) {
    return Comparator.<T>comparingInt(f -> rank(status.apply(f)))
        .thenComparing(f -> -reason.apply(f).confidence())
        .thenComparing(f -> reason.apply(f).productId().orElse(""))
        .thenComparing(f -> reason.apply(f).explanation());
  }

  static final Comparator<Finding> ORDER = order(Finding::status, Finding::matchedBy);

  static final Comparator<FindingTemplate> TEMPLATE_ORDER =
      order(FindingTemplate::status, FindingTemplate::matchedBy);
}
