package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexFlag;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Matching inventory devices against real CISA ICSMA CSAF advisories. */
class MatchRealAdvisoriesTest {

  private static final Advisory BD = RealAdvisories.icsma("icsma-23-194-01");
  private static final Advisory PHILIPS = RealAdvisories.icsma("icsma-20-254-01");
  private static final Advisory DCMTK = RealAdvisories.icsma("icsma-22-174-01");

  private static List<Finding> match(Device d, Advisory... advisories) {
    List<Finding> indexed =
        MatchIndex.build(List.of(advisories), VendorAliases.defaults()).match(d, List.of());
    List<Finding> reference =
        new ReferenceMatcher(List.of(advisories), VendorAliases.defaults()).match(d, List.of());
    assertThat(indexed).isEqualTo(reference);
    return indexed;
  }

  @Test
  void shouldFindEveryBdAlarisCveOnAPcuWithAnAffectedFirmware() {
    Device pcu =
        device("mac:00:01", "Becton, Dickinson and Company", "Alaris PCU Model 8015", "12.1.2");
    List<Finding> findings = match(pcu, BD, PHILIPS, DCMTK);
    assertThat(findings).hasSize(BD.vulnerabilities().size());
    assertThat(findings).allMatch(f -> f.status() == FindingStatus.AFFECTED);
    Finding f = findings.get(0);
    assertThat(f.advisoryId()).isEqualToIgnoringCase("ICSMA-23-194-01");
    assertThat(f.matchedBy().productId()).contains("CSAFPID-0001");
    assertThat(f.matchedBy().rule()).isEqualTo(MatchRule.LEGACY);
    assertThat(f.matchedBy().constraint()).contains("<=12.1.3");
    assertThat(f.matchedBy().deviceAttribute()).isEqualTo("model");
    assertThat(f.matchedBy().evidence())
        .extracting(e -> e.attribute())
        .contains("vendor", "model", "firmware");
    assertThat(f.matchedBy().explanation()).contains("firmware 12.1.2 is within <=12.1.3");
  }

  @Test
  void shouldMeetGeHealthcareUnderTheVendorNameCisaGaveIt() {
    // ICSMA-20-023-01 names the vendor "General Electric (GE)"; the inventory says GE HealthCare.
    Advisory ge = RealAdvisories.icsma("icsma-20-023-01");
    List<Finding> findings = match(device("mac:00:02", "GE HealthCare", "B650", "1.2"), ge);
    assertThat(findings).isNotEmpty();
    assertThat(findings).allMatch(f -> f.advisoryId().equalsIgnoreCase("ICSMA-20-023-01"));
  }

  @Test
  void shouldNotFlagTheFixedFirmwareOrAProductOutsideTheTree() {
    assertThat(match(device("a", "BD", "Alaris PCU Model 8015", "12.3.1"), BD)).isEmpty();
    assertThat(match(device("b", "BD", "Alaris 8100 Pump Module", "12.1.2"), BD)).isEmpty();
    assertThat(match(device("c", "Philips", "Alaris PCU Model 8015", "12.1.2"), BD)).isEmpty();
    assertThat(match(device("d", "OFFIS", "DCMTK", "3.6.7"), DCMTK)).isEmpty();
  }

  @Test
  void shouldKeepAnUnknownFirmwareAsPossiblyAffectedWithTheReason() {
    List<Finding> findings = match(device("e", "BD", "Alaris PCU Model 8015", null), BD);
    assertThat(findings).isNotEmpty().allMatch(f -> f.status() == FindingStatus.POSSIBLY_AFFECTED);
    assertThat(findings.get(0).statusReason().orElseThrow()).contains("firmware version unknown");
  }

  @Test
  void shouldMatchAPhilipsMonitorThroughItsModelRangeAndRevisionLetters() {
    Device mx450 = device("f", "Philips Medical Systems", "IntelliVue MX450", "M.04");
    List<Finding> findings = match(mx450, PHILIPS, BD);
    assertThat(findings).isNotEmpty().allMatch(f -> f.status() == FindingStatus.AFFECTED);
    assertThat(findings.get(0).matchedBy().productId()).contains("CSAFPID-0006");
    assertThat(findings.get(0).matchedBy().explanation()).contains("model range");
    assertThat(match(device("g", "Philips", "IntelliVue MX450", "P.01"), PHILIPS)).isEmpty();
  }

  @Test
  void shouldMatchDcmtkBelowTheFixedVersionAndNameTheFix() {
    List<Finding> findings = match(device("h", "OFFIS e.V.", "DCMTK", "3.6.6"), DCMTK);
    assertThat(findings)
        .extracting(Finding::vulnerability)
        .containsExactlyInAnyOrder("CVE-2022-2119", "CVE-2022-2120", "CVE-2022-2121");
    assertThat(findings).allMatch(f -> f.status() == FindingStatus.AFFECTED);
  }

