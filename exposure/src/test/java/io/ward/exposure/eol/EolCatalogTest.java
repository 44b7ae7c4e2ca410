package io.ward.exposure.eol;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.MatchRule;
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
