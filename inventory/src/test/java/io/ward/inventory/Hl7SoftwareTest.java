package io.ward.inventory;

import static io.ward.inventory.Inputs.at;
import static io.ward.inventory.Inputs.obs;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.ObservationFields;
import io.ward.model.Software;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HL7 SFT segment names the sender's software: always an item of the device's software; the
 * device's model and firmware only when the knowledge base does not know the product as software;
 * the device's vendor only below the NIC's OUI maker.
 */
class Hl7SoftwareTest {

  static KnowledgeBase kb;

  @BeforeAll
  static void load() throws Exception {
    kb = KnowledgeBase.loadDefault();
  }

  /** A Dell server (IEEE OUI F8BC12 Dell Inc.). */
  static final Endpoint DELL_SERVER = at("f8:bc:12:0a:0b:0c", "10.40.1.5");

  /** A pump on a Murata Wi-Fi module (IEEE OUI D44DA4 Murata Manufacturing, a module maker). */
  static final Endpoint PUMP = at("d4:4d:a4:01:02:03", "10.40.7.21");

  private static Device sft(Endpoint who, String vendor, String version, String product) {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(5, who, ObservationFields.HL7_SOFTWARE_VENDOR, vendor));
    b.observation(obs(5, who, ObservationFields.HL7_SOFTWARE_VERSION, version));
    b.observation(obs(5, who, ObservationFields.HL7_SOFTWARE_PRODUCT, product));
    return b.build().get(0);
  }

  @Test
  void shouldListServerSoftwareWithoutMakingItTheServersVendorOrModel() {
    Device d = sft(DELL_SERVER, "NextGen Healthcare", "4.5.0", "Mirth Connect");

    assertThat(d.vendor()).contains("Dell");
    assertThat(d.model()).isEmpty();
    assertThat(d.firmware()).isEmpty();
    assertThat(d.category()).isEqualTo(Category.CLINICAL_SYSTEM); // the software implies it
    assertThat(d.software())
        .extracting(Software::label)
        .containsExactly("NextGen Healthcare Mirth Connect 4.5.0");
    Software mirth = d.software().get(0);
    assertThat(mirth.source()).isEqualTo(ObservationFields.HL7_SOFTWARE_PRODUCT);
    assertThat(mirth.confidence()).isEqualTo(0.75);
  }

  @Test
  void shouldKeepTheOuiMakerAboveTheSoftwareVendorOfAnUnknownProduct() {
    Device d = sft(DELL_SERVER, "Acme Clinical Software", "2.1", "AcmeLink");

    assertThat(d.vendor()).contains("Dell");
    assertThat(d.software())
        .extracting(Software::label)
        .containsExactly("Acme Clinical Software AcmeLink 2.1");
    assertThat(d.evidence())
        .anyMatch(
            e ->
                e.attribute().equals("vendor")
                    && e.value().equals("Acme Clinical Software")
                    && e.confidence() == Hl7Software.VENDOR_CONFIDENCE);
  }

  @Test
  void shouldStillNameAnEmbeddedDeviceBehindAModuleMakersNicFromItsSoftwareSegment() {
    Device d = sft(PUMP, "Becton, Dickinson and Company", "12.1.3", "BD Alaris PCU Model 8015");

    assertThat(d.vendor()).contains("BD (Becton Dickinson)");
    assertThat(d.model()).contains("BD Alaris PCU Model 8015");
    assertThat(d.firmware()).contains("12.1.3");
    assertThat(d.software()).hasSize(1);
    assertThat(d.software().get(0).vendor()).contains("BD (Becton Dickinson)");
    assertThat(d.software().get(0).version()).contains("12.1.3");
  }

  @Test
  void shouldPairEachProductWithTheVendorAndReleaseOfItsOwnSegment() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(1, DELL_SERVER, ObservationFields.HL7_SOFTWARE_VENDOR, "Infor"));
    b.observation(obs(1, DELL_SERVER, ObservationFields.HL7_SOFTWARE_VERSION, "6.2"));
    b.observation(obs(1, DELL_SERVER, ObservationFields.HL7_SOFTWARE_PRODUCT, "Cloverleaf"));
    b.observation(obs(9, DELL_SERVER, ObservationFields.HL7_SOFTWARE_VENDOR, "Orthanc project"));
    b.observation(obs(9, DELL_SERVER, ObservationFields.HL7_SOFTWARE_VERSION, "1.12.1"));
    b.observation(obs(9, DELL_SERVER, ObservationFields.HL7_SOFTWARE_PRODUCT, "Orthanc"));
    Device d = b.build().get(0);

    assertThat(d.software())
        .extracting(Software::vendor, Software::product, Software::version)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                Optional.of("Infor"), "Cloverleaf", Optional.of("6.2")),
            org.assertj.core.groups.Tuple.tuple(
                Optional.of("Orthanc project"), "Orthanc", Optional.of("1.12.1")));
    assertThat(d.model()).isEmpty();
    assertThat(d.vendor()).contains("Dell");
  }
}