  /**
   * An HP workstation whose DICOM associations carry DCMTK 3.6.2's class UID and version name, as
   * inventories before per-device software made it (and as a user's knowledge-base entry with
   * {@code toolkit: true} and a model still does): vendor HP from the NIC, model DCMTK and firmware
   * 3.6.2 from the DCMTK fingerprints, which also name OFFIS, below HP. The bundled entries now
   * name DCMTK as software instead: MatchSoftwareTest.
   */
  private static Device hpRunningDcmtk(String id, boolean fingerprintNamesOffis) {
    List<io.ward.model.Evidence> evidence = new ArrayList<>();
    evidence.add(ev("vendor", "HP", "oui", "04:0e:3c HP Inc.", null, 0.5));
    if (fingerprintNamesOffis) {
      evidence.add(
          ev("vendor", "OFFIS", "dicom.implementationClassUid", UID, "dicom-dcmtk-uid", 0.1));
    }
    evidence.add(ev("model", "DCMTK", "dicom.implementationClassUid", UID, "dicom-dcmtk-uid", 0.6));
    evidence.add(
        ev(
            "firmware",
            "3.6.2",
            "dicom.implementationVersionName",
            "OFFIS_DCMTK_362",
            "dicom-dcmtk-version",
            0.6));
    Device d = device(id, "HP", "DCMTK", "3.6.2");
    return new Device(
        d.id(),
        d.mac(),
        d.ips(),
        d.hostnames(),
        d.vlans(),
        d.vendor(),
        d.model(),
        d.os(),
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
        d.firstSeenEpochNanos(),
        d.lastSeenEpochNanos(),
        evidence);
  }

  private static final String UID = "1.2.276.0.7230010.3.0.3.6.2";

  private static io.ward.model.Evidence ev(
      String attribute, String value, String source, String observed, String fp, double c) {
    return new io.ward.model.Evidence(
        attribute, value, source, observed, Optional.ofNullable(fp), c, 1L);
  }

  @Test
  void shouldMatchDcmtkOnAnotherMakersDeviceUnderTheMakerItsFingerprintNamed() {
    List<Finding> findings = match(hpRunningDcmtk("i", true), DCMTK, BD);
    assertThat(findings)
        .extracting(Finding::vulnerability)
        .containsExactlyInAnyOrder("CVE-2022-2119", "CVE-2022-2120", "CVE-2022-2121");
    assertThat(findings).allMatch(f -> f.status() == FindingStatus.AFFECTED);
    assertThat(findings.get(0).matchedBy().evidence())
        .extracting(io.ward.model.Evidence::value)
        .contains("HP", "OFFIS", "DCMTK", "3.6.2");
    // A model DCMTK that no fingerprint tied to OFFIS stays HP's, which no advisory names.
    assertThat(match(hpRunningDcmtk("j", false), DCMTK)).isEmpty();
  }

  @Test
  void shouldSuppressAVexNotAffectedProductAndShowTheJustification() {
    AffectedProduct vendorBuild =
        AffectedProduct.of(
            "CSAFPID-9001",
            "OFFIS DCMTK 3.6.6-hardened",
            Optional.of("OFFIS"),
            Optional.of("DCMTK"),
            new VersionConstraint.Exact("3.6.6-hardened"));
    List<AffectedProduct> products = new ArrayList<>(DCMTK.products());
    products.add(vendorBuild);
    List<Vulnerability> vulns = new ArrayList<>();
    for (Vulnerability v : DCMTK.vulnerabilities()) {
      vulns.add(
          new Vulnerability(
              v.cve(),
              v.ids(),
              v.cwes(),
              v.title(),
              v.description(),
              v.scores(),
              Map.of(
                  ProductStatus.KNOWN_AFFECTED,
                  v.products(ProductStatus.KNOWN_AFFECTED),
                  ProductStatus.KNOWN_NOT_AFFECTED,
                  List.of("CSAFPID-9001")),
              v.remediations(),
              List.of(
                  new VexFlag(
                      VexJustification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH,
                      List.of("CSAFPID-9001"),
                      Optional.empty())),
              v.threats(),
              v.ssvc(),
              v.references()));
    }
    Advisory vex =
        new Advisory(
            DCMTK.id(),
            DCMTK.source(),
            DCMTK.title(),
            DCMTK.publisher(),
            DCMTK.published(),
            DCMTK.updated(),
            DCMTK.url(),
            products,
            vulns,
            DCMTK.sourceFile());

    List<Finding> hardened = match(device("i", "OFFIS", "DCMTK", "3.6.6-hardened"), vex);
    assertThat(hardened).hasSize(3).allMatch(f -> f.status() == FindingStatus.NOT_AFFECTED);
    assertThat(hardened.get(0).statusReason().orElseThrow())
        .contains("vulnerable_code_not_in_execute_path");
    assertThat(match(device("j", "OFFIS", "DCMTK", "3.6.5"), vex))
        .allMatch(f -> f.status() == FindingStatus.AFFECTED);
  }
}
