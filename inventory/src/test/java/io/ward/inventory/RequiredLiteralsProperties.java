package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;

/**
 * The literals only ever turn away values the expression cannot match: every regular expression of
 * the bundled knowledge base, and generated ones, against values built from the knowledge base's
 * own words in mixed case, with non-ASCII letters that case folding could confuse.
 */
class RequiredLiteralsProperties {

  private static List<Pattern> patterns;
  private static List<String> words;

  @BeforeContainer
  static void load() throws Exception {
    KnowledgeBase kb =
        KnowledgeBase.load(Optional.empty(), Files.createTempDirectory("no-ieee-data"));
    patterns = new ArrayList<>();
    words = new ArrayList<>();
    for (Fingerprint f : kb.fingerprints()) {
      f.matcher().pattern().ifPresent(patterns::add);
      f.matcher()
          .pattern()
          .ifPresent(p -> words.addAll(List.of(p.pattern().split("[^A-Za-z0-9 -]+"))));
      words.addAll(f.literals().values());
    }
    // The literals themselves, so that values often hold them and the expressions often match.
    for (Pattern p : patterns) {
      RequiredLiterals.of(p).ifPresent(r -> words.addAll(r.literals()));
    }
    words.removeIf(String::isBlank);
  }

  @Property(tries = 3_000)
  void turnsAwayOnlyValuesThatCannotMatch(@ForAll("values") String value) {
    for (Pattern p : patterns) {
      Optional<RequiredLiterals> required = RequiredLiterals.of(p);
      if (required.isPresent() && p.matcher(value).find()) {
        assertThat(required.get().mayMatch(value)).as(p.pattern() + " on " + value).isTrue();
      }
    }
  }

  @Property(tries = 2_000)
  void holdsForGeneratedExpressions(
      @ForAll("expressions") String expression,
      @ForAll("values") String value,
      @ForAll boolean compiledIgnoringCase) {
    Pattern p;
    try {
      p = Pattern.compile(expression, compiledIgnoringCase ? Pattern.CASE_INSENSITIVE : 0);
    } catch (java.util.regex.PatternSyntaxException e) {
      return; // a quantifier after an inline flag, say: not an expression at all
    }
    Optional<RequiredLiterals> required = RequiredLiterals.of(p);
    if (required.isPresent() && p.matcher(value).find()) {
      assertThat(required.get().mayMatch(value)).as(expression + " on " + value).isTrue();
    }
  }

  @Test
  void readsMostOfTheKnowledgeBasesExpressions() {
    long read = patterns.stream().filter(p -> RequiredLiterals.of(p).isPresent()).count();
    System.out.printf(
        "RequiredLiterals: %d of %d expressions have literals%n", read, patterns.size());
    assertThat(read).isGreaterThan(patterns.size() / 2);
  }

