package io.ward.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a fingerprint tests an observed value: {@code equals} and {@code prefix} compare without
 * regard to case; {@code regex} uses Java syntax as written (add {@code (?i)} for case-insensitive)
 * and searches anywhere in the value unless anchored.
 */
record FieldMatcher(
    Kind kind, String text, Optional<Pattern> pattern, Optional<RequiredLiterals> required) {

  /** The three ways of matching. */
  enum Kind {
    EQUALS,
    PREFIX,
    REGEX
  }

  static FieldMatcher equalsIgnoringCase(String text) {
    return new FieldMatcher(
        Kind.EQUALS, text.toLowerCase(Locale.ROOT), Optional.empty(), Optional.empty());
  }

  static FieldMatcher prefixIgnoringCase(String text) {
    return new FieldMatcher(
        Kind.PREFIX, text.toLowerCase(Locale.ROOT), Optional.empty(), Optional.empty());
  }

  static FieldMatcher regex(Pattern pattern) {
    return new FieldMatcher(
        Kind.REGEX, pattern.pattern(), Optional.of(pattern), RequiredLiterals.of(pattern));
  }

  /** Capturing groups a regex declares; 0 for equals and prefix. */
  int groupCount() {
    return pattern.map(p -> p.matcher("").groupCount()).orElse(0);
  }

  /**
   * The match of {@code value}: element 0 is the whole value, then each capturing group ("" when a
   * group did not take part); empty when the value does not match.
   */
  Optional<List<String>> match(String value) {
    return match(new ObservedValue(value));
  }

  /**
   * {@link #match(String)}, with the value's lower-case forms shared by every matcher testing it.
   */
  Optional<List<String>> match(ObservedValue observed) {
    String value = observed.value();
    switch (kind) {
      case EQUALS:
        return observed.rootLowerCase().equals(text)
            ? Optional.of(List.of(value))
            : Optional.empty();
      case PREFIX:
        return observed.rootLowerCase().startsWith(text)
            ? Optional.of(List.of(value))
            : Optional.empty();
      default:
        if (required.isPresent() && !required.get().mayMatch(observed)) {
          return Optional.empty(); // contains none of what every match contains
        }
        Matcher m = pattern.orElseThrow().matcher(value);
        if (!m.find()) {
          return Optional.empty();
        }
        List<String> groups = new ArrayList<>(m.groupCount() + 1);
        groups.add(value);
        for (int g = 1; g <= m.groupCount(); g++) {
          String s = m.group(g);
          groups.add(s == null ? "" : s.trim());
        }
        return Optional.of(List.copyOf(groups));
    }
  }
}
