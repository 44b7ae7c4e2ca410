package io.ward.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One knowledge-base rule: when an observation of one of {@code fields} matches, the device gets
 * the listed attribute values with {@code confidence}.
 *
 * @param literals attribute to fixed value, e.g. {@code vendor -> Philips}
 * @param derived attribute to the way its value is built from the match (a group or a template)
 * @param toolkit the entry names software that many makers build into their products (a DICOM
 *     toolkit such as DCMTK): its vendor is the software's maker, not the device's, and is asserted
 *     at no more than {@link #TOOLKIT_VENDOR_CONFIDENCE}
 * @param software the software the entry names (a toolkit, a server), besides or instead of device
 *     attributes
 * @param source the public source of the fact, e.g. a conformance statement or registry
 * @param file the knowledge-base file the entry came from, for error messages and evidence
 */
record Fingerprint(
    String id,
    List<String> fields,
    FieldMatcher matcher,
    Map<String, String> literals,
    Map<String, Derivation> derived,
    double confidence,
    boolean toolkit,
    Optional<SoftwareRule> software,
    String source,
    String file) {

  /**
   * The most a toolkit's maker counts as the device's vendor: below the NIC's OUI organisation
   * ({@link DeviceAssembler#OUI_CONFIDENCE}) and below a module maker's OUI (0.15 in {@code
   * kb/vendors.yaml}), so that it names the vendor only of a device nothing else names.
   */
  static final double TOOLKIT_VENDOR_CONFIDENCE = 0.1;

  Fingerprint {
    fields = List.copyOf(fields);
    literals = Map.copyOf(literals);
    derived = Map.copyOf(derived);
  }

  /** One attribute value a fingerprint asserts, and how confidently. */
  record Assertion(String attribute, String value, double confidence) {}

  /** What a fingerprint says about one value: attribute values and the software it names. */
  record Applied(List<Assertion> assertions, Optional<SoftwareRule.Named> software) {
    static final Applied NONE = new Applied(List.of(), Optional.empty());
  }

  /**
   * The attribute values this fingerprint asserts for {@code value}, empty when it does not match.
   */
  List<Assertion> apply(String value) {
    return apply(new ObservedValue(value));
  }

  /** {@link #apply(String)}, with the value's lower-case forms shared by every fingerprint. */
  List<Assertion> apply(ObservedValue value) {
    return applyAll(value).assertions();
  }

  /** Attribute values and software this fingerprint names for {@code value}. */
  Applied applyAll(ObservedValue value) {
    Optional<List<String>> groups = matcher.match(value);
    if (groups.isEmpty()) {
      return Applied.NONE;
    }
    return new Applied(
        assertions(groups.get()), software.flatMap(rule -> rule.apply(groups.get())));
  }

  private List<Assertion> assertions(List<String> groups) {
    List<Assertion> out = new ArrayList<>();
    for (String attribute : Attributes.SETTABLE) {
      String v = literals.get(attribute);
      Derivation d = derived.get(attribute);
      if (d != null) {
        v = d.apply(groups).orElse(v);
      }
      if (v != null && !v.isBlank()) {
        out.add(new Assertion(attribute, v, confidence(attribute)));
      }
    }
    return out;
  }

  /** The confidence of this entry's assertions about {@code attribute}. */
  double confidence(String attribute) {
    return toolkit && attribute.equals(Attributes.VENDOR)
        ? Math.min(confidence, TOOLKIT_VENDOR_CONFIDENCE)
        : confidence;
  }

  /** True when this entry names a medical device: a medical category or an explicit flag. */
  boolean medical() {
    boolean flagged = "true".equals(literals.get(Attributes.MEDICAL));
    return flagged
        || io.ward.model.Category.fromId(literals.getOrDefault(Attributes.CATEGORY, ""))
            .map(io.ward.model.Category::medical)
            .orElse(false);
  }
}
