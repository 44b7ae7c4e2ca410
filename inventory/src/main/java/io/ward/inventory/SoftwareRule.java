package io.ward.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code software} a fingerprint names: vendor, product and version, each a literal or derived
 * from the match as device attributes are ({@code versionFrom: "{1}.{2}.{3}"}).
 *
 * @param literals {@code vendor}, {@code product} or {@code version} to a fixed value
 * @param derived the same keys to the way the value is built from the match
 */
record SoftwareRule(Map<String, String> literals, Map<String, Derivation> derived) {

  static final String VENDOR = "vendor";
  static final String PRODUCT = "product";
  static final String VERSION = "version";

  /** The keys a {@code software} map may set, each also as {@code <key>From}. */
  static final List<String> KEYS = List.of(VENDOR, PRODUCT, VERSION);

  SoftwareRule {
    literals = Map.copyOf(literals);
    derived = Map.copyOf(derived);
  }

  /** Software one fingerprint recognised in one value. */
  record Named(String vendor, String product, Optional<String> version) {}

  /** What the rule names for a match's groups; empty when vendor or product cannot be derived. */
  Optional<Named> apply(List<String> groups) {
    Optional<String> vendor = value(VENDOR, groups);
    Optional<String> product = value(PRODUCT, groups);
    if (vendor.isEmpty() || product.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Named(vendor.get(), product.get(), value(VERSION, groups)));
  }

  private Optional<String> value(String key, List<String> groups) {
    Derivation d = derived.get(key);
    Optional<String> v = d == null ? Optional.empty() : d.apply(groups);
    return v.or(() -> Optional.ofNullable(literals.get(key))).filter(s -> !s.isBlank());
  }
}
