package io.ward.inventory;

import static io.ward.inventory.Inputs.mac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.model.Category;
import io.ward.model.Criticality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowledgeBaseTest {

  static KnowledgeBase debian;
  static KnowledgeBase bundled;

  @BeforeAll
  static void load(@TempDir Path empty) throws Exception {
    debian = KnowledgeBase.loadDefault();
    bundled = KnowledgeBase.load(Optional.empty(), empty);
  }

  @Test
  void shouldHoldAtLeastSixtyMedicalFingerprintsEachWithASource() {
    long medical = bundled.fingerprints().stream().filter(Fingerprint::medical).count();
    assertThat(medical).isGreaterThanOrEqualTo(60);
    assertThat(bundled.fingerprints()).allSatisfy(f -> assertThat(f.source()).isNotBlank());
    assertThat(bundled.fingerprintCount()).isEqualTo(bundled.fingerprints().size());
  }

  @Test
  void shouldOnlyUseKnownCategoriesAndCriticalities() {
    assertThat(bundled.fingerprints())
        .allSatisfy(
            f -> {
              Optional.ofNullable(f.literals().get(Attributes.CATEGORY))
                  .ifPresent(c -> assertThat(Category.fromId(c)).as(f.id()).isPresent());
              Optional.ofNullable(f.literals().get(Attributes.CRITICALITY))
                  .ifPresent(c -> assertThat(Criticality.fromId(c)).as(f.id()).isPresent());
            });
  }

  @Test
  void shouldRateEveryCategoryAsTheBriefRequires() {
    assertThat(Arrays.stream(Category.values()))
        .allSatisfy(c -> assertThat(bundled.criticalityRule(c)).as(c.id()).isNotNull());
    assertThat(bundled.criticalityOf(Category.INFUSION_PUMP)).isEqualTo(Criticality.LIFE_CRITICAL);
    assertThat(bundled.criticalityOf(Category.VENTILATOR)).isEqualTo(Criticality.LIFE_CRITICAL);
    assertThat(bundled.criticalityOf(Category.PATIENT_MONITOR))
        .isEqualTo(Criticality.LIFE_CRITICAL);
    assertThat(bundled.criticalityOf(Category.PACS)).isEqualTo(Criticality.HIGH);
    assertThat(bundled.criticalityOf(Category.NURSE_CALL)).isEqualTo(Criticality.HIGH);
    assertThat(bundled.criticalityOf(Category.WORKSTATION)).isEqualTo(Criticality.MEDIUM);
    assertThat(bundled.criticalityOf(Category.PRINTER)).isEqualTo(Criticality.LOW);
    assertThat(bundled.criticalityOf(Category.UNKNOWN)).isEqualTo(Criticality.LOW);
  }

  @Test
  void shouldCoverEveryMedicalCategoryWithFingerprints() {
    Map<String, Long> byCategory =
        bundled.fingerprints().stream()
            .filter(f -> f.literals().containsKey(Attributes.CATEGORY))
            .collect(
                Collectors.groupingBy(
                    f -> f.literals().get(Attributes.CATEGORY), Collectors.counting()));
    for (Category c : Category.values()) {
      if (c.medical() && c != Category.OTHER_MEDICAL) {
        assertThat(byCategory.getOrDefault(c.id(), 0L)).as(c.id()).isGreaterThanOrEqualTo(3);
      }
    }
  }

  @Test
  void shouldReadDebianIeeeDataWhenInstalled() {
    assumeTrue(Files.isRegularFile(Path.of("/usr/share/ieee-data/oui.csv")));
    assertThat(debian.ouiSource()).isEqualTo("ieee-data:/usr/share/ieee-data/oui.csv");
    assertThat(debian.ouiSize()).isGreaterThan(40_000);
  }

  @Test
  void shouldFallBackToTheBundledSnapshotWhenIeeeDataIsAbsent() {
    assertThat(bundled.ouiSource()).isEqualTo("bundled");
    assertThat(bundled.ouiSize()).isGreaterThan(40_000);
  }

  /** Assignments found with grep in Debian's /usr/share/ieee-data/oui.csv (20220827). */
  @ParameterizedTest
  @CsvSource({
    "00:09:fb:12:34:56, Philips", // 0009FB Philips Patient Monitoring
    "00:09:5c:12:34:56, Philips", // 00095C Philips Medical Systems - Cardiac and Monitoring
    "44:4b:5d:12:34:56, GE HealthCare", // 444B5D GE Healthcare
    "a0:f2:17:12:34:56, GE HealthCare", // A0F217 GE Medical System(China) Co., Ltd.
    "58:42:e4:12:34:56, Baxter", // 5842E4 Baxter International Inc
    "9c:c8:ae:12:34:56, BD (Becton Dickinson)", // 9CC8AE Becton, Dickinson and Company
    "f8:c6:78:12:34:56, BD (Becton Dickinson)", // F8C678 Carefusion
    "00:d0:75:12:34:56, BD (Becton Dickinson)", // 00D075 ALARIS MEDICAL SYSTEMS, INC.
    "00:0f:14:12:34:56, Mindray", // 000F14 Mindray Co., Ltd.
    "00:a0:37:12:34:56, Mindray", // 00A037 Mindray DS USA, Inc.
    "00:30:e6:12:34:56, Dräger", // 0030E6 Draeger Medical Systems, Inc.
    "f0:e5:c3:12:34:56, Dräger", // F0E5C3 Drägerwerk AG & Co. KG aA
    "00:12:21:12:34:56, B. Braun", // 001221 B.Braun Melsungen AG
    "00:03:b1:12:34:56, ICU Medical", // 0003B1 ICU Medical, Inc.
    "00:1a:fa:12:34:56, Welch Allyn", // 001AFA Welch Allyn, Inc.
    "70:b3:d5:36:a1:23, BD (Becton Dickinson)", // MA-S 70B3D536A Becton Dickinson
    "8c:1f:64:d4:01:23, Breas Medical" // MA-S 8C1F64D40 Breas Medical AB
  })
  void shouldNameMedicalVendorsFromRealAssignments(String mac, String vendor) {
    assertThat(bundled.ouiVendor(mac(mac))).as("bundled").contains(vendor);
    if (debian.ouiSource().startsWith("ieee-data:")) {
      assertThat(debian.ouiVendor(mac(mac))).as("ieee-data").contains(vendor);
    }
  }

  @Test
  void shouldNotLookUpLocallyAdministeredMacs() {
    assertThat(bundled.ouiVendor(mac("02:09:fb:12:34:56"))).isEmpty();
  }

  @Test
  void shouldStripLegalSuffixesOfVendorsWithoutAlias() {
    assertThat(bundled.normaliseVendor("Nonin Medical Inc.")).isEqualTo("Nonin Medical");
    assertThat(bundled.normaliseVendor("Hitachi Aloka Medical, Ltd."))
        .isEqualTo("Hitachi Aloka Medical");
    assertThat(bundled.normaliseVendor("Shenzhen Mindray Animal Medical Technology Co., LTD."))
        .isEqualTo("Shenzhen Mindray Animal Medical Technology");
  }

  @ParameterizedTest
  @CsvSource({
    "GE Healthcare, GE HealthCare",
    "GE Medical Systems, GE HealthCare",
    "General Electric Company, GE HealthCare",
    "Becton Dickinson, BD (Becton Dickinson)",
    "CareFusion, BD (Becton Dickinson)",
    "BD, BD (Becton Dickinson)",
    "Philips Medical Systems, Philips",
    "Draeger Medical Systems, Dräger"
  })
  void shouldMeetVendorAliases(String raw, String canonical) {
    assertThat(bundled.normaliseVendor(raw)).isEqualTo(canonical);
  }

  @Test
  void shouldMapSopClassesToModalitiesByUidNameOrTsharkLabel() {
    assertThat(bundled.sopClass("1.2.840.10008.5.1.4.1.1.2"))
        .hasValueSatisfying(s -> assertThat(s.modality()).isEqualTo("CT"));
    assertThat(bundled.sopClass("MR Image Storage"))
        .hasValueSatisfying(s -> assertThat(s.modality()).isEqualTo("MR"));
    assertThat(bundled.sopClass("Ultrasound Image Storage (1.2.840.10008.5.1.4.1.1.6.1)"))
        .hasValueSatisfying(s -> assertThat(s.modality()).isEqualTo("US"));
    assertThat(bundled.sopClass("Verification SOP Class (1.2.840.10008.1.1)")).isEmpty();
  }
}
