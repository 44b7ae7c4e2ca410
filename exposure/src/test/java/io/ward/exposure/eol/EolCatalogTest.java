package io.ward.exposure.eol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.MatchRule;
import java.io.InputStream;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EolCatalogTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "Microsoft Windows XP Professional SP3; windows-xp",
        "Windows XP Embedded; windows-xp-embedded",
        "Windows Embedded Standard 7 SP1; windows-embedded-standard-7",
        "Windows 7 Professional; windows-7",
        "Windows 10 IoT Enterprise LTSC 2021; windows-10-iot-enterprise-ltsc-2021",
        "Windows 10 Enterprise LTSB 2016; windows-10-ltsb-2016",
        "Windows 10 Pro 22H2; windows-10",
        "Windows Server 2008 R2 Standard; windows-server-2008",
        "CentOS Linux release 7.9.2009; centos-7",
        "Ubuntu 18.04.6 LTS; ubuntu-18.04",
        "Linux-4.1.18-v7+; linux-4-old",
        "Linux 2.6.32; linux-2.6",
        "VxWorks 6.5; vxworks-5-6",
      })
  void shouldRecogniseThePlatform(String os, String id) {
    assertThat(EolCatalog.defaults().find(os)).map(EolCatalog.Platform::id).contains(id);
  }

  @ParameterizedTest
  @CsvSource({"Windows 11 Pro", "Ubuntu 24.04 LTS", "Linux 6.1.0", "VxWorks 7 SR0640"})
  void shouldNotFlagSupportedPlatforms(String os) {
    assertThat(EolCatalog.defaults().find(os)).isEmpty();
  }

  /**
   * Platforms added for issue 3 §4, written the way Ward's inventory shows them (simulator device
   * models, banner fingerprints, os-release / uname text). The expected date is read from the YAML
   * itself, so this checks that the OS text lands on the right entry and that the catalog carries
   * the file's date, and that the finding appears only after that date.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "Windows CE 5.0; windows-ce-5",
        "Windows CE 5.00; windows-ce-5",
        "Windows Embedded CE 6.0; windows-embedded-ce-6",
        "Windows CE 6.00 R3; windows-embedded-ce-6",
        "WinCE 6.0; windows-embedded-ce-6",
        "Windows Embedded Compact 7; windows-embedded-compact-7",
        "Windows CE 7.0; windows-embedded-compact-7",
        "Windows Embedded Compact 2013; windows-embedded-compact-2013",
        "Windows Embedded 8 Industry Pro; windows-embedded-8-industry",
        "Windows Embedded 8 Industry Enterprise; windows-embedded-8-industry",
        "Windows Embedded 8.1 Industry Pro; windows-embedded-8.1-industry",
        "Windows Embedded 8.1 Industry Enterprise with Update; windows-embedded-8.1-industry",
        "Windows 8.1 Industry Pro; windows-embedded-8.1-industry",
        "Windows Server 2016; windows-server-2016",
        "Windows Server 2016 Standard 14393; windows-server-2016",
        "Windows Server 2019; windows-server-2019",
        "Windows Server 2019 Datacenter; windows-server-2019",
        "Windows Server 2022 Standard; windows-server-2022",
        "Red Hat Enterprise Linux Server release 6.10 (Santiago); rhel-6",
        "Red Hat Enterprise Linux Server release 7.9 (Maipo); rhel-7",
        "RHEL 7.9; rhel-7",
        "Red Hat Enterprise Linux 8; rhel-8",
        "Red Hat Enterprise Linux release 8.6 (Ootpa); rhel-8",
        "SUSE Linux Enterprise Server 12 SP5; sles-12",
        "SLES 12 SP3; sles-12",
        "SUSE Linux Enterprise Server 11 SP4; sles-11",
        "SLES 11 SP3; sles-11",
        "SLES11; sles-11",
      })
  void shouldDateTheAddedPlatformsFromTheFile(String os, String id) throws Exception {
    LocalDate end = LocalDate.parse(yamlEntry(id).path("securityEnd").asText());
    EolCatalog.Platform p = EolCatalog.defaults().find(os).orElseThrow();
    assertThat(p.id()).isEqualTo(id);
    assertThat(p.securityEnd()).contains(end);
    assertThat(EolCatalog.defaults().finding(withOs(os), end)).isEmpty();
    var f = EolCatalog.defaults().finding(withOs(os), end.plusDays(1)).orElseThrow();
    assertThat(f.kind()).isEqualTo(FindingKind.END_OF_LIFE);
    assertThat(f.title()).endsWith("no security updates since " + end);
  }

  @ParameterizedTest
  @CsvSource({
    // Windows Mobile 6 reports CE 5.2, which the CE 5.0 lifecycle entry does not cover.
    "Windows CE 5.2",
    "Red Hat Enterprise Linux 9.4",
    "SUSE Linux Enterprise Server 15 SP6",
    "Windows Server 2025"
  })
  void shouldNotGiveNeighbouringVersionsTheAddedDates(String os) {
    assertThat(EolCatalog.defaults().find(os)).isEmpty();
  }

  private static JsonNode yamlEntry(String id) throws Exception {
    try (InputStream in = EolCatalog.class.getResourceAsStream("platforms.yaml")) {
      for (JsonNode p : new ObjectMapper(new YAMLFactory()).readTree(in).path("platforms")) {
        if (p.path("id").asText().equals(id)) {
          return p;
        }
      }
    }
    throw new AssertionError("no platform " + id + " in platforms.yaml");
  }

  private static io.ward.model.Device withOs(String os) {
    var d = io.ward.exposure.match.Devices.device("mac:eol", "Acme", "Monitor", null);
    return new io.ward.model.Device(
        d.id(),
        d.mac(),
        d.ips(),
        d.hostnames(),
        d.vlans(),
        d.vendor(),
        d.model(),
        java.util.Optional.of(os),
        d.firmware(),
        d.serial(),
        d.category(),
        d.modality(),
        d.medical(),
        d.criticality(),
        d.protocolsAsClient(),
        d.protocolsAsServer(),
        d.aeTitles(),
        d.hl7Applications(),
        0,
        0,
        d.evidence());
  }

  @org.junit.jupiter.api.Test
  void shouldGiveAnEndOfLifeFindingOnlyAfterTheDate() {
    var d = io.ward.exposure.match.Devices.device("mac:ws", "Dell", "OptiPlex", null);
    var win10 =
        new io.ward.model.Device(
            d.id(),
            d.mac(),
            d.ips(),
            d.hostnames(),
            d.vlans(),
            d.vendor(),
            d.model(),
            java.util.Optional.of("Windows 10 Pro"),
            d.firmware(),
            d.serial(),
            d.category(),
            d.modality(),
            d.medical(),
            d.criticality(),
            d.protocolsAsClient(),
            d.protocolsAsServer(),
            d.aeTitles(),
            d.hl7Applications(),
            0,
            0,
            d.evidence());
    assertThat(EolCatalog.defaults().finding(win10, LocalDate.of(2025, 10, 14))).isEmpty();
    var f = EolCatalog.defaults().finding(win10, LocalDate.of(2025, 10, 15)).orElseThrow();
    assertThat(f.kind()).isEqualTo(FindingKind.END_OF_LIFE);
    assertThat(f.title())
        .isEqualTo(
            "Windows 10 (Home, Pro, Enterprise, Education 22H2) is end of life: no security updates since 2025-10-14");
    assertThat(f.matchedBy().rule()).isEqualTo(MatchRule.LIFECYCLE);
    assertThat(f.matchedBy().explanation()).contains("learn.microsoft.com");
  }
}
