package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link MshHeaderCache#maskedHeader} must give exactly what its definition, written here, gives:
 * MSH-7 and MSH-10 masked, no key for an overlong header or one with the field separator among its
 * encoding characters. {@link Hl7MessageParser#clean} must equal its definition too.
 */
class MaskedHeaderProperties {

  @Property(tries = 3_000)
  void masksMsh7AndMsh10AsTheDefinitionDoes(@ForAll("headers") String text) {
    assertThat(MshHeaderCache.maskedHeader(text)).as(text).isEqualTo(byDefinition(text));
  }

  @Property(tries = 2_000)
  void cleanDropsControlsAndOuterBlanks(@ForAll("values") String value) {
    assertThat(Hl7MessageParser.clean(value)).as(value).isEqualTo(cleanByDefinition(value));
  }

  /**
   * The first segment with MSH-7 and MSH-10 emptied, by splitting it into fields and joining them
   * again (the implementation counts separators in one pass instead).
   */
  private static String byDefinition(String text) {
    int end = 0;
    while (end < text.length() && "\r\n\f".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    if (end < 4) {
      return text.substring(0, end);
    }
    if (end > MshHeaderCache.MAX_KEY_CHARS) {
      return null;
    }
    char sep = text.charAt(3);
    if (text.substring(4, Math.min(8, end)).indexOf(sep) >= 0) {
      return null; // HAPI numbers the fields differently: not cached
    }
    // Split at the separator from MSH-1 on (the "MSH" before it is never a boundary): part j
    // holds MSH-(j+1), part 0 being MSH-1's empty remainder after the "MSH" prefix.
    String[] parts =
        text.substring(3, end).split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
    for (int msh : new int[] {7, 10}) {
      if (msh - 1 < parts.length) {
        parts[msh - 1] = "";
      }
    }
    return text.substring(0, 3) + String.join(String.valueOf(sep), parts);
  }

  private static String cleanByDefinition(String value) {
    StringBuilder sb = new StringBuilder();
    value.chars().filter(c -> !Character.isISOControl(c)).forEach(c -> sb.append((char) c));
    return sb.toString().strip();
  }

  /** Headers of any field count, with separators also inside the first three characters. */
  @Provide
  Arbitrary<String> headers() {
    Arbitrary<String> field = Arbitraries.strings().withChars("AB1^&\\ ").ofMaxLength(4);
    Arbitrary<String> fields = field.list().ofMaxSize(14).map(f -> String.join("|", f));
    Arbitrary<String> tail = Arbitraries.strings().withChars("\r\n\f|X").ofMaxLength(6);
    Arbitrary<String> head =
        Arbitraries.of("MSH|", "MSH", "MS", "||||", "MSHH", "", "MSH|^~|&", "MSH|^~\\|");
    Arbitrary<Integer> long_ = Arbitraries.of(0, 0, 0, 1_100);
    return Combinators.combine(head, fields, tail, long_)
        .as((h, f, t, pad) -> h + f + "A".repeat(pad) + t);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings()
        .withChars("ab \t\u0001\u007F\u0085\u00A0\u2003\r\n^")
        .ofMaxLength(8);
  }
}
