package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.MacAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TruthComparisonTest {

  private static Device device(String mac, String model, String firmware, Category category) {
    return new Device(
        "mac:" + mac,
        Optional.of(MacAddress.parse(mac)),
        List.of(),
        List.of(),
        Set.of(),
        Optional.of("BD"),
        Optional.ofNullable(model),
        Optional.empty(),
        Optional.ofNullable(firmware),
        Optional.empty(),
        category,
        Optional.empty(),
        category.medical(),
        Criticality.HIGH,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        0,
        0,
        List.of());
  }

  @Test
  void shouldAcceptModelsThatDifferOnlyInPunctuationOrByAModelNumberSuffix() {
    Device t =
        device("02:00:00:00:00:01", "i-STAT 1 with DRC-300", "JAMS 146", Category.LAB_ANALYZER);
    assertThat(
            TruthComparison.sameModel(
                t, device("02:00:00:00:00:01", "i-STAT 1", null, Category.LAB_ANALYZER)))
        .isTrue();
    Device dxh = device("02:00:00:00:00:02", "DxH 900", null, Category.LAB_ANALYZER);
    assertThat(
            TruthComparison.sameModel(
                dxh, device("02:00:00:00:00:02", "DxH900", null, Category.LAB_ANALYZER)))
        .isTrue();
  }

  @Test
  void shouldRejectAFamilyNameWithoutTheModelNumber() {
    Device t = device("02:00:00:00:00:03", "ARCHITECT ci4100", "9.45", Category.LAB_ANALYZER);
    assertThat(
            TruthComparison.sameModel(
                t, device("02:00:00:00:00:03", "ARCHITECT", null, Category.LAB_ANALYZER)))
        .isFalse();
    assertThat(
            TruthComparison.sameModel(
                t, device("02:00:00:00:00:03", null, null, Category.LAB_ANALYZER)))
        .isFalse();
  }

  @Test
  void shouldCompareFirmwareIgnoringCaseAndBlanksOnly() {
    Device t = device("02:00:00:00:00:04", "Agilia Link+", "3.0 D15", Category.INFUSION_PUMP);
    assertThat(
            TruthComparison.sameFirmware(
                t, device("02:00:00:00:00:04", null, "3.0d15", Category.INFUSION_PUMP)))
        .isTrue();
    assertThat(
            TruthComparison.sameFirmware(
                t, device("02:00:00:00:00:04", null, "3.0 D16", Category.INFUSION_PUMP)))
        .isFalse();
  }

  @Test
  void shouldCountModelAndFirmwareOverEveryMedicalDeviceOfTheTruth() {
    Device pump =
        device("02:00:00:00:00:05", "BD Alaris PCU Model 8015", "12.1.2", Category.INFUSION_PUMP);
    Device missing =
        device("02:00:00:00:00:06", "IntelliVue MX800", "N.00.11", Category.PATIENT_MONITOR);
    Device printer = device("02:00:00:00:00:07", "LaserJet M607", "1", Category.PRINTER);
    TruthComparison score =
        TruthComparison.compare(
            List.of(pump, missing, printer),
            List.of(
                device(
                    "02:00:00:00:00:05",
                    "BD Alaris PCU Model 8015",
                    "9.33",
                    Category.INFUSION_PUMP),
                printer));
    assertThat(score.medicalDevices()).isEqualTo(2);
    assertThat(score.medicalModelCorrect()).isEqualTo(1);
    assertThat(score.medicalFirmwareCorrect()).isZero();
    assertThat(score.medicalModelAccuracy()).isEqualTo(0.5);
    assertThat(score.describe()).contains("right model 1/2 (50.0%) and firmware 0/2 (0.0%)");
    assertThat(score.misses()).anyMatch(m -> m.startsWith("firmware: mac:02:00:00:00:00:05"));
  }
}
