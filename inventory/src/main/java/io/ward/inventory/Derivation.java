package io.ward.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a fingerprint builds an attribute value from its match: {@code "value"} (the observed value),
 * {@code "group N"} (one capturing group), or a template such as {@code "{1}.{2}.{3}"} or {@code
 * "VVX {1}"} that joins groups and literal text, as Rapid7 Recog's parameter templates do. A value
 * is derived only when every group the template names took part in the match.
 *
 * @param text the template as written in the knowledge base
 * @param parts literal text and group references, in order
 */
record Derivation(String text, List<Part> parts) {

  private static final Pattern GROUP_REF = Pattern.compile("^group (\\d{1,2})$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,2})\\}");

  Derivation {
    parts = List.copyOf(parts);
  }

  /** Literal text ({@code group} negative) or a reference to capturing group {@code group}. */
  record Part(String literal, int group) {
    boolean isGroup() {
      return group >= 0;
    }
  }

  /**
   * Parses {@code "value"}, {@code "group N"} or a template with {@code {N}} placeholders; empty
   * when the text is none of these (a template must name at least one group).
   */
  static Optional<Derivation> parse(String text) {
    if (text.equals("value")) {
      return Optional.of(new Derivation(text, List.of(new Part("", 0))));
    }
    Matcher ref = GROUP_REF.matcher(text);
    if (ref.matches()) {
      return Optional.of(
          new Derivation(text, List.of(new Part("", Integer.parseInt(ref.group(1))))));
    }
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    boolean anyGroup = false;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(new Part(text.substring(at, m.start()), -1));
      }
      parts.add(new Part("", Integer.parseInt(m.group(1))));
      anyGroup = true;
      at = m.end();
    }
    if (!anyGroup) {
      return Optional.empty();
    }
    if (at < text.length()) {
      parts.add(new Part(text.substring(at), -1));
    }
    return Optional.of(new Derivation(text, parts));
  }

  /** The highest group the derivation refers to. */
  int maxGroup() {
    return parts.stream().mapToInt(Part::group).max().orElse(-1);
  }

  /**
   * The derived value from a match (element 0 the whole value, then each group, "" when a group did
   * not take part); empty when a referenced group is missing or blank.
   */
  Optional<String> apply(List<String> groups) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (!p.isGroup()) {
        sb.append(p.literal());
        continue;
      }
      if (p.group() >= groups.size() || groups.get(p.group()).isBlank()) {
        return Optional.empty();
      }
      sb.append(groups.get(p.group()).trim());
    }
    String v = sb.toString().trim();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
