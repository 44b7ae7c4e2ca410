package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches devices by the identifiers a CSAF product identification helper lists: a device whose
 * serial number is in a product's {@code serial_numbers}, or whose model (as the inventory or the
 * CMDB gives it) is one of its {@code skus} or {@code model_numbers}, is that product. The name
 * matcher compares names and words; this one compares the exact identifiers a maker published,
 * wildcards included ({@code *} any run of characters, {@code ?} one, as CSAF 2.0 §3.1.3.3 allows),
 * and says which list matched in the finding's explanation.
 */
public final class IdentifierMatcher {

  /** Which helper list an identifier came from, and the device attribute it is compared with. */
  private enum Kind {
    SERIAL("serial_numbers", "serial"),
    SKU("skus", "model"),
    MODEL_NUMBER("model_numbers", "model");

    final String list;
    final String attribute;

    Kind(String list, String attribute) {
      this.list = list;
      this.attribute = attribute;
    }
  }

  /** One published identifier of one product: exact (normalised) or a wildcard pattern. */
  private record Identifier(
      Kind kind, String text, String normalized, Optional<Pattern> wildcard, ProductEntry entry) {
    boolean matches(String value) {
      return wildcard.map(p -> p.matcher(value).matches()).orElse(normalized.equals(value));
    }
  }

  private final VendorAliases aliases;
  private final Map<String, List<Identifier>> exact = new LinkedHashMap<>();
  private final List<Identifier> wildcards = new ArrayList<>();

  /** A matcher over the identifiers these advisories publish. */
  public IdentifierMatcher(Collection<Advisory> advisories, VendorAliases aliases) {
    this.aliases = aliases;
    for (Advisory published : advisories) {
      Advisory a = DerivedProducts.expand(published);
      for (AffectedProduct p : a.products()) {
        if (p.serialNumbers().isEmpty() && p.skus().isEmpty() && p.modelNumbers().isEmpty()) {
          continue;
        }
        ProductEntry e = ProductEntry.of(a, p, aliases);
        p.serialNumbers().forEach(x -> add(Kind.SERIAL, x, e));
        p.skus().forEach(x -> add(Kind.SKU, x, e));
        p.modelNumbers().forEach(x -> add(Kind.MODEL_NUMBER, x, e));
      }
    }
  }

  /** True when no advisory publishes a serial number, SKU or model number. */
  public boolean isEmpty() {
    return exact.isEmpty() && wildcards.isEmpty();
  }

  /** The findings of the products whose identifiers the device's serial or model matches. */
  public List<Finding> match(Device d) {
    if (isEmpty()) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    d.serial().ifPresent(s -> match(d, Kind.SERIAL, s, out));
    d.model().ifPresent(m -> match(d, Kind.SKU, m, out));
    return FindingAssembler.dedupe(out);
  }

  /**
   * The name matcher's findings with the identifier matcher's merged in: for one advisory and
   * vulnerability, an identifier finding replaces the name finding on the device itself (not one on
   * an SBOM component, which stays) when it is at least as sure (a maker's published identifier
   * says more than shared words), else the name finding stays. Every other finding stays as it is.
   */
  public static List<Finding> merge(List<Finding> byName, List<Finding> byIdentifier) {
    if (byIdentifier.isEmpty()) {
      return byName;
    }
    List<Finding> out = new ArrayList<>(byName);
    // advisory|vulnerability -> position in out of the finding on the device itself
    Map<String, Integer> onDevice = new HashMap<>();
    for (int i = 0; i < out.size(); i++) {
      if (!out.get(i).matchedBy().deviceAttribute().startsWith("sbom:")) {
        onDevice.putIfAbsent(key(out.get(i)), i);
      }
    }
    for (Finding f : byIdentifier) {
      Integer at = onDevice.get(key(f));
      if (at == null) {
        onDevice.put(key(f), out.size());
        out.add(f);
      } else if (surer(f, out.get(at))) {
        out.set(at, f);
      }
    }
    return List.copyOf(out);
  }

