package io.ward.exposure.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClinicalRubricTest {

  @ParameterizedTest(name = "{0} {1} -> {2} CR:{3} IR:{4} AR:{5} {6}")
  @CsvSource({
    "INFUSION_PUMP, MEDIUM, therapy, M, H, H, high",
    "VENTILATOR, LIFE_CRITICAL, therapy, L, H, H, high",
    "PATIENT_MONITOR, HIGH, monitoring, M, H, H, high",
    "IMAGING_MODALITY, MEDIUM, diagnosis, H, H, M, medium",
    "IMAGING_MODALITY, HIGH, diagnosis, H, H, M, high",
    "LAB_ANALYZER, MEDIUM, diagnosis, H, H, M, medium",
    "PACS, MEDIUM, phi, H, H, M, medium",
    "PACS, LIFE_CRITICAL, phi, H, H, H, high",
    "NURSE_CALL, MEDIUM, workflow, L, M, H, medium",
    "MEDICATION_DISPENSING, MEDIUM, therapy, M, H, M, high",
    "WORKSTATION, MEDIUM, none, M, M, M, low",
    "PRINTER, LOW, none, M, M, M, low",
    "SERVER, HIGH, none, M, M, M, medium",
  })
  void shouldDeriveRequirementsAndWellbeingFromCategoryAndCriticality(
      Category category,
      Criticality criticality,
      String function,
      String cr,
      String ir,
      String ar,
      String wellbeing) {
    ClinicalContext c = ClinicalRubric.defaults().contextOf(category, criticality);
    assertThat(c.function()).isEqualTo(function);
    assertThat(c.confidentiality()).isEqualTo(cr);
    assertThat(c.integrity()).isEqualTo(ir);
    assertThat(c.availability()).isEqualTo(ar);
    assertThat(c.missionWellbeing()).isEqualTo(wellbeing);
    assertThat(c.reasons()).isNotEmpty();
  }
}
