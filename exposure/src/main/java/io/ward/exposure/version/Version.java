package io.ward.exposure.version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A version as device makers write them, ordered by Ward's generic scheme: dotted numbers ({@code
 * 12.1.3}), letters ({@code B.02}, {@code N.00}), build and service-pack suffixes ({@code
 * 4.2.1-b17}, {@code V2.1.3 SP2}), pre-releases ({@code 1.0rc1}) and dates ({@code 8/30/2024}).
 *
 * <p>The text is split into tokens (runs of digits, runs of letters; everything else separates).
 * Tokens compare pairwise, the shorter version padded with zeros, so {@code 1.0 == 1} and {@code
 * 1.10 > 1.9}. At one position the token kinds rank: pre-release ({@code alpha}, {@code beta},
 * {@code rc}…) &lt; zero &lt; post-release ({@code sp}, {@code build}, {@code b}, {@code patch},
 * {@code r}, {@code update}…) &lt; other letters &lt; positive numbers &lt; wildcard ({@code x},
 * {@code *}). Hence {@code 1.0rc1 < 1.0 < 1.0 SP1 < 1.0a < 1.0.1} and {@code 12.2.x} is above every
 * {@code 12.2.*}. This is a total order; equality ({@link #equals}) agrees with it.
 */
public final class Version implements Comparable<Version> {

  private static final Component[] NO_COMPONENTS = new Component[0];

  private final String text;

  /** The tokens as written; trailing zeros matter for where a ceiling goes. */
  private final Component[] tokens;

  /** The tokens without trailing zeros: what ordering and equality use. */
  private final Component[] components;

  private final int hash;

  /**
   * For the common dotted versions (at most four numbers below 10,000), the numbers packed into one
   * long that orders as the versions do; -1 for every other version. Matching compares millions of
   * versions: most then compare as two longs, without touching their components.
   */
  private final long simpleKey;

  private Version(String text, Component[] tokens) {
    this.text = text;
    this.tokens = tokens;
    this.components = trimTrailingZeros(tokens);
    this.hash = Arrays.hashCode(this.components);
    this.simpleKey = simpleKey(this.components);
  }

  private static long simpleKey(Component[] components) {
    if (components.length > 4) {
      return -1;
    }
    long key = 0;
    for (int i = 0; i < 4; i++) {
      long v = 0;
      if (i < components.length) {
        Component c = components[i];
        if (c.kind == Kind.NUMBER && c.value.length() <= 4) {
          v = Long.parseLong(c.value);
        } else if (c.kind != Kind.ZERO) {
          return -1;
        }
      }
      key = (key << 16) | v;
    }
    return key;
  }

  /**
   * Reads a version. Never fails: text with no digits or letters reads as version {@code 0}.
   *
   * @param text the version as published or observed
   */
  public static Version parse(String text) {
    Objects.requireNonNull(text, "text");
    return new Version(text.strip(), VersionTokenizer.tokenize(text));
  }

  /** Reads a version when the text holds at least one digit or letter. */
  public static Optional<Version> tryParse(String text) {
    if (text == null || text.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return Optional.empty();
    }
    return Optional.of(parse(text));
  }

  /** The version as it was written. */
  public String text() {
    return text;
  }

  /** True when the version holds a wildcard token ({@code x}, {@code *}), e.g. {@code 5.x}. */
  public boolean hasWildcard() {
    for (Component c : tokens) {
      if (c.kind == Kind.WILDCARD) {
        return true;
      }
    }
    return false;
  }

  /**
   * The version cut before its first wildcard, e.g. {@code 12.2} for {@code 12.2.x.x} (written in
   * canonical form); itself when it has none.
   */
  public Version withoutWildcard() {
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].kind == Kind.WILDCARD) {
        Version cut = new Version("", Arrays.copyOf(tokens, i));
        return new Version(cut.canonical(), cut.tokens);
      }
    }
    return this;
  }

  /**
   * The bound just above every build of this version, for inclusive upper bounds: "4.2.1 and prior"
   * covers {@code 4.2.1-b17}, {@code 4.2.1 SP2} and {@code 4.2.1a} but not {@code 4.2.1.1} or
   * {@code 4.2.2}. A version ending in a revision letter ({@code N}, {@code B.06} is not) covers
   * its whole family ({@code <=N} holds {@code N.01}), and a wildcard ({@code 12.2.x}) covers
   * everything below it.
   */
  public Version prefixCeiling() {
    Version base = withoutWildcard();
    int n = base.tokens.length;
    boolean family = n < tokens.length || (n > 0 && base.tokens[n - 1].kind == Kind.LETTERS);
    Component[] out = Arrays.copyOf(base.tokens, n + 1);
    out[n] = family ? Component.WILDCARD : Component.CEILING;
    return new Version(text, out);
  }

  /** True when every token of {@code prefix} starts this version (after zero padding). */
  public boolean startsWith(Version prefix) {
    for (int i = 0; i < prefix.components.length; i++) {
      Component mine = i < components.length ? components[i] : Component.ZERO;
      if (mine.compareTo(prefix.components[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(Version other) {
    if (simpleKey >= 0 && other.simpleKey >= 0) {
      return Long.compare(simpleKey, other.simpleKey);
    }
    int n = Math.max(components.length, other.components.length);
    for (int i = 0; i < n; i++) {
      Component a = i < components.length ? components[i] : Component.ZERO;
      Component b = i < other.components.length ? other.components[i] : Component.ZERO;
      int c = a.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Version)) {
      return false;
    }
    Version v = (Version) o;
    if (simpleKey >= 0 || v.simpleKey >= 0) {
      // A simple version equals only a simple one with the same numbers.
      return simpleKey == v.simpleKey;
    }
    return hash == v.hash && Arrays.equals(components, v.components);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The canonical token form, e.g. {@code 2.1.3.sp.2}: equal versions have equal forms. */
  public String canonical() {
    List<String> parts = new ArrayList<>(components.length);
    for (Component c : components) {
      parts.add(c.toString());
    }
    return parts.isEmpty() ? "0" : String.join(".", parts);
  }

  @Override
  public String toString() {
    return text;
  }

  private static Component[] trimTrailingZeros(Component[] in) {
    int end = in.length;
    while (end > 0 && in[end - 1].kind == Kind.ZERO) {
      end--;
    }
    return end == 0 ? NO_COMPONENTS : end == in.length ? in : Arrays.copyOf(in, end);
  }

  /** Token kinds in rank order at one position. */
  enum Kind {
    PRE,
    ZERO,
    POST,
    LETTERS,
    CEILING,
    NUMBER,
    WILDCARD
  }

  /** One token: its kind and, within the kind, its ordering value. */
  static final class Component implements Comparable<Component> {
    static final Component ZERO = new Component(Kind.ZERO, 0, "0");
    static final Component WILDCARD = new Component(Kind.WILDCARD, 0, "*");
    static final Component CEILING = new Component(Kind.CEILING, 0, "^");

    final Kind kind;
    final int rank;
    final String value;

    Component(Kind kind, int rank, String value) {
      this.kind = kind;
      this.rank = rank;
      this.value = value;
    }

    static Component number(String digits) {
      int i = 0;
      while (i < digits.length() - 1 && digits.charAt(i) == '0') {
        i++;
      }
      String stripped = digits.substring(i);
      return stripped.equals("0") ? ZERO : new Component(Kind.NUMBER, 0, stripped);
    }

    static Component letters(String letters) {
      return new Component(Kind.LETTERS, 0, letters.toLowerCase(Locale.ROOT));
    }

    static Component word(String letters) {
      String w = letters.toLowerCase(Locale.ROOT);
      Optional<Component> keyword = Keywords.classify(w);
      return keyword.orElseGet(() -> new Component(Kind.LETTERS, 0, w));
    }

    @Override
    public int compareTo(Component o) {
      int c = kind.compareTo(o.kind);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(rank, o.rank);
      if (c != 0) {
        return c;
      }
      if (kind == Kind.NUMBER) {
        c = Integer.compare(value.length(), o.value.length());
        if (c != 0) {
          return c;
        }
      }
      return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Component && compareTo((Component) o) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, rank, value);
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
