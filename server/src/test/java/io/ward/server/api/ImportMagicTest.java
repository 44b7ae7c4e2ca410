package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.TestData;
import io.ward.server.ingest.JobKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportMagicTest {

  @Test
  void shouldAcceptRealSbomsAndGiveBackEveryByte() throws Exception {
    for (String f :
        new String[] {
          "sbom/medical-device-casestudy/narrow.sbom.json",
          "sbom/cyclonedx-examples/vex-cisa-case2.json"
        }) {
      byte[] bytes = Files.readAllBytes(TestData.file(f));
      Optional<InputStream> in = ImportMagic.open(new ByteArrayInputStream(bytes), JobKind.SBOM);
      assertThat(in).as(f).isPresent();
      assertThat(in.get().readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void shouldTellEachKindByItsFirstBytes() throws Exception {
    byte[] bomJson = utf8("\uFEFF  \r\n{\"bomFormat\":\"CycloneDX\"}");
    byte[] xml = utf8("<?xml version=\"1.0\"?><bom/>");
    byte[] xlsx = ApiContract.mds2Workbook();
    byte[] xls = {
      (byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1, 0, 0
    };
    byte[] csv = utf8("asset_tag,manufacturer\nICU-1,GE\n");
    byte[] pcap = Files.readAllBytes(TestData.file(Fixtures.HL7));

    assertThat(ImportMagic.matches(bomJson, JobKind.SBOM)).isTrue();
    assertThat(ImportMagic.matches(xml, JobKind.SBOM)).isTrue();
    assertThat(ImportMagic.matches(csv, JobKind.SBOM)).isFalse();
    assertThat(ImportMagic.matches(utf8("   "), JobKind.SBOM)).isFalse();

    assertThat(ImportMagic.matches(xlsx, JobKind.MDS2)).isTrue();
    assertThat(ImportMagic.matches(xls, JobKind.MDS2)).isTrue();
    assertThat(ImportMagic.matches(csv, JobKind.MDS2)).isFalse();
    assertThat(ImportMagic.matches(new byte[] {0x50, 0x4b}, JobKind.MDS2)).isFalse();

    assertThat(ImportMagic.matches(csv, JobKind.CMDB)).isTrue();
    assertThat(ImportMagic.matches(pcap, JobKind.CMDB)).as("binary").isFalse();
    assertThat(ImportMagic.matches(xlsx, JobKind.CMDB)).as("a workbook is not CSV").isFalse();
    assertThat(ImportMagic.matches(new byte[0], JobKind.CMDB)).isFalse();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
