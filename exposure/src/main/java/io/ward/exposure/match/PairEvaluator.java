package io.ward.exposure.match;

import io.ward.exposure.match.Hit.VersionOutcome;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.exposure.MatchRule;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether one subject matches one advisory product. The indexed and the nested-loop matcher
 * both ask this class: the identity question ({@link #identify}) and the texts of a hit ({@link
 * #hit}) are shared; the nested-loop matcher answers the version question on {@link VersionRange}s,
 * the index on pre-ranked intervals, and a property test holds the two to the same findings. The
 * index is sound when every pair this accepts shares an index key (same purl, same CPE
 * vendor:product, or same vendor and one identifying word or model-range prefix).
 */
final class PairEvaluator {

  /** Identity confidence from which a finding may be "affected" rather than "possibly". */
  static final double CERTAIN = 0.85;

  /** What a version statement says about a subject's version (finer than the hit's outcome). */
  enum Outcome {
    /** The statement covers all versions. */
    IN_ALL(VersionOutcome.IN),
    /** The version lies in the stated versions. */
    IN(VersionOutcome.IN),
    /** The version lies outside. */
    OUT(VersionOutcome.OUT),
    /** The subject's version is unknown. */
    UNKNOWN_VERSION(VersionOutcome.UNKNOWN_VERSION),
    /** The statement could not be read. */
    UNREADABLE(VersionOutcome.UNREADABLE),
    /** There is no statement. */
    NO_STATEMENT(VersionOutcome.NO_STATEMENT);

    static final Outcome[] ALL = values();

    final VersionOutcome hit;

    Outcome(VersionOutcome hit) {
      this.hit = hit;
    }
  }

  private PairEvaluator() {}

  /** The nested-loop question: identity, then the version on the product's range. */
  static Optional<Hit> evaluate(Subject s, ProductEntry e) {
    Optional<IdentityMatch> m = identify(s.identity(), e.identity());
    if (m.isEmpty()) {
      return Optional.empty();
    }
    IdentityMatch match =
        DerivedProducts.possiblyOnly(e.product())
            ? m.get().atMost(DerivedProducts.POSSIBLY_CONFIDENCE)
            : m.get();
    MatchRule rule = match.rule(e.rule());
    String stated = e.constraintText().orElse("");
    Optional<VersionRange> range = e.range();
    if (rule == MatchRule.PURL && e.purlVersion().isPresent() && range.isEmpty()) {
      range = Optional.of(VersionRange.exactly(Version.parse(e.purlVersion().get())));
      stated = e.purlVersion().get();
    }
    Outcome o = outcome(range, e.unreadable(), s.version());
    return Optional.of(hit(s, e.product().name(), match, rule, o, stated));
  }

  /** What a range says about a version (the nested-loop way). */
  static Outcome outcome(
      Optional<VersionRange> range, boolean unreadable, Optional<Version> version) {
    if (range.isEmpty()) {
      return unreadable ? Outcome.UNREADABLE : Outcome.NO_STATEMENT;
    }
    if (range.get().isAll()) {
      return Outcome.IN_ALL;
    }
    if (version.isEmpty()) {
      return Outcome.UNKNOWN_VERSION;
    }
    return range.get().contains(version.get()) ? Outcome.IN : Outcome.OUT;
  }

  /** Whether the subject may be the product: by purl, by CPE, else by vendor and model words. */
  static Optional<IdentityMatch> identify(SubjectIdentity s, ProductIdentity e) {
    return identify(s, tokenArray(s.tokens()), e, tokenArray(e.tokens()));
  }

  /** The words of an identity as an array, for {@link #identify} in loops over many pairs. */
  static String[] tokenArray(Set<String> tokens) {
    return tokens.toArray(new String[0]);
  }

  /**
   * {@link #identify(SubjectIdentity, ProductIdentity)} with the identities' words given as arrays
   * made once: the index asks this for millions of pairs, and iterating the immutable sets made an
   * iterator per loop that escape analysis did not remove (a third of a full re-match's garbage).
   */
  static Optional<IdentityMatch> identify(
      SubjectIdentity s, String[] subjectTokens, ProductIdentity e, String[] productTokens) {
    if (s.purlKey().isPresent() && containsKey(e.purlKeys(), s.purlKey().get())) {
      return Optional.of(new IdentityMatch(1.0, IdentityMatch.PURL, ""));
    }
    if (s.cpeKey().isPresent() && containsKey(e.cpeKeys(), s.cpeKey().get())) {
      return Optional.of(new IdentityMatch(1.0, IdentityMatch.CPE, ""));
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
    int model = modelMatch(s, subjectTokens, e, productTokens);
    if (model == NO_MODEL_MATCH) {
      return Optional.empty();
    }
    double confidence = MODEL_CONFIDENCE[model];
    return Optional.of(new IdentityMatch(Math.min(cap, confidence), model, vendorNote));
  }

  /**
   * Whether a key list holds the key; compares cached hashes first (keys of one vendor share long
   * prefixes, so a plain equals walked most of each string).
   */
  private static boolean containsKey(java.util.List<String> keys, String key) {
    int h = key.hashCode();
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      if (k.hashCode() == h && k.equals(key)) {
        return true;
      }
    }
    return false;
  }

  private static final int NO_MODEL_MATCH = -1;

  /** The confidence of each kind of model match, indexed by the kind {@link #modelMatch} gives. */
  private static final double[] MODEL_CONFIDENCE = {1.0, 0.95, 0.9, 0.85, 0.6, 0.7};

  /**
   * The kind of model match, or {@link #NO_MODEL_MATCH}: 0 exact (1.0), 1 all words + number
   * (0.95), 2 contained (0.9), 3 range (0.85), 4 family (0.6), 5 partial (0.7).
   */
  static int modelMatch(
      SubjectIdentity s, String[] subjectTokens, ProductIdentity e, String[] productTokens) {
    if (subjectTokens.length == 0) {
      return NO_MODEL_MATCH;
    }
    Set<String> st = s.tokens();
    Set<String> et = e.tokens();
    int shared = 0;
    boolean number = false;
    for (String t : subjectTokens) {
      if (et.contains(t)) {
        shared++;
        number |= Names.isModelNumber(t);
      }
    }
    boolean same =
        s.normalizedModel().equals(e.normalizedName())
            || e.modelNumbers().contains(s.normalizedModel());
    if (same && shared > 0) { // a shared word keeps every accepted pair findable by key
      return 0;
    }
    int inRange = 0;
    int rest = 0;
    java.util.List<Names.ModelRange> ranges = e.ranges();
    if (!ranges.isEmpty()) {
      for (String t : subjectTokens) {
        boolean in = false;
        for (int r = 0; r < ranges.size(); r++) {
          in |= ranges.get(r).contains(t);
        }
        if (in) {
          inRange++;
        }
        if (!in && !et.contains(t)) {
          rest++;
        }
      }
    } else {
      rest = subjectTokens.length - shared;
    }
    if (shared == 0 && inRange == 0) {
      return NO_MODEL_MATCH;
    }
    if (rest == 0) {
      if (number) {
        return 1;
      }
      if (inRange > 0) {
        return 3;
      }
      return 4;
    }
    boolean productInModel = true;
    boolean productHasNumber = false;
    for (String t : productTokens) {
      productInModel &= st.contains(t);
      productHasNumber |= Names.isModelNumber(t);
    }
    if (productInModel && (productHasNumber || productTokens.length >= 2)) {
      return 2;
    }
    if (number || inRange > 0) {
      return 5;
    }
    return NO_MODEL_MATCH;
  }

  /** A hit with its plain sentences, the same for both matchers. */
  static Hit hit(
      Subject s, String productName, IdentityMatch m, MatchRule rule, Outcome o, String stated) {
    return new Hit(
        m.confidence(), identityText(s, productName, m), rule, o.hit, versionText(s, o, stated));
  }

  private static String identityText(Subject s, String productName, IdentityMatch m) {
    if (m.kind() == IdentityMatch.PURL) {
      return "package URL " + key(s.purlKey().get()) + " matches";
    }
    if (m.kind() == IdentityMatch.CPE) {
      return "CPE " + key(s.cpeKey().get()) + " matches";
    }
    return describe(m.kind(), s, productName) + m.vendorNote();
  }

  private static String versionText(Subject s, Outcome o, String stated) {
    switch (o) {
      case UNREADABLE:
        return "the advisory's version statement '" + stated + "' could not be read";
      case NO_STATEMENT:
        return "the advisory states no version";
      case IN_ALL:
        return "the advisory covers all versions";
      case UNKNOWN_VERSION:
        return s.versionAttribute() + " version unknown; the advisory covers " + stated;
      default:
        return s.versionAttribute()
            + " "
            + s.version().get().text()
            + (o == Outcome.IN ? " is within " : " is outside ")
            + stated;
    }
  }

  private static String describe(int kind, Subject s, String productName) {
    String product = "'" + productName + "'";
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

  private static String key(String k) {
    return k.substring(2);
  }
}
