package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Software;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The software seen on a device is stored with it (V202612030930): one item per vendor and product,
 * the item of the analysis that saw the device later winning, items only one analysis saw kept; its
 * names are in the device's search text and its changes in the history.
 */
class StoredSoftwareTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    static final long DAY = 86_400_000_000_000L;
    static final long JAN = 1_767_225_600_000_000_000L; // 2026-01-01

    /** Each test's own device (set first in each): the store is shared by a class's tests. */
    String mac;

    static Software dcmtk(String version) {
      return new Software(
          Optional.of("OFFIS"),
          "DCMTK",
          Optional.of(version),
          "dicom.implementationVersionName",
          "OFFIS_DCMTK_" + version.replace(".", ""),
          Optional.of("dicom-dcmtk-version"),
          0.6);
    }

    static final Software ORTHANC =
        new Software(
            Optional.of("Orthanc project"),
            "Orthanc",
            Optional.empty(),
            "dicom.calledAeTitle",
            "ORTHANC",
            Optional.of("dicom-orthanc-aet"),
            0.5);

    /** A Dell server (no model: nothing names its hardware product) running DICOM software. */
    Device server(long seen, Software... software) {
      return StoredDevices.device(
              mac,
              "10.40.1.5",
              "Dell",
              null,
              null,
              Category.PACS,
              Criticality.HIGH,
              seen,
              List.of())
          .withSoftware(List.of(software));
    }

    Map<String, Object> row() {
      return store
          .jdbc()
          .sql("SELECT software, software_names, search_text FROM device WHERE device_key = ?")
          .param("mac:" + mac)
          .query()
          .singleRow();
    }

    List<String> stored() {
      return SoftwareColumn.read((String) row().get("software")).stream()
          .map(Software::label)
          .toList();
    }

    List<String> changes() {
      return store
          .jdbc()
          .sql(
              "SELECT c.old_value || '->' || c.new_value FROM device_change c"
                  + " JOIN device d ON d.id = c.device_id WHERE d.device_key = ?"
                  + " AND c.attribute = 'software' ORDER BY c.id")
          .param("mac:" + mac)
          .query(String.class)
          .list();
    }

    @Test
    void shouldStoreMergeAndSearchTheSoftwareOfADevice() throws Exception {
      mac = "f8:bc:12:0a:0b:0c";
      StoredDevices.merge(store, "1".repeat(64), List.of(server(JAN, dcmtk("3.6.6"))));
      assertThat(stored()).containsExactly("OFFIS DCMTK 3.6.6");
      assertThat(SoftwareColumn.read((String) row().get("software")))
          .containsExactly(dcmtk("3.6.6"));
      assertThat((String) row().get("software_names")).isEqualTo("OFFIS DCMTK 3.6.6");
      assertThat((String) row().get("search_text")).contains("offis dcmtk 3.6.6");

      // Ten days later: DCMTK upgraded, and Orthanc seen too.
      StoredDevices.merge(
          store, "2".repeat(64), List.of(server(JAN + 10 * DAY, dcmtk("3.6.7"), ORTHANC)));
      assertThat(stored()).containsExactly("OFFIS DCMTK 3.6.7", "Orthanc project Orthanc");
      assertThat((String) row().get("search_text")).contains("orthanc").doesNotContain("3.6.6");
      // The first sighting is no change; the upgrade is.
      assertThat(changes())
          .containsExactly("OFFIS DCMTK 3.6.6->OFFIS DCMTK 3.6.7; Orthanc project Orthanc");
    }

    /**
     * A device stored by an earlier Ward, which read a DICOM toolkit as the device itself (vendor
     * OFFIS, model DCMTK, firmware its release), loses that reading when an analysis names DCMTK as
     * software on it; a hardware model no software item names stays.
     */
    @Test
    void shouldDropAStoredModelThatALaterAnalysisNamesAsSoftware() throws Exception {
      mac = "f8:bc:12:0a:0b:0e";
      Device earlier =
          StoredDevices.device(
              mac,
              "10.40.1.6",
              "OFFIS",
              "DCMTK",
              "3.6.6",
              Category.IMAGING_MODALITY,
              Criticality.HIGH,
              JAN,
              List.of());
      StoredDevices.merge(store, "6".repeat(64), List.of(earlier));
      StoredDevices.merge(store, "7".repeat(64), List.of(server(JAN + DAY, dcmtk("3.6.7"))));
      Map<String, Object> identity =
          store
              .jdbc()
              .sql("SELECT vendor, model, firmware FROM device WHERE device_key = ?")
              .param("mac:" + mac)
              .query()
              .singleRow();
      assertThat(identity)
          .containsEntry("VENDOR", "Dell")
          .containsEntry("MODEL", "")
          .containsEntry("FIRMWARE", "");
      assertThat(stored()).containsExactly("OFFIS DCMTK 3.6.7");

      // A model the analysis does not name as software is the device's own, and stays.
      mac = "f8:bc:12:0a:0b:0f";
      StoredDevices.merge(
          store,
          "8".repeat(64),
          List.of(
              StoredDevices.device(
                  mac,
                  "10.40.1.7",
                  "Dell",
                  "PowerEdge R740",
                  "2.12.2",
                  Category.PACS,
                  Criticality.HIGH,
                  JAN,
                  List.of())));
      StoredDevices.merge(store, "9".repeat(64), List.of(server(JAN + DAY, dcmtk("3.6.7"))));
      assertThat(
              store
                  .jdbc()
                  .sql("SELECT model || ' ' || firmware FROM device WHERE device_key = ?")
                  .param("mac:" + mac)
                  .query(String.class)
                  .single())
          .isEqualTo("PowerEdge R740 2.12.2");
    }

    @Test
    void shouldKeepTheLaterSightingsReleaseWhenAnOlderCaptureComesLast() throws Exception {
      mac = "f8:bc:12:0a:0b:0d";
      StoredDevices.merge(store, "3".repeat(64), List.of(server(JAN + 10 * DAY, dcmtk("3.6.7"))));
      StoredDevices.merge(store, "4".repeat(64), List.of(server(JAN + 5 * DAY, dcmtk("3.6.5"))));
      assertThat(stored()).containsExactly("OFFIS DCMTK 3.6.7");

      // A later capture that saw no software keeps what is known.
      StoredDevices.merge(store, "5".repeat(64), List.of(server(JAN + 20 * DAY)));
      assertThat(stored()).containsExactly("OFFIS DCMTK 3.6.7");
    }
  }
}
