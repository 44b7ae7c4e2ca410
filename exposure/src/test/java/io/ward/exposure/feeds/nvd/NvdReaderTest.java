package io.ward.exposure.feeds.nvd;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Fixtures;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.CvssScore;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvdReaderTest {

  private final NvdReader reader = new NvdReader();

  @Test
  void shouldTurnCpeMatchBoundsIntoVersRanges() {
    FeedResult<Advisory> result = reader.read(Fixtures.path("nvd/nvd-cves-2.0-page.json"));

    assertThat(result.problems()).isEmpty();
    assertThat(result.items())
        .extracting(Advisory::id)
        .containsExactly("CVE-2022-2121", "CVE-2017-0144");
    Advisory dcmtk = result.items().get(0);
    assertThat(dcmtk.source()).isEqualTo(AdvisorySource.NVD);
    AffectedProduct product = dcmtk.products().get(0);
    assertThat(product.vendor()).contains("offis");
    assertThat(product.productName()).contains("dcmtk");
    assertThat(product.cpes()).containsExactly("cpe:2.3:a:offis:dcmtk:*:*:*:*:*:*:*:*");
    assertThat(product.version()).isEqualTo(new VersionConstraint.Vers("vers:generic/<3.6.7"));
    Vulnerability v = dcmtk.vulnerabilities().get(0);
    assertThat(v.products(ProductStatus.KNOWN_AFFECTED)).containsExactly(product.productId());
    assertThat(v.cwes()).containsExactly("CWE-476");
    assertThat(v.cvssV3()).get().extracting(CvssScore::baseScore).isEqualTo(7.5);
    assertThat(v.description()).get().asString().startsWith("DCMTK before 3.6.7");
  }

  @Test
  void shouldListPlatformsOfAndConfigurationsWithoutMarkingThemAffected() {
    Advisory smb = reader.read(Fixtures.path("nvd/nvd-cves-2.0-page.json")).items().get(1);
    Vulnerability v = smb.vulnerabilities().get(0);

    assertThat(smb.products()).hasSize(4);
    assertThat(v.products(ProductStatus.KNOWN_AFFECTED)).hasSize(3);
    AffectedProduct platform =
        smb.products().stream()
            .filter(p -> p.productName().orElse("").equals("windows_xp"))
            .findFirst()
            .orElseThrow();
    assertThat(v.products(ProductStatus.KNOWN_AFFECTED)).doesNotContain(platform.productId());
    AffectedProduct app =
        smb.products().stream()
            .filter(p -> p.vendor().orElse("").equals("example"))
            .findFirst()
            .orElseThrow();
    assertThat(app.version()).isEqualTo(new VersionConstraint.Vers("vers:generic/>=2.0|<=2.4.1"));
    assertThat(smb.products().get(0).version()).isEqualTo(new VersionConstraint.Vers("vers:all/*"));
    assertThat(v.scores())
        .extracting(CvssScore::version)
        .containsExactly(CvssScore.Version.V3_1, CvssScore.Version.V2);
    assertThat(smb.title()).isEqualTo("Microsoft SMBv1 Remote Code Execution Vulnerability");
  }

  @Test
  void shouldReportEntriesWithoutIdAndKeepTheOthers(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("page.json");
    Files.writeString(
        file,
        """
        {"format":"NVD_CVE","vulnerabilities":[{"cve":{"descriptions":[]}},
         {"cve":{"id":"CVE-2024-0001","vulnStatus":"Rejected"}},
         {"cve":{"id":"CVE-2024-0002","configurations":[{"nodes":[{"cpeMatch":[{"vulnerable":true}]}]}]}}]}
        """);

    FeedResult<Advisory> result = reader.read(file);

    assertThat(result.items()).extracting(Advisory::id).containsExactly("CVE-2024-0002");
    assertThat(result.problems())
        .extracting(p -> p.location().orElse(""))
        .containsExactly(
            "/vulnerabilities/0/cve", "/vulnerabilities/1/cve", "/vulnerabilities/2/cve");
  }

  /** The fixture page gzip-compressed, as NVD publishes its yearly feeds. */
  private static Path gzipped(Path dir, String name, int keepBytes) throws IOException {
    byte[] plain = Files.readAllBytes(Fixtures.path("nvd/nvd-cves-2.0-page.json"));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write(plain);
    }
    byte[] all = bytes.toByteArray();
    return Files.write(
        dir.resolve(name), java.util.Arrays.copyOf(all, Math.min(all.length, keepBytes)));
  }

  @Test
  void shouldReadAGzippedFeedAsThePlainOne(@TempDir Path dir) throws IOException {
    Path gz = gzipped(dir, "nvdcve-2.0-2022.json.gz", Integer.MAX_VALUE);
    FeedResult<Advisory> plain = reader.read(Fixtures.path("nvd/nvd-cves-2.0-page.json"));

    FeedResult<Advisory> result = reader.read(gz);

    assertThat(result.problems()).isEmpty();
    assertThat(result.items())
        .extracting(Advisory::id)
        .containsExactly("CVE-2022-2121", "CVE-2017-0144");
    assertThat(result.items())
        .extracting(Advisory::products)
        .isEqualTo(plain.items().stream().map(Advisory::products).toList());
    assertThat(result.items())
        .extracting(Advisory::vulnerabilities)
        .isEqualTo(plain.items().stream().map(Advisory::vulnerabilities).toList());
    // Found by content in a feeds directory, as 'ward feeds import' and 'ward vulns' read it.
    assertThat(io.ward.exposure.feeds.FeedSniffer.sniff(gz))
        .isEqualTo(io.ward.exposure.feeds.FeedKind.NVD);
    var knowledge =
        io.ward.exposure.feeds.KnowledgeLoader.load(
            io.ward.exposure.feeds.LoadRequest.of(java.time.LocalDate.of(2025, 1, 1))
                .withFeeds(dir));
    assertThat(knowledge.problems()).isEmpty();
    assertThat(knowledge.advisories()).extracting(Advisory::id).contains("CVE-2022-2121");
  }

  @Test
  void shouldReportATruncatedGzippedFeedByName(@TempDir Path dir) throws IOException {
    Path gz = gzipped(dir, "nvdcve-2.0-2022.json.gz", 400);

    FeedResult<Advisory> result = reader.read(gz);

    assertThat(result.items()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.file()).isEqualTo(gz.toString());
            });
  }
}
