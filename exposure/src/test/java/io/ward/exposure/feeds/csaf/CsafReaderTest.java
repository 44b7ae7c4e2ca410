package io.ward.exposure.feeds.csaf;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.TestData;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.ProductStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CsafReaderTest {

  private static final Path CSAF = TestData.path("advisories/cisa-csaf");

  private final CsafReader reader = new CsafReader();

  @Test
  void shouldReadEveryRealAdvisorySchemaValidWithTheCountsOfTheIndex() throws IOException {
    List<String> lines = Files.readAllLines(CSAF.resolve("INDEX.tsv"));
    assertThat(lines).hasSizeGreaterThan(80);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      FeedResult<Advisory> result = reader.read(CSAF.resolve(f[0]));
      assertThat(result.hasErrors()).as(f[0] + " " + result.problems()).isFalse();
      assertThat(result.items()).as(f[0]).hasSize(1);
      Advisory a = result.items().get(0);
      assertThat(a.id()).as(f[0]).isEqualTo(f[1]);
      assertThat(a.vulnerabilities()).as(f[0]).hasSize(Integer.parseInt(f[4]));
      long treeProducts = a.products().stream().filter(p -> p.relationship().isEmpty()).count();
      assertThat(treeProducts).as(f[0]).isEqualTo(Long.parseLong(f[5]));
      Set<String> cves = new TreeSet<>();
      a.vulnerabilities().forEach(v -> v.cve().ifPresent(cves::add));
      assertThat(cves)
          .as(f[0])
          .isEqualTo(new TreeSet<>(List.of(f.length > 6 ? f[6].split(" ") : new String[0])));
    }
  }

  @Test
  void shouldMatchTheUpstreamSha512OfEveryMedicalAdvisory() throws Exception {
    try (var files = Files.list(CSAF.resolve("medical-icsma"))) {
      List<Path> sums = files.filter(p -> p.toString().endsWith(".sha512")).toList();
      assertThat(sums).hasSizeGreaterThanOrEqualTo(79);
      for (Path sum : sums) {
        Path json = Path.of(sum.toString().replaceFirst("\\.sha512$", ""));
        String expected = Files.readString(sum).trim().split("\\s+")[0];
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(json));
        assertThat(HexFormat.of().formatHex(digest))
            .as(json.toString())
            .isEqualToIgnoringCase(expected);
      }
    }
  }

  @Test
  void shouldReadBranchesRangesAndRemediationsOfPhilipsIntelliVue() {
    Advisory a = reader.read(CSAF.resolve("medical-icsma/icsma-20-254-01.json")).items().get(0);
    assertThat(a.publisher()).contains("CISA");
    assertThat(a.products()).allSatisfy(p -> assertThat(p.vendor()).isPresent());
    assertThat(a.vulnerabilities())
        .allSatisfy(v -> assertThat(v.products(ProductStatus.KNOWN_AFFECTED)).isNotEmpty());
    assertThat(a.vulnerabilities().get(0).cvssV3()).isPresent();
  }
}
