package io.ward.exposure.feeds.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.CmdbAsset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmdbReaderTest {

  @TempDir Path dir;

  @Test
  void shouldReadAServiceNowExportWithBomQuotesAndCrlf() throws IOException {
    Path file = dir.resolve("cmdb_ci.csv");
    Files.writeString(
        file,
        "\uFEFFasset_tag,name,manufacturer,model_id,serial_number,firmware_version,department,location,mac_address,ip_address,u_room\r\n"
            + "P1000123,icu-pump-07,\"BD\",\"Alaris 8015, PC Unit\",SN-8015-1,12.1.3,ICU,\"Bldg A, Floor 3\",00:0b:82:01:02:03,10.20.30.40,\"Room \"\"3A\"\"\"\r\n"
            + "P1000124,,Philips,IntelliVue MX450,,M.04,ED,\"Line one\r\nline two\",,10.20.30.41,\r\n",
        StandardCharsets.UTF_8);

    FeedResult<CmdbAsset> result = new CmdbReader(CmdbMapping.sample("servicenow")).read(file);

    assertThat(result.problems()).isEmpty();
    assertThat(result.items()).hasSize(2);
    CmdbAsset pump = result.items().get(0);
    assertThat(pump.assetTag()).contains("P1000123");
    assertThat(pump.hostname()).contains("icu-pump-07");
    assertThat(pump.model()).contains("Alaris 8015, PC Unit");
    assertThat(pump.softwareVersion()).contains("12.1.3");
    assertThat(pump.location()).contains("Bldg A, Floor 3");
    assertThat(pump.mac()).contains(MacAddress.parse("00:0b:82:01:02:03"));
    assertThat(pump.ip()).contains(IpAddress.parse("10.20.30.40"));
    assertThat(pump.extra()).containsEntry("u_room", "Room \"3A\"");
    assertThat(pump.line()).isEqualTo(2);
    CmdbAsset monitor = result.items().get(1);
    assertThat(monitor.location()).contains("Line one\r\nline two");
    assertThat(monitor.line()).isEqualTo(3);
    assertThat(monitor.hostname()).isEmpty();
  }

  @Test
  void shouldReadANuvoloExportAndReportBadRowsByLine() throws IOException {
    Path file = dir.resolve("nuvolo.csv");
    Files.writeString(
        file,
        "Equipment ID,Manufacturer Name,Model Number,Serial Number,Software Version,Owning Department,Room,Wired MAC,IP Address\n"
            + "EQ-1,GE Healthcare,CARESCAPE B450,SN1,2.0.1,ICU,3A,00-1B-2C-3D-4E-5F,10.0.0.5\n"
            + ",Nobody,Unknown,,,,,,\n"
            + "EQ-3,Baxter,Sigma Spectrum,SN3,8.00.01,ONC,2B,zz:zz,999.1.1.1\n"
            + "EQ-4,B. Braun,Space,\"SN4\n");

    FeedResult<CmdbAsset> result = new CmdbReader(CmdbMapping.sample("nuvolo")).read(file);

    assertThat(result.items())
        .extracting(a -> a.assetTag().orElse(""))
        .containsExactly("EQ-1", "EQ-3");
    assertThat(result.items().get(0).mac()).contains(MacAddress.parse("00:1b:2c:3d:4e:5f"));
    assertThat(result.items().get(1).mac()).isEmpty();
    assertThat(result.items().get(1).ip()).isEmpty();
    assertThat(result.problems())
        .extracting(p -> p.location().orElse("") + " " + p.severity())
        .containsExactlyInAnyOrder(
            "line 5 ERROR", "line 3 ERROR", "line 4 WARNING", "line 4 WARNING", "line 1 WARNING");
  }

  @Test
  void shouldReportAnExportWhoseHeaderMatchesNoMappedColumn() throws IOException {
    Path file = dir.resolve("other.csv");
    Files.writeString(file, "a,b,c\n1,2,3\n");

    FeedResult<CmdbAsset> result = new CmdbReader(CmdbMapping.sample("servicenow")).read(file);

    assertThat(result.items()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.location()).contains("line 1"));
  }

  @Test
  void shouldLoadAMappingFileWithAlternativesAndTabDelimiter() throws IOException {
    Path yaml = dir.resolve("mapping.yaml");
    Files.writeString(
        yaml, "name: local\ndelimiter: tab\ncolumns:\n  assetTag: [Tag, Asset]\n  ip: IP\n");
    Path file = dir.resolve("export.tsv");
    Files.writeString(file, "Asset\tIP\nA-1\t10.1.1.1\n");

    FeedResult<CmdbAsset> result = new CmdbReader(CmdbMapping.load(yaml)).read(file);

    assertThat(result.items())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.assetTag()).contains("A-1");
              assertThat(a.ip()).contains(IpAddress.parse("10.1.1.1"));
            });
  }

  @Test
  void shouldRefuseACaptureGivenAsAnExportInOneLine() throws IOException {
    Path file = dir.resolve("export.csv");
    Path pcap =
        Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"))
            .resolve("pcaps/ndpi/hl7.pcap");
    Files.copy(pcap, file);

    FeedResult<CmdbAsset> result = new CmdbReader(CmdbMapping.sample("servicenow")).read(file);

    assertThat(result.items()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.message()).startsWith("not a CSV export");
              assertThat(p.toString()).doesNotContain("\n", "\r");
            });
  }

  @Test
  void shouldShowAHeaderWithoutControlCharactersAndCutWhenLong() {
    String shown = CmdbReader.shown(java.util.List.of("a\rb", "c\u0007", "x".repeat(300)));
    assertThat(shown).startsWith("[a?b, c?, xxx").endsWith("…").hasSize(201);
  }
}