  @Test
  void readsPlainHeadsAndRefusesTheRest() {
    assertThat(literals("(?i)(?:philips|intellivue)\\s")).containsExactly("philips", "intellivue");
    assertThat(literals("^Acme-(\\d+)")).containsExactly("Acme-");
    assertThat(literals("(?i)^colou?r")).containsExactly("colo");
    assertThat(literals("(ab|cd)+x")).containsExactly("ab", "cd");
    assertThat(literals("abc", Pattern.CASE_INSENSITIVE)).containsExactly("abc");
    // Lookarounds match no characters: the literal after them is in every match.
    assertThat(literals("(?i)(?<![A-Za-z0-9])Alaris(?![A-Za-z0-9])")).containsExactly("alaris");
    assertThat(literals("(?<=x)(?!y)ab")).containsExactly("ab");
    assertThat(literals("(?i)((?<![a-z])sm|(?=g)guard)")).containsExactly("sm", "guard");
    for (String refused :
        new String[] {
          "a|bc",
          "(?:ab)?c",
          "(?:ab)*",
          "(?:ab){0,1}",
          "\\bab",
          "[ab]c",
          "(?:ab|\\d)",
          "(?-i)ab",
          "(?i:ab)",
          "\\Qab\\E",
          "(?<n>ab)",
          "^(?:ab|)",
          "x?",
          ".ab",
          "(?x)a b",
          // An inline flag inside the head group reads the later alternatives differently.
          "(?:x(?i)|ABC)",
          "(?:x(?x)|a b)",
          "(?i)(?:x(?u)|kelvin)",
          // Comment mode switched on mid-pattern turns brackets into comment text.
          "abc(?x)#(\n|xyz#)\n(?-x)",
          // A control escape takes the next character, even a bracket.
          "abc\\c[|xyz]",
          "(?:abc\\c(|xyz\\c))",
          "(?iu)abc",
          // A lookaround with nothing plain after it, quantified, or unclosed.
          "(?<![a-z])\\d+",
          "(?=ab)?cd",
          "(?:(?<!x)|ab)"
        }) {
      assertThat(RequiredLiterals.of(Pattern.compile(refused))).as(refused).isEmpty();
    }
    assertThat(RequiredLiterals.of(Pattern.compile("ab", Pattern.COMMENTS))).isEmpty();
    assertThat(RequiredLiterals.of(Pattern.compile("ab", Pattern.UNICODE_CASE))).isEmpty();
    // A flag given to compile and cleared inline: the literal must not be read as exact.
    assertThat(RequiredLiterals.of(Pattern.compile("Acme(?-i)", Pattern.CASE_INSENSITIVE)))
        .isEmpty();
  }

  @Test
  void foldsOnlyAsciiCase() {
    RequiredLiterals r = RequiredLiterals.of(Pattern.compile("(?i)kelvin")).orElseThrow();
    assertThat(r.mayMatch("KELVIN 5")).isTrue();
    assertThat(Pattern.compile("(?i)kelvin").matcher("\u212Aelvin").find()).isFalse();
    RequiredLiterals exact = RequiredLiterals.of(Pattern.compile("Abc")).orElseThrow();
    assertThat(exact.mayMatch("xAbcx")).isTrue();
    assertThat(exact.mayMatch("xabcx")).isFalse();
  }

  private static List<String> literals(String regex) {
    return literals(regex, 0);
  }

  private static List<String> literals(String regex, int flags) {
    return RequiredLiterals.of(Pattern.compile(regex, flags)).orElseThrow().literals();
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> word = Arbitraries.of(words);
    Arbitrary<String> noise =
        Arbitraries.strings().withChars("aAbBkK \u212A\u0130\u0131\u00e9-_.:/1234").ofMaxLength(6);
    Arbitrary<String> piece =
        Arbitraries.oneOf(word, word.map(RequiredLiteralsProperties::mixCase), noise);
    return piece.list().ofMaxSize(4).map(l -> String.join("", l));
  }

  /** Upper and lower case alternating, letter by letter. */
  private static String mixCase(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return b.toString();
  }

  @Provide
  Arbitrary<String> expressions() {
    Arbitrary<String> atom =
        Arbitraries.of(
            "ab",
            "Ab",
            "k",
            "B",
            "-",
            " ",
            "12",
            "\\d",
            ".",
            "[ak]",
            "(?i)",
            "(?-i)",
            "(?x)",
            "#",
            "(?u)",
            "\\c[",
            "\\ca",
            "(?<![a-z])",
            "(?<=B)",
            "(?!k)",
            "(?=[ak])");
    Arbitrary<String> quantifier = Arbitraries.of("", "", "", "?", "*", "+", "{0,2}", "{2}");
    Arbitrary<String> quantified = Combinators.combine(atom, quantifier).as((a, q) -> a + q);
    Arbitrary<String> sequence =
        quantified.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
    Arbitrary<String> group =
        Combinators.combine(
                Arbitraries.of("(", "(?:"),
                sequence.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("|", l)),
                quantifier)
            .as((open, body, q) -> open + body + ")" + q);
    Arbitrary<String> head = Arbitraries.oneOf(sequence, group);
    return Combinators.combine(
            Arbitraries.of("", "(?i)"), Arbitraries.of("", "^"), head, sequence.optional())
        .as((flags, anchor, h, rest) -> flags + anchor + h + rest.orElse(""));
  }
}
