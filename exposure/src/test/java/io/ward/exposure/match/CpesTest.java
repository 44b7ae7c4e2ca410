package io.ward.exposure.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.cpe.CpeName;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-split CPE path gives cpe-parser's answers. */
class CpesTest {

  @Provide
  Arbitrary<String> cpes() {
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("aZ09._-~+*?\\:! ").ofMinLength(0).ofMaxLength(6),
            Arbitraries.of("*", "-", "openssl", "linux_kernel", "1.0.2a", "4.14-rc1", "OpenSSL"));
    return Arbitraries.oneOf(
        field.list().ofMinSize(9).ofMaxSize(12).map(l -> "cpe:2.3:a:" + String.join(":", l)),
        field.list().ofMinSize(11).ofMaxSize(11).map(l -> "cpe:2.3:" + String.join(":", l)),
        Arbitraries.strings().withChars("cpe:2.3aoh/*-").ofMaxLength(30));
  }

  @Property(tries = 2000)
  void shouldAgreeWithCpeParserOnKeyAndVersion(@ForAll("cpes") String cpe) {
    Optional<CpeName> parsed = CpeName.parse(cpe);
    assertThat(Cpes.key(cpe)).isEqualTo(parsed.flatMap(CpeName::key).map(k -> "c|" + k));
    assertThat(Cpes.version(cpe)).isEqualTo(parsed.flatMap(CpeName::version));
  }

  @Test
  void shouldReadNvdCriteriaByHand() {
    String cpe = "cpe:2.3:a:OpenSSL:openssl:1.0.2a:*:*:*:*:*:*:*";
    assertThat(Cpes.key(cpe)).contains("c|openssl:openssl");
    assertThat(Cpes.version(cpe)).contains("1.0.2a");
    assertThat(Cpes.version("cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*")).isEmpty();
    assertThat(Cpes.key("cpe:2.3:a:*:openssl:1.0:*:*:*:*:*:*:*")).isEmpty();
  }

  @Test
  void shouldLeaveAWildcardThatIsNotAWholeFieldToTheParser() {
    // Found by the property above: "**" is no valid CPE value, and the hand split took it.
    for (String cpe :
        new String[] {
          "cpe:2.3:a:a:a:**:*:*:*:*:*:*:*",
          "cpe:2.3:a:openssl:openssl:1.0.*:*:*:*:*:*:*:*",
          "cpe:2.3:a:openssl:openssl:1.0:*:*:*:*:*:*:**"
        }) {
      Optional<CpeName> parsed = CpeName.parse(cpe);
      assertThat(Cpes.key(cpe)).as(cpe).isEqualTo(parsed.flatMap(CpeName::key).map(k -> "c|" + k));
      assertThat(Cpes.version(cpe)).as(cpe).isEqualTo(parsed.flatMap(CpeName::version));
    }
  }
}
