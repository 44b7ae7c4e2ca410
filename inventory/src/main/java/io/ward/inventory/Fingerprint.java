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
    String source,
    String file) {

  Fingerprint {
    fields = List.copyOf(fields);
    literals = Map.copyOf(literals);
    derived = Map.copyOf(derived);
  }

  /** One attribute value a fingerprint asserts. */
  record Assertion(String attribute, String value) {}

  /**
   * The attribute values this fingerprint asserts for {@code value}, empty when it does not match.
   */
  List<Assertion> apply(String value) {
    return apply(new ObservedValue(value));
  }

  /** {@link #apply(String)}, with the value's lower-case forms shared by every fingerprint. */
  List<Assertion> apply(ObservedValue value) {
    Optional<List<String>> groups = matcher.match(value);
    if (groups.isEmpty()) {
      return List.of();
    }
    List<Assertion> out = new ArrayList<>();
    for (String attribute : Attributes.SETTABLE) {
      String v = literals.get(attribute);
      Derivation d = derived.get(attribute);
      if (d != null) {
        v = d.apply(groups.get()).orElse(v);
      }
      if (v != null && !v.isBlank()) {
        out.add(new Assertion(attribute, v));
      }
    }
    return out;
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
