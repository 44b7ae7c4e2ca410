package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Software;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The software seen on a device is matched as a subject of its own: an HP workstation whose DICOM
 * associations carry DCMTK's class UID and version name is vendor HP with no model, and lists OFFIS
 * DCMTK with its release, which meets the real CISA advisory on DCMTK (ICSMA-22-174-01).
 */
class MatchSoftwareTest {

  private static final Advisory DCMTK = RealAdvisories.icsma("icsma-22-174-01");
  private static final Advisory BD = RealAdvisories.icsma("icsma-23-194-01");

  private static List<Finding> match(Device d, Advisory... advisories) {
    List<Finding> indexed =
        MatchIndex.build(List.of(advisories), VendorAliases.defaults()).match(d, List.of());
    List<Finding> reference =
        new ReferenceMatcher(List.of(advisories), VendorAliases.defaults()).match(d, List.of());
    assertThat(indexed).isEqualTo(reference);
    return indexed;
  }

  private static Software dcmtk(String version) {
    return new Software(
        Optional.of("OFFIS"),
        "DCMTK",
        Optional.ofNullable(version),
        "dicom.implementationVersionName",
        "OFFIS_DCMTK_" + (version == null ? "" : version.replace(".", "")),
        Optional.of("dicom-dcmtk-version"),
        0.6);
  }

  private static Device hpRunning(String id, Software... software) {
    return device(id, "HP", null, null, Category.WORKSTATION, Criticality.MEDIUM)
        .withSoftware(List.of(software));
  }

  @Test
  void shouldMatchAnAdvisoryOnSoftwareSeenRunningOnTheDevice() {
    List<Finding> findings = match(hpRunning("mac:hp", dcmtk("3.6.6")), DCMTK, BD);

    assertThat(findings)
        .extracting(Finding::vulnerability)
        .containsExactlyInAnyOrder("CVE-2022-2119", "CVE-2022-2120", "CVE-2022-2121");
    assertThat(findings).allMatch(f -> f.status() == FindingStatus.AFFECTED);
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.deviceId()).isEqualTo("mac:hp");
              assertThat(f.matchedBy().deviceAttribute()).isEqualTo("software:OFFIS DCMTK");
              assertThat(f.matchedBy().explanation()).contains("3.6.6");
            });
  }

  @Test
  void shouldNotFlagTheFixedReleaseAndKeepAnUnknownOneAsPossiblyAffected() {
    assertThat(match(hpRunning("a", dcmtk("3.6.7")), DCMTK)).isEmpty();
    assertThat(match(hpRunning("b", dcmtk(null)), DCMTK))
        .isNotEmpty()
        .allMatch(f -> f.status() == FindingStatus.POSSIBLY_AFFECTED);
  }

  @Test
  void shouldMatchTheDeviceAndItsSoftwareEachOnce() {
    // A BD pump whose SFT segment also lists its own firmware as software: one finding per CVE.
    Device pcu =
        device(
                "mac:pcu",
                "BD",
                "Alaris PCU Model 8015",
                "12.1.2",
                Category.INFUSION_PUMP,
                Criticality.LIFE_CRITICAL)
            .withSoftware(
                List.of(
                    new Software(
                        Optional.of("BD"),
                        "Alaris PCU Model 8015",
                        Optional.of("12.1.2"),
                        "hl7.softwareProduct",
                        "Alaris PCU Model 8015",
                        Optional.empty(),
                        0.75),
                    dcmtk("3.6.6")));
    List<Finding> findings = match(pcu, BD, DCMTK);

    assertThat(findings).hasSize(BD.vulnerabilities().size() + 3);
    assertThat(findings)
        .extracting(f -> f.matchedBy().deviceAttribute())
        .containsOnly("model", "software:OFFIS DCMTK");
  }
}
