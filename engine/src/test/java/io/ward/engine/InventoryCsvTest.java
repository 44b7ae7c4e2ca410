package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Software;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryCsvTest {

  @Test
  void shouldKeepListValuesThatContainSpacesApart() throws IOException {
    Device modality =
        new Device(
            "mac:00:00:5e:00:53:01",
            Optional.of(MacAddress.parse("00:00:5e:00:53:01")),
            List.of(IpAddress.parse("10.1.2.3"), IpAddress.parse("10.1.2.4")),
            List.of("ct-1", "ct-1.radiology.example"),
            Set.of(20),
            Optional.of("Siemens"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Category.IMAGING_MODALITY,
            Optional.of("CT"),
            true,
            Criticality.HIGH,
            Set.of("dicom"),
            Set.of(),
            Set.of("CT SCANNER 1", "PACS"),
            Set.of("RIS"),
            0,
            0,
            List.of(),
            List.of(
                new Software(
                    Optional.of("OFFIS"),
                    "DCMTK",
                    Optional.of("3.6.7"),
                    "dicom.implementationVersionName",
                    "OFFIS_DCMTK_367",
                    Optional.of("dicom-dcmtk-version"),
                    0.6),
                new Software(
                    Optional.empty(),
                    "syngo",
                    Optional.empty(),
                    "hl7.softwareProduct",
                    "syngo",
                    Optional.empty(),
                    0.75)));
    StringWriter out = new StringWriter();

    InventoryCsv.write(List.of(modality), out);

    String[] lines = out.toString().split("\r\n");
    List<String> header = List.of(lines[0].split(","));
    List<String> row = List.of(lines[1].split(","));
    assertThat(row).hasSameSizeAs(header);
    assertThat(row.get(header.indexOf("ae_titles"))).isEqualTo("CT SCANNER 1; PACS");
    assertThat(row.get(header.indexOf("ips"))).isEqualTo("10.1.2.3; 10.1.2.4");
    assertThat(row.get(header.indexOf("hostnames"))).isEqualTo("ct-1; ct-1.radiology.example");
    assertThat(row.get(header.indexOf("software"))).isEqualTo("OFFIS DCMTK 3.6.7; syngo");
  }
}
