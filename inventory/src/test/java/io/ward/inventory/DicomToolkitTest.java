package io.ward.inventory;

import static io.ward.inventory.Inputs.at;
import static io.ward.inventory.Inputs.obs;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.ObservationFields;
import io.ward.model.Software;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every DICOM toolkit of the knowledge base names the software and its release as an item of the
 * device's software, never the maker, model or firmware of the device that embeds it: the NIC's OUI
 * maker stays the vendor.
 */
class DicomToolkitTest {

  static KnowledgeBase kb;

  @BeforeAll
  static void load() throws Exception {
    kb = KnowledgeBase.loadDefault();
  }

  /** A GE HealthCare NIC (IEEE OUI 444B5D GE Healthcare). */
  static final Endpoint GE_DEVICE = at("44:4b:5d:12:34:56", "10.40.1.21");

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.2.276.0.7230010.3.0.3.6.7 | OFFIS_DCMTK_367 | DCMTK | 3.6.7 | OFFIS | dicom-dcmtk-",
        "1.2.40.0.13.1.1.1 | dcm4che-1.4.35 | dcm4che | 1.4.35 | dcm4che.org | dicom-dcm4che-",
        "1.3.6.1.4.1.30071.8 | fo-dicom 4.0.8 | fo-dicom | 4.0.8 | fo-dicom | dicom-fo-dicom",
        "1.2.826.0.1.3680043.9.3811.2.0.0 | PYNETDICOM_200 | pynetdicom | 2.0.0 | pydicom project"
            + " | dicom-pynetdicom-",
        "2.16.840.1.113669.2.1.1 | MergeCOM3_310 | MergeCOM-3 | 3.1.0 | Merge Healthcare"
            + " | dicom-mergecom-"
      })
  void shouldNameTheToolkitAsSoftwareAndKeepTheOuiMakerAsVendor(
      String classUid,
      String versionName,
      String toolkit,
      String release,
      String toolkitMaker,
      String fingerprintPrefix) {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, GE_DEVICE, ObservationFields.DICOM_IMPL_CLASS_UID, classUid));
    b.observation(obs(0, GE_DEVICE, ObservationFields.DICOM_IMPL_VERSION, versionName));
    Device d = b.build().get(0);

    assertThat(d.vendor()).contains("GE HealthCare");
    assertThat(d.model()).isEmpty();
    assertThat(d.firmware()).isEmpty();
    // The class UID's entry and the version name's name one item, its release from the latter.
    assertThat(d.software()).hasSize(1);
    Software sw = d.software().get(0);
    assertThat(sw.vendor()).contains(toolkitMaker);
    assertThat(sw.product()).isEqualTo(toolkit);
    assertThat(sw.version()).contains(release);
    assertThat(sw.source()).isEqualTo(ObservationFields.DICOM_IMPL_VERSION);
    assertThat(sw.fingerprint().orElseThrow()).startsWith(fingerprintPrefix);
    assertThat(sw.confidence()).isEqualTo(0.6);
    assertThat(d.evidence())
        .filteredOn(e -> e.attribute().equals(Attributes.SOFTWARE))
        .extracting(e -> e.value())
        .contains(toolkitMaker + " " + toolkit + " " + release);
    assertThat(d.evidence())
        .filteredOn(e -> e.attribute().equals(Attributes.VENDOR))
        .noneMatch(e -> e.value().equals(toolkitMaker));
  }
}