  private static boolean surer(Finding a, Finding b) {
    int ra = FindingAssembler.rank(a.status());
    int rb = FindingAssembler.rank(b.status());
    return ra < rb || (ra == rb && a.matchedBy().confidence() >= b.matchedBy().confidence());
  }

  private static String key(Finding f) {
    return f.advisoryId() + "|" + f.vulnerability();
  }

  private void match(Device d, Kind deviceKind, String value, List<Finding> out) {
    String normalized = normalize(value);
    if (normalized.isEmpty()) {
      return;
    }
    List<Identifier> candidates = new ArrayList<>(exact.getOrDefault(normalized, List.of()));
    candidates.addAll(wildcards);
    for (Identifier id : candidates) {
      boolean comparable =
          deviceKind == Kind.SERIAL ? id.kind() == Kind.SERIAL : id.kind() != Kind.SERIAL;
      if (comparable && id.matches(normalized)) {
        hit(d, id, value)
            .ifPresent(h -> out.addAll(FindingAssembler.findings(h.subject, id.entry(), h.hit)));
      }
    }
  }

  private record SubjectHit(Subject subject, Hit hit) {}

  private Optional<SubjectHit> hit(Device d, Identifier id, String value) {
    String deviceVendor = d.vendor().map(aliases::canonical).orElse("");
    String productVendor = id.entry().vendorId();
    double confidence = 1.0;
    String vendorNote = "";
    if (!deviceVendor.isEmpty() && !productVendor.isEmpty()) {
      if (!deviceVendor.equals(productVendor)) {
        return Optional.empty(); // another maker's number that happens to be the same
      }
    } else {
      // An identifier alone, without the maker to confirm it, may be another maker's number.
      confidence = id.kind() == Kind.SERIAL ? 0.8 : 0.7;
      vendorNote =
          deviceVendor.isEmpty() ? " (device vendor unknown)" : " (advisory names no vendor)";
    }
    Subject s =
        new Subject(
            d.id(),
            id.kind().attribute,
            SubjectIdentity.ofDevice(d.vendor(), value, aliases),
            value,
            Subjects.firmware(d),
            "firmware",
            evidence(d),
            Optional.empty());
    PairEvaluator.Outcome o =
        PairEvaluator.outcome(id.entry().range(), id.entry().unreadable(), s.version());
    Hit named =
        PairEvaluator.hit(
            s,
            id.entry().product().name(),
            new IdentityMatch(confidence, 0, vendorNote),
            id.entry().rule(),
            o,
            id.entry().constraintText().orElse(""));
    String identity =
        id.kind().attribute
            + " '"
            + value
            + "' is "
            + (id.wildcard().isPresent() ? "covered by '" + id.text() + "' in" : "listed in")
            + " the "
            + id.kind().list
            + " of product '"
            + id.entry().product().name()
            + "'"
            + vendorNote;
    return Optional.of(
        new SubjectHit(
            s,
            new Hit(
                named.identityConfidence(),
                identity,
                named.rule(),
                named.version(),
                named.versionText())));
  }

  private static final Set<String> EVIDENCE = Set.of("vendor", "model", "firmware", "serial");

  private static List<Evidence> evidence(Device d) {
    return d.evidence().stream().filter(e -> EVIDENCE.contains(e.attribute())).toList();
  }

  private void add(Kind kind, String published, ProductEntry e) {
    boolean wild = published.contains("*") || published.contains("?");
    String normalized = wild ? normalizeWildcard(published) : normalize(published);
    if (normalized.isEmpty() || normalized.chars().allMatch(c -> c == '*' || c == '?')) {
      return; // "*" alone names every unit: no identifier at all
    }
    if (wild) {
      wildcards.add(
          new Identifier(kind, published, normalized, Optional.of(pattern(normalized)), e));
    } else {
      exact
          .computeIfAbsent(normalized, k -> new ArrayList<>())
          .add(new Identifier(kind, published, normalized, Optional.empty(), e));
    }
  }

  /** Compared without case, spaces or punctuation: "SN 12-345" is "SN12345". */
  static String normalize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  private static String normalizeWildcard(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '*' || c == '?') {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  private static Pattern pattern(String wildcard) {
    StringBuilder re = new StringBuilder();
    for (char c : wildcard.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
