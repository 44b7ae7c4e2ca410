package io.ward.exposure.match;

import io.ward.exposure.match.Hit.VersionOutcome;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.exposure.MatchRule;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether one subject matches one advisory product. The indexed and the nested-loop matcher
 * both ask this one function, so they can only differ in which pairs they ask about: the index is
 * sound when every pair this accepts shares an index key (same purl, same CPE vendor:product, or
 * same vendor and one identifying word or model-range prefix).
 */
final class PairEvaluator {

  /** Identity confidence from which a finding may be "affected" rather than "possibly". */
  static final double CERTAIN = 0.85;

  private PairEvaluator() {}

  static Optional<Hit> evaluate(Subject s, ProductEntry e) {
    if (s.purlKey().isPresent() && e.purlKeys().contains(s.purlKey().get())) {
      return Optional.of(
          version(s, e, 1.0, "package URL " + key(s.purlKey().get()) + " matches", MatchRule.PURL));
    }
    if (s.cpeKey().isPresent() && e.cpeKeys().contains(s.cpeKey().get())) {
      return Optional.of(
          version(s, e, 1.0, "CPE " + key(s.cpeKey().get()) + " matches", MatchRule.CPE));
    }
    double cap = 1.0;
    String vendorNote = "";
    if (!e.vendorId().isEmpty() && !s.vendorId().isEmpty()) {
      if (!e.vendorId().equals(s.vendorId())) {
        return Optional.empty();
      }
    } else if (s.vendorId().isEmpty()) {
      cap = 0.6;
      vendorNote = " (device vendor unknown)";
    } else {
      cap = 0.7;
      vendorNote = " (advisory names no vendor)";
    }
    Optional<double[]> model = modelMatch(s, e);
    if (model.isEmpty()) {
      return Optional.empty();
    }
    double confidence = Math.min(cap, model.get()[0]);
    String identity = describe((int) model.get()[1], s, e) + vendorNote;
    return Optional.of(version(s, e, confidence, identity, e.rule()));
  }

  /**
   * [confidence, kind] where kind 0 exact, 1 all words + number, 2 contained, 3 range, 4 family, 5
   * partial.
   */
  static Optional<double[]> modelMatch(Subject s, ProductEntry e) {
    if (s.tokens().isEmpty()) {
      return Optional.empty();
    }
    Set<String> shared = new HashSet<>(s.tokens());
    shared.retainAll(e.tokens());
    boolean same =
        s.normalizedModel().equals(e.normalizedName())
            || e.modelNumbers().contains(s.normalizedModel());
    if (same && !shared.isEmpty()) { // a shared word keeps every accepted pair findable by key
      return Optional.of(new double[] {1.0, 0});
    }
    Set<String> inRange = new HashSet<>();
    for (String t : s.tokens()) {
      for (Names.ModelRange r : e.ranges()) {
        if (r.contains(t)) {
          inRange.add(t);
        }
      }
    }
    if (shared.isEmpty() && inRange.isEmpty()) {
      return Optional.empty();
    }
    Set<String> rest = new HashSet<>(s.tokens());
    rest.removeAll(e.tokens());
    rest.removeAll(inRange);
    boolean number = shared.stream().anyMatch(Names::isModelNumber);
    if (rest.isEmpty()) {
      if (number) {
        return Optional.of(new double[] {0.95, 1});
      }
      if (!inRange.isEmpty()) {
        return Optional.of(new double[] {0.85, 3});
      }
      return Optional.of(new double[] {0.6, 4});
    }
    boolean productInModel = s.tokens().containsAll(e.tokens());
    boolean productHasNumber = e.tokens().stream().anyMatch(Names::isModelNumber);
    if (productInModel && (productHasNumber || e.tokens().size() >= 2)) {
      return Optional.of(new double[] {0.9, 2});
    }
    if (number || !inRange.isEmpty()) {
      return Optional.of(new double[] {0.7, 5});
    }
    return Optional.empty();
  }

  private static String describe(int kind, Subject s, ProductEntry e) {
    String product = "'" + e.product().name() + "'";
    String model = "'" + s.modelText() + "'";
    switch (kind) {
      case 0:
        return s.attribute() + " " + model + " is product " + product;
      case 1:
        return s.attribute()
            + " "
            + model
            + " matches product "
            + product
            + " word for word, model number included";
      case 2:
        return "every word of product " + product + " is in " + s.attribute() + " " + model;
      case 3:
        return s.attribute() + " " + model + " lies in the model range of product " + product;
      case 4:
        return s.attribute() + " " + model + " matches only the product family of " + product;
      default:
        return s.attribute()
            + " "
            + model
            + " shares a model number with product "
            + product
            + " but other words differ";
    }
  }

  private static Hit version(
      Subject s, ProductEntry e, double confidence, String identity, MatchRule rule) {
    String stated = e.constraintText().orElse("");
    Optional<VersionRange> range = e.range();
    if (rule == MatchRule.PURL && e.purlVersion().isPresent() && range.isEmpty()) {
      range = Optional.of(VersionRange.exactly(Version.parse(e.purlVersion().get())));
      stated = e.purlVersion().get();
    }
    if (range.isEmpty()) {
      if (e.unreadable()) {
        return new Hit(
            confidence,
            identity,
            rule,
            VersionOutcome.UNREADABLE,
            "the advisory's version statement '" + stated + "' could not be read");
      }
      return new Hit(
          confidence,
          identity,
          rule,
          VersionOutcome.NO_STATEMENT,
          "the advisory states no version");
    }
    if (range.get().isAll()) {
      return new Hit(
          confidence, identity, rule, VersionOutcome.IN, "the advisory covers all versions");
    }
    if (s.version().isEmpty()) {
      return new Hit(
          confidence,
          identity,
          rule,
          VersionOutcome.UNKNOWN_VERSION,
          s.versionAttribute() + " version unknown; the advisory covers " + stated);
    }
    Version v = s.version().get();
    boolean in = range.get().contains(v);
    return new Hit(
        confidence,
        identity,
        rule,
        in ? VersionOutcome.IN : VersionOutcome.OUT,
        s.versionAttribute() + " " + v.text() + (in ? " is within " : " is outside ") + stated);
  }

  private static String key(String k) {
    return k.substring(2);
  }
}
