package io.ward.exposure.cpe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.exposure.match.RealAdvisories;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CpeNameTest {

  @Provide
  Arbitrary<String> cpes() {
    Arbitrary<String> value =
        Arbitraries.of("*", "-", "offis", "dcmtk", "3.6.6", "3.6.7", "wolfssl", "x64");
    return Arbitraries.of("a", "o", "h")
        .flatMap(
            part ->
                value.list().ofSize(10).map(v -> "cpe:2.3:" + part + ":" + String.join(":", v)));
  }

  @Property
  void aNameMatchesItself(@ForAll("cpes") String text) {
    CpeName c = CpeName.parse(text).orElseThrow();
    assertThat(c.matches(c)).isTrue();
  }

  @Property
  void theAnyNameMatchesEveryNameOfItsPart(@ForAll("cpes") String text) {
    CpeName c = CpeName.parse(text).orElseThrow();
    String part = text.split(":")[2];
    CpeName any = CpeName.parse("cpe:2.3:" + part + ":*:*:*:*:*:*:*:*:*:*").orElseThrow();
    assertThat(any.matches(c)).isTrue();
  }

  @Property
  void matchingIsTransitiveAndAgreesWithKeys(
      @ForAll("cpes") String a, @ForAll("cpes") String b, @ForAll("cpes") String c) {
    CpeName x = CpeName.parse(a).orElseThrow();
    CpeName y = CpeName.parse(b).orElseThrow();
    CpeName z = CpeName.parse(c).orElseThrow();
    if (x.matches(y) && y.matches(z)) {
      assertThat(x.matches(z)).isTrue();
    }
    if (x.matches(y) && x.key().isPresent() && y.key().isPresent()) {
      assertThat(x.key()).isEqualTo(y.key());
    }
  }

  @Test
  void shouldMatchVersionedNamesOnlyToTheSameVersion() {
    CpeName pattern = CpeName.parse("cpe:2.3:a:offis:dcmtk:3.6.6:*:*:*:*:*:*:*").orElseThrow();
    assertThat(
            pattern.matches(
                CpeName.parse("cpe:2.3:a:offis:dcmtk:3.6.6:*:*:*:*:*:*:*").orElseThrow()))
        .isTrue();
    assertThat(
            pattern.matches(
                CpeName.parse("cpe:2.3:a:offis:dcmtk:3.6.7:*:*:*:*:*:*:*").orElseThrow()))
        .isFalse();
    assertThat(pattern.version()).contains("3.6.6");
    assertThat(CpeName.parse("cpe:/a:offis:dcmtk:3.6.6").orElseThrow().key())
        .contains("offis:dcmtk");
    assertThat(CpeName.parse("not a cpe")).isEmpty();
  }

  @Test
  void shouldReadEveryCpeAndPurlOfTheRealMedicalDeviceSboms() throws IOException {
    int n = 0;
    for (String file : List.of("narrow.sbom.json", "extended.sbom.json")) {
      JsonNode bom =
          new ObjectMapper()
              .readTree(
                  RealAdvisories.testData()
                      .resolve("sbom/medical-device-casestudy/" + file)
                      .toFile());
      for (JsonNode c : bom.path("components")) {
        assertThat(CpeName.parse(c.path("cpe").asText())).as(c.path("cpe").asText()).isPresent();
        assertThat(Purls.parse(c.path("purl").asText())).as(c.path("purl").asText()).isPresent();
        n++;
      }
    }
    assertThat(n).isGreaterThan(100);
    assertThat(Purls.key(Purls.parse("pkg:nuget/Aspose.Words@20.1.0").orElseThrow()))
        .isEqualTo("nuget//aspose.words");
    assertThat(
            Purls.matches(
                Purls.parse("pkg:github/wolfssl/wolfssl").orElseThrow(),
                Purls.parse("pkg:github/wolfssl/wolfssl@4.8.1").orElseThrow()))
        .isTrue();
  }
}
