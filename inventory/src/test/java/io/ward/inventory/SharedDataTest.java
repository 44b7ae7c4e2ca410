package io.ward.inventory;

import static io.ward.inventory.Inputs.mac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.model.Category;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import io.ward.model.Software;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints against values read from the public captures in shared/data, as decoded by the
 * tshark oracle (shared/data/oracle-tshark-4.0.17).
 */
class SharedDataTest {

  static KnowledgeBase kb;
  static Path oracle;

  @BeforeAll
  static void load() throws Exception {
    kb = KnowledgeBase.loadDefault();
    oracle = Inputs.testData().resolve("oracle-tshark-4.0.17");
  }

  private static List<String[]> rows(String file) throws Exception {
    Path p = oracle.resolve(file);
    assumeTrue(Files.isRegularFile(p), "shared data not found: " + p);
    return Files.readAllLines(p).stream().skip(1).map(l -> l.split("\t", -1)).toList();
  }

  @Test
  void shouldIdentifyDcmtkFromTheLoopbackAssociation() throws Exception {
    InventoryBuilder b = new InventoryBuilder(kb);
    Endpoint requestor = Endpoint.ofIp(IpAddress.parse("127.0.0.1"), 0);
    for (String[] r : rows("dicom_dcmtk_loopback.fields.tsv")) {
      if (r[3].equals("0x01")) { // A-ASSOCIATE-RQ: calling AE, implementation UID and version
        b.observation(
            new Observation(1, requestor, ObservationFields.DICOM_CALLING_AE, r[4].trim()));
        b.observation(new Observation(1, requestor, ObservationFields.DICOM_IMPL_CLASS_UID, r[9]));
        b.observation(new Observation(1, requestor, ObservationFields.DICOM_IMPL_VERSION, r[10]));
      }
    }
    Device d = b.build().get(0);
    // DCMTK is software on the host, not the host's maker, model or firmware.
    assertThat(d.vendor()).isEmpty();
    assertThat(d.model()).isEmpty();
    assertThat(d.firmware()).isEmpty();
    assertThat(d.software()).hasSize(1);
    Software dcmtk = d.software().get(0);
    assertThat(dcmtk.vendor()).contains("OFFIS");
    assertThat(dcmtk.product()).isEqualTo("DCMTK");
    assertThat(dcmtk.version()).contains("3.6.7"); // the release ICSMA-22-174-01 compares against
    assertThat(dcmtk.source()).isEqualTo(ObservationFields.DICOM_IMPL_VERSION);
    assertThat(dcmtk.fingerprint()).contains("dicom-dcmtk-version");
    assertThat(d.aeTitles()).containsExactly("MODALITY1");
  }

  @Test
  void shouldRecogniseSwitchesFromLldpSystemDescriptions() throws Exception {
    InventoryBuilder b = new InventoryBuilder(kb);
    for (String[] r : rows("lldp-cdp.tsv")) {
      if (!r[2].isEmpty() && !r[4].isEmpty()) {
        Endpoint e = Endpoint.ofMac(mac(r[2]), 0);
        b.observation(new Observation(1, e, ObservationFields.LLDP_SYSTEM_DESCR, r[4]));
        b.observation(new Observation(1, e, ObservationFields.LLDP_SYSTEM_NAME, r[3]));
      }
    }
    List<Device> devices = b.build();
    Device cisco =
        devices.stream()
            .filter(d -> d.id().equals("mac:00:19:2f:a7:b2:8d"))
            .findFirst()
            .orElseThrow();
    assertThat(cisco.vendor()).contains("Cisco");
    assertThat(cisco.os()).contains("Cisco IOS");
    assertThat(cisco.model()).contains("C3560");
    assertThat(cisco.firmware()).contains("12.2(44)SE");
    assertThat(cisco.category()).isEqualTo(Category.NETWORK_DEVICE);
    assertThat(cisco.hostnames()).containsExactly("S2.cisco.com");
    Device procurve =
        devices.stream()
            .filter(d -> d.id().equals("mac:00:13:21:57:ca:40"))
            .findFirst()
            .orElseThrow();
    assertThat(procurve.model()).contains("2600-8-PWR");
    assertThat(procurve.firmware()).contains("H.08.89");
    Device ubuntu =
        devices.stream()
            .filter(d -> d.id().equals("mac:00:23:54:c2:57:02"))
            .findFirst()
            .orElseThrow();
    assertThat(ubuntu.os()).contains("Linux (Ubuntu)");
  }

  @Test
  void shouldReadTheRaspberryPiDhcpFingerprint() throws Exception {
    InventoryBuilder b = new InventoryBuilder(kb);
    for (String[] r : rows("dhcp-fingerprints.all-pcaps.tsv")) {
      if (!r[0].equals("tcpdump/dhcp-mud.pcap") || !r[2].equals("3")) {
        continue;
      }
      Endpoint client = Endpoint.ofMac(mac(r[3].split(",")[0]), 0);
      b.observation(new Observation(1, client, ObservationFields.DHCP_HOSTNAME, r[4]));
      b.observation(new Observation(1, client, ObservationFields.DHCP_VENDOR_CLASS, r[5]));
      b.observation(new Observation(1, client, ObservationFields.DHCP_PARAM_LIST, r[6]));
      b.observation(new Observation(1, client, ObservationFields.DHCP_MUD_URL, r[7]));
    }
    Device pi = b.build().get(0);
    assertThat(pi.id()).isEqualTo("mac:b8:27:eb:b8:53:c8");
    assertThat(pi.hostnames()).containsExactly("raspberrypi");
    assertThat(pi.os()).contains("Linux");
    assertThat(pi.vendor()).hasValueSatisfying(v -> assertThat(v).startsWith("Raspberry Pi"));
    assertThat(pi.evidence())
        .anySatisfy(e -> assertThat(e.fingerprint()).contains("dhcp-dhcpcd-linux"));
    assertThat(Optional.of(pi.medical())).contains(false);
  }
}
