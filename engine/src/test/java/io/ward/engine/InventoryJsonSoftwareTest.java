package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Software;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code software} list of a device in the inventory JSON (docs/inventory-schema.md). */
class InventoryJsonSoftwareTest {

  static final Software DCMTK =
      new Software(
          Optional.of("OFFIS"),
          "DCMTK",
          Optional.of("3.6.7"),
          "dicom.implementationVersionName",
          "OFFIS_DCMTK_367",
          Optional.of("dicom-dcmtk-version"),
          0.6);

  static final Software SFT =
      new Software(
          Optional.empty(),
          "AcmeLink",
          Optional.empty(),
          "hl7.softwareProduct",
          "AcmeLink",
          Optional.empty(),
          0.75);

  private static Device dellServer(List<Software> software) {
    return new Device(
        "mac:f8:bc:12:0a:0b:0c",
        Optional.empty(),
        List.of(),
        List.of(),
        Set.of(),
        Optional.of("Dell"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Category.PACS,
        Optional.empty(),
        true,
        Criticality.HIGH,
        Set.of(),
        Set.of("dicom"),
        Set.of(),
        Set.of(),
        0,
        0,
        List.of(),
        software);
  }

  private static String document(String... devices) {
    return "{\"format\": \""
        + InventoryJson.FORMAT
        + "\", \"devices\": ["
        + String.join(",", devices)
        + "]}";
  }

  private static String written(Device d) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
      InventoryJson.writeDevice(g, d);
    }
    return out.toString();
  }

  private static List<Device> read(String json) throws IOException {
    return InventoryJson.readDevices(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inventory.json");
  }

  @Test
  void shouldWriteEachItemWithItsEvidenceAndReadItBack() throws IOException {
    Device d = dellServer(List.of(DCMTK, SFT));
    String json = written(d);

    assertThat(new ObjectMapper().readTree(json).path("software").get(0).toString())
        .isEqualTo(
            "{\"vendor\":\"OFFIS\",\"product\":\"DCMTK\",\"version\":\"3.6.7\","
                + "\"source\":\"dicom.implementationVersionName\",\"observed\":\"OFFIS_DCMTK_367\","
                + "\"fingerprint\":\"dicom-dcmtk-version\",\"confidence\":0.6}");
    assertThat(read(document(json)).get(0).software()).containsExactly(DCMTK, SFT);
  }

  @Test
  void shouldReadAFileWrittenBeforeSoftwareAsNone() throws IOException {
    String json = written(dellServer(List.of())).replace(",\"software\":[]", "");
    assertThat(json).doesNotContain("software");
    assertThat(read(document(json)).get(0).software()).isEmpty();
  }

  @Test
  void shouldRefuseAnItemWithoutProductNamingWhere() throws IOException {
    String json = written(dellServer(List.of(DCMTK))).replace("\"product\":\"DCMTK\",", "");
    assertThatThrownBy(() -> read(document(json)))
        .isInstanceOf(InventoryFormatException.class)
        .hasMessageContaining("inventory.json: $.devices[0].software[0].product: missing");
  }
}
