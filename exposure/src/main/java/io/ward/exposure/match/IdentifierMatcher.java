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
import java.util.OptionalDouble;
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

  /** One published identifier: exact (normalised) or a wildcard pattern. */
  private record Published(String text, String normalized, Optional<Pattern> wildcard) {

    /** The identifier as published; empty when it names nothing ("*" alone names every unit). */
    static Optional<Published> of(String published) {
      boolean wild = published.contains("*") || published.contains("?");
      String normalized = wild ? normalizeWildcard(published) : normalize(published);
      if (normalized.isEmpty() || normalized.chars().allMatch(c -> c == '*' || c == '?')) {
        return Optional.empty();
      }
      return Optional.of(
          new Published(
              published, normalized, wild ? Optional.of(pattern(normalized)) : Optional.empty()));
    }

    /** True when the normalised value is this identifier or one its wildcards cover. */
    boolean matches(String value) {
      return wildcard.map(p -> p.matcher(value).matches()).orElse(normalized.equals(value));
    }
  }

  /** One published identifier of one product. */
  private record Identifier(Kind kind, Published id, ProductEntry entry) {
    boolean matches(String value) {
      return id.matches(value);
    }

    String text() {
      return id.text();
    }

    Optional<Pattern> wildcard() {
      return id.wildcard();
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
    Optional<String> maker = maker(d, id.kind());
    String deviceVendor = maker.map(aliases::canonical).orElse("");
    String productVendor = id.entry().vendorId();
    OptionalDouble sure = confidence(id.kind(), deviceVendor, productVendor);
    if (sure.isEmpty()) {
      return Optional.empty();
    }
    double confidence = sure.getAsDouble();
    String vendorNote =
        confidence == 1.0
            ? ""
            : deviceVendor.isEmpty() ? " (device vendor unknown)" : " (advisory names no vendor)";
    Subject s =
        new Subject(
            d.id(),
            id.kind().attribute,
            SubjectIdentity.ofDevice(maker, value, aliases),
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

  /**
   * How sure an identifier match is by the makers: certain when both are known and agree, less when
   * one is unknown (an identifier alone may be another maker's number), none when they differ
   * (another maker's number that happens to be the same).
   */
  private static OptionalDouble confidence(Kind kind, String deviceVendor, String productVendor) {
    if (!deviceVendor.isEmpty() && !productVendor.isEmpty()) {
      return deviceVendor.equals(productVendor) ? OptionalDouble.of(1.0) : OptionalDouble.empty();
    }
    return OptionalDouble.of(kind == Kind.SERIAL ? 0.8 : 0.7);
  }

  /**
   * How sure the product's identifier lists make Ward that the device is the product, as {@link
   * #match} decides it for a finding: the device's serial number among the product's serial
   * numbers, or its model among its SKUs or model numbers (wildcards included), by the makers'
   * agreement; empty when no identifier matches or the makers differ.
   */
  static OptionalDouble confidence(Device d, AffectedProduct p, VendorAliases aliases) {
    Optional<Kind> kind =
        d.serial().filter(s -> listed(p.serialNumbers(), s)).map(s -> Kind.SERIAL);
    if (kind.isEmpty()) {
      kind =
          d.model()
              .filter(m -> listed(p.skus(), m) || listed(p.modelNumbers(), m))
              .map(m -> Kind.SKU);
    }
    if (kind.isEmpty()) {
      return OptionalDouble.empty();
    }
    String productVendor = p.vendor().filter(v -> !v.isBlank()).map(aliases::canonical).orElse("");
    return confidence(
        kind.get(), maker(d, kind.get()).map(aliases::canonical).orElse(""), productVendor);
  }

  /**
   * The maker a device identifier is compared by: the device's vendor for its serial number, the
   * maker of its model ({@link Subjects#modelVendor}) for its model.
   */
  private static Optional<String> maker(Device d, Kind kind) {
    return kind == Kind.SERIAL ? d.vendor() : Subjects.modelVendor(d);
  }

  private static boolean listed(List<String> published, String value) {
    String normalized = normalize(value);
    return !normalized.isEmpty()
        && published.stream()
            .map(Published::of)
            .flatMap(Optional::stream)
            .anyMatch(id -> id.matches(normalized));
  }

  private static final Set<String> EVIDENCE = Set.of("vendor", "model", "firmware", "serial");

  private static List<Evidence> evidence(Device d) {
    return d.evidence().stream().filter(e -> EVIDENCE.contains(e.attribute())).toList();
  }

  private void add(Kind kind, String published, ProductEntry e) {
    Optional<Published> id = Published.of(published);
    if (id.isEmpty()) {
      return;
    }
    if (id.get().wildcard().isPresent()) {
      wildcards.add(new Identifier(kind, id.get(), e));
    } else {
      exact
          .computeIfAbsent(id.get().normalized(), k -> new ArrayList<>())
          .add(new Identifier(kind, id.get(), e));
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
