package io.ward.exposure.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.cmdb.CmdbMapping;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AdvisorySource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeLoaderTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 8, 26);

  @Test
  void shouldLoadAllRealAdvisoriesSbomsAndVexFromTheTestData() {
    ExposureKnowledge k =
        KnowledgeLoader.load(
            LoadRequest.of(TODAY)
                .withFeeds(TestData.path("advisories"))
                .withSboms(TestData.path("sbom")));

    assertThat(k.advisories().stream().filter(a -> a.source() == AdvisorySource.CSAF)).hasSize(86);
    assertThat(k.advisories().stream().filter(a -> a.source() == AdvisorySource.CVE5)).hasSize(26);
    assertThat(k.kev()).hasSize(1404);
    assertThat(k.kevByCve()).containsKey("CVE-2019-0708");
    // bom-examples' CBOM and HBOM carry one serial number (urn:uuid:e8c355aa-…), both version 1,
    // but describe two products ('my application', the PCIe-SATA adaptor board): not copies of
    // one BOM, so both are used, with a warning naming both.
    assertThat(k.sboms()).hasSize(5);
    assertThat(k.problems())
        .filteredOn(p -> p.message().contains("urn:uuid:e8c355aa-2142-4084-a8c7-6d42c8610ba2"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).endsWith("hbom-pcie-sata-adapter.json");
              assertThat(p.message())
                  .contains("serial number is reused", "cbom-protocol-tls.json", "both are used");
            });
    // 21 from the CycloneDX VEX examples, 17 from CISA's two IT advisories (category csaf_vex).
    assertThat(k.vex()).hasSize(38);
    assertThat(k.vex().stream().filter(v -> v.source().startsWith("VA-24-"))).hasSize(17);
    assertThat(k.hasErrors()).as(k.problems().toString()).isFalse();
    // Provider-directory files, the index and the KEV schema are not knowledge: named and skipped.
    assertThat(k.problems())
        .extracting(p -> Path.of(p.file()).getFileName().toString())
        .contains("INDEX.tsv", "OT-index.txt", "known_exploited_vulnerabilities_schema.json");
  }

  @Test
  void shouldKeepEverythingValidWhenSomeFilesAreBadOrTampered(@TempDir Path dir)
      throws IOException {
    Path feeds = dir.resolve("feeds");
    Path csaf = TestData.path("advisories/cisa-csaf/medical-icsma");
    Files.createDirectories(feeds);
    for (String name : new String[] {"icsma-20-254-01.json", "icsma-18-058-02.json"}) {
      Files.copy(csaf.resolve(name), feeds.resolve(name));
      Files.copy(csaf.resolve(name + ".sha512"), feeds.resolve(name + ".sha512"));
    }
    Files.writeString(
        feeds.resolve("icsma-18-058-02.json"), " ", java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(feeds.resolve("empty.json"), "");
    Files.write(feeds.resolve("random.bin"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
    Files.copy(Fixtures.path("epss/epss_scores-sample.csv.gz"), feeds.resolve("epss.csv.gz"));
    Files.copy(Fixtures.path("nvd/nvd-cves-2.0-page.json"), feeds.resolve("nvd.json"));
    Files.copy(
        Fixtures.path("openfda/device-enforcement-sample.json"), feeds.resolve("recalls.json"));
    Files.copy(Fixtures.path("csaf/vex-infusion-pump.json"), feeds.resolve("vex.json"));
    Path mds2 = dir.resolve("mds2");
    Files.createDirectories(mds2);
    Files.writeString(mds2.resolve("not-a-workbook.xlsx"), "PK but not really");
    workbook(mds2.resolve("pump.xlsx"));
    Path cmdb = dir.resolve("cmdb.csv");
    Files.writeString(
        cmdb, "asset_tag,manufacturer,model_id,ip_address\nA1,BD,8015,10.0.0.1\n,,,\n");

    ExposureKnowledge k =
        KnowledgeLoader.load(
            LoadRequest.of(TODAY)
                .withFeeds(feeds)
                .withMds2(mds2)
                .withCmdb(cmdb, CmdbMapping.sample("servicenow")));

    assertThat(k.advisories())
        .extracting(Advisory::id)
        .containsExactlyInAnyOrder(
            "ICSMA-20-254-01", "CVE-2022-2121", "CVE-2017-0144", "EIS-VEX-2024-001");
    assertThat(k.epss()).hasSize(4);
    assertThat(k.recalls()).hasSize(2);
    assertThat(k.vex()).hasSize(4);
    assertThat(k.mds2())
        .singleElement()
        .satisfies(f -> assertThat(f.model()).isEqualTo("LVP-8015"));
    assertThat(k.cmdb()).hasSize(1);
    assertThat(k.problems())
        .filteredOn(FeedProblem::isError)
        .extracting(p -> Path.of(p.file()).getFileName().toString())
        .contains("icsma-18-058-02.json", "not-a-workbook.xlsx", "cmdb.csv", "recalls.json");
    assertThat(k.problems())
        .extracting(p -> Path.of(p.file()).getFileName().toString())
        .contains("empty.json", "random.bin");
    try (Stream<Path> files = Files.list(feeds)) {
      assertThat(files).isNotEmpty();
    }
  }

  private static void workbook(Path file) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet sheet = wb.createSheet("MDS2");
      String[][] rows = {
        {"DOC-1", "Manufacturer Name", "Example"},
        {"DOC-3", "Device Model", "LVP-8015"},
        {"TXCF-2", "Encrypted?", "No"}
      };
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          row.createCell(c).setCellValue(rows[r][c]);
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
  }

  @Test
  void shouldReadSbomFilesAndDirectoriesInOrderAndNameAMissingPath(@TempDir Path dir)
      throws IOException {
    // A file, a missing path and a directory, as 'ward vulns --sbom' gives them: the file and the
    // directory are read, the missing path is an error naming it.
    Path hbom = TestData.path("sbom/cyclonedx-examples/hbom-pcie-sata-adapter.json");
    Path missing = dir.resolve("no-such.cdx.json");
    Path folder = Files.createDirectories(dir.resolve("more"));
    Files.copy(
        TestData.path("sbom/medical-device-casestudy/narrow.sbom.json"),
        folder.resolve("narrow.sbom.json"));

    ExposureKnowledge k =
        KnowledgeLoader.load(
            LoadRequest.of(TODAY).withSboms(hbom).withSboms(missing).withSboms(folder));

    assertThat(k.sboms())
        .extracting(b -> Path.of(b.source()).getFileName().toString())
        .containsExactly("hbom-pcie-sata-adapter.json", "narrow.sbom.json");
    assertThat(k.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.file()).isEqualTo(missing.toString());
              assertThat(p.message()).isEqualTo("no such file or directory");
            });
  }
}
