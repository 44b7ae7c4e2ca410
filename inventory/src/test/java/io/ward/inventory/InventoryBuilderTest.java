package io.ward.inventory;

import static io.ward.inventory.Inputs.at;
import static io.ward.inventory.Inputs.ip;
import static io.ward.inventory.Inputs.ipOnly;
import static io.ward.inventory.Inputs.mac;
import static io.ward.inventory.Inputs.macOnly;
import static io.ward.inventory.Inputs.obs;
import static io.ward.inventory.Inputs.tcp;
import static io.ward.inventory.Inputs.udp;
import static io.ward.model.ObservationFields.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Evidence;
import io.ward.model.Flow;
import io.ward.model.Transport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryBuilderTest {

  static KnowledgeBase kb;

  @BeforeAll
  static void load(@TempDir Path noIeeeData) throws Exception {
    kb = KnowledgeBase.load(Optional.empty(), noIeeeData); // bundled OUI snapshot: stable facts
  }

  private static Device only(List<Device> devices) {
    assertThat(devices).hasSize(1);
    return devices.get(0);
  }

  private static Device byId(List<Device> devices, String id) {
    return devices.stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(id + " not in " + devices.stream().map(Device::id).toList()));
  }

  @Test
  void shouldMergeDhcpArpAndDnsIntoOneDevice() {
    String pump = "00:d0:75:aa:bb:cc"; // 00D075 ALARIS MEDICAL SYSTEMS
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, macOnly(pump), DHCP_HOSTNAME, "ICU-PUMP-12"));
    b.observation(obs(0, macOnly(pump), DHCP_REQUESTED_IP, "10.1.2.3"));
    b.observation(obs(1, macOnly(pump), DHCP_LEASED_IP, "10.1.2.3"));
    b.observation(obs(2, at(pump, "10.1.2.3"), ARP_IP, "10.1.2.3"));
    b.observation(obs(3, ipOnly("10.1.2.3"), DNS_NAME, "icu-pump-12.hosp.example"));
    b.flow(tcp(ipOnly("10.1.2.3"), ipOnly("10.9.9.9"), 443, "tls", 4));

    List<Device> devices = b.build();
    Device d = byId(devices, "mac:00:d0:75:aa:bb:cc");
    assertThat(devices)
        .extracting(Device::id)
        .containsExactly("ip:10.9.9.9", "mac:00:d0:75:aa:bb:cc");
    assertThat(d.ips()).containsExactly(ip("10.1.2.3"));
    assertThat(d.hostnames()).containsExactly("ICU-PUMP-12", "icu-pump-12.hosp.example");
    assertThat(d.vendor()).contains("BD (Becton Dickinson)");
    assertThat(d.category()).isEqualTo(Category.INFUSION_PUMP);
    assertThat(d.criticality()).isEqualTo(Criticality.LIFE_CRITICAL);
    assertThat(d.medical()).isTrue();
    assertThat(d.protocolsAsClient()).containsExactly("tls");
    assertThat(d.firstSeenEpochNanos()).isEqualTo(Inputs.T0);
  }

  @Test
  void shouldCreditEveryClientOfASharedDhcpFlowWithDhcpAtTheTimesItWasSeen() {
    String first = "00:d0:75:aa:bb:01";
    String second = "00:d0:75:aa:bb:02";
    String third = "00:d0:75:aa:bb:03";
    Flow dhcp =
        new Flow(
            at(first, "0.0.0.0"),
            68,
            at("ff:ff:ff:ff:ff:ff", "255.255.255.255"),
            67,
            Transport.UDP,
            0,
            Optional.of("dhcp"),
            false,
            5,
            1500,
            0,
            0,
            Inputs.T0,
            Inputs.T0 + 9_000_000_000L,
            List.of(
                new Flow.OtherClient(macOnly(second), Inputs.T0 + 5_000, Inputs.T0 + 6_000),
                new Flow.OtherClient(macOnly(first), Inputs.T0 + 7_000, Inputs.T0 + 7_000),
                new Flow.OtherClient(at(third, "0.0.0.0"), Inputs.T0 + 8_000, Inputs.T0 + 9_000),
                new Flow.OtherClient(macOnly(third), Inputs.T0 + 8_500, Inputs.T0 + 8_500)));
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(dhcp);

    List<Device> devices = b.build();
    assertThat(devices)
        .extracting(Device::id)
        .containsExactly("mac:" + first, "mac:" + second, "mac:" + third);
    assertThat(devices).allSatisfy(d -> assertThat(d.protocolsAsClient()).containsExactly("dhcp"));
    Device two = byId(devices, "mac:" + second);
    assertThat(two.firstSeenEpochNanos()).isEqualTo(Inputs.T0 + 5_000);
    assertThat(two.lastSeenEpochNanos()).isEqualTo(Inputs.T0 + 6_000);
    Device three = byId(devices, "mac:" + third);
    assertThat(three.firstSeenEpochNanos()).isEqualTo(Inputs.T0 + 8_000);
    assertThat(three.lastSeenEpochNanos()).isEqualTo(Inputs.T0 + 9_000);
  }

  @Test
  void shouldNameAHostByItsNetbiosNameWithoutServiceSuffixOrWorkgroup() {
    String pc = "00:d0:75:aa:bb:03";
    InventoryBuilder b = new InventoryBuilder(kb);
    for (String name : List.of("MDJR98<20>", "MDJR98<00>", "WORKGROUP<1d>")) {
      b.observation(obs(0, at(pc, "10.0.0.7"), NBNS_NAME, name));
    }
    Device d = byId(b.build(), "mac:" + pc);
    // A CMDB lists the host as MDJR98; the suffix names the service, 1D the master browser.
    assertThat(d.hostnames()).containsExactly("MDJR98");
    assertThat(d.evidence())
        .filteredOn(e -> e.attribute().equals("hostname"))
        .extracting(e -> e.observed())
        .contains("MDJR98<20>", "MDJR98<00>");
  }

  @Test
  void shouldNotGiveADeviceTheAddressItOnlyAskedFor() {
    String asker = "00:d0:75:aa:bb:01";
    String holder = "00:d0:75:aa:bb:02";
    InventoryBuilder b = new InventoryBuilder(kb);
    // The server refuses the request (a NAK carries no lease); another device uses the address.
    b.observation(obs(0, macOnly(asker), DHCP_REQUESTED_IP, "10.0.0.50"));
    b.observation(obs(1, at(holder, "10.0.0.50"), ARP_IP, "10.0.0.50"));
    b.flow(tcp(at(holder, "10.0.0.50"), ipOnly("10.9.9.9"), 443, "tls", 2));

    List<Device> devices = b.build();
    assertThat(byId(devices, "mac:" + asker).ips()).isEmpty();
    assertThat(byId(devices, "mac:" + holder).ips()).containsExactly(ip("10.0.0.50"));
  }

  @Test
  void shouldTreatAMacFrontingManyAddressesAsAGatewayAndKeepRemoteIpIdentity() {
    String router = "00:1b:54:00:00:01";
    String host = "00:1c:05:00:00:02"; // 001C05 Nonin Medical
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(router, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    for (int i = 1; i <= 10; i++) {
      b.flow(tcp(at(host, "10.0.0.50"), at(router, "172.16.5." + i), 2575, "hl7", i));
    }
    List<Device> devices = b.build();
    assertThat(devices).hasSize(12);
    Device gw = byId(devices, "mac:00:1b:54:00:00:01");
    assertThat(gw.ips()).containsExactly(ip("10.0.0.1"));
    assertThat(gw.category()).isEqualTo(Category.NETWORK_DEVICE);
    Device remote = byId(devices, "ip:172.16.5.7");
    assertThat(remote.mac()).isEmpty();
    assertThat(remote.protocolsAsServer()).containsExactly("hl7");
    Device local = byId(devices, "mac:00:1c:05:00:00:02");
    assertThat(local.protocolsAsClient()).containsExactly("hl7");
  }

  @Test
  void shouldTreatARouterToTheInternetAsAGatewayHoweverFewItsRemoteAddresses() {
    String router = "00:1b:54:00:00:01"; // Cisco
    String host = "00:1c:05:00:00:02";
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(router, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    for (int i = 1; i <= 5; i++) {
      b.flow(tcp(at(host, "10.0.0.50"), at(router, "93.184.216." + i), 80, "http", i));
    }
    b.observation(obs(6, at(router, "93.184.216.3"), HTTP_SERVER, "Microsoft-IIS/10.0"));

    List<Device> devices = b.build();
    Device gw = byId(devices, "mac:" + router);
    assertThat(gw.ips()).containsExactly(ip("10.0.0.1"));
    assertThat(gw.os()).isEmpty();
    // Public and only behind the router: an external endpoint, or a device once declared internal.
    assertThat(b.inventory(1, List.of()).external())
        .anySatisfy(
            e -> {
              assertThat(e.ip()).isEqualTo(ip("93.184.216.3"));
              assertThat(e.protocols()).containsExactly("http");
            });
    List<Device> declared =
        b.inventory(1, List.of(io.ward.model.IpNetwork.parse("93.184.216.0/24"))).devices();
    assertThat(byId(declared, "ip:93.184.216.3").protocolsAsServer()).containsExactly("http");
  }

  @Test
  void shouldKeepAMacWithFewAddressesAsOneDevice() {
    InventoryBuilder b = new InventoryBuilder(kb);
    for (int i = 1; i <= 8; i++) {
      b.flow(tcp(at("00:11:22:33:44:01", "10.0.0." + i), ipOnly("10.0.1.1"), 80, null, i));
    }
    Device d = byId(b.build(), "mac:00:11:22:33:44:01");
    assertThat(d.ips()).hasSize(8);
    assertThat(d.protocolsAsClient()).containsExactly("http");
  }

  @Test
  void shouldIdentifyDevicesByIpWhenNoLayerTwoIsVisibleAndNeverByGroupAddresses() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(ipOnly("192.168.1.10"), ipOnly("192.168.1.20"), 3389, null, 0));
    b.flow(udp(ipOnly("192.168.1.10"), ipOnly("224.0.0.251"), 5353, 1));
    b.flow(udp(ipOnly("192.168.1.10"), ipOnly("255.255.255.255"), 67, 2));
    b.flow(udp(ipOnly("192.168.1.10"), ipOnly("192.168.1.255"), 137, 3));
    b.observation(
        obs(
            4,
            new Endpoint(Optional.of(mac("01:00:5e:00:00:fb")), Optional.of(ip("224.0.0.251")), 0),
            MDNS_NAME,
            "x.local"));
    List<Device> devices = b.build();
    assertThat(devices)
        .extracting(Device::id)
        .containsExactly("ip:192.168.1.10", "ip:192.168.1.20");
    assertThat(devices.get(0).protocolsAsClient())
        .containsExactlyInAnyOrder("rdp", "mdns", "dhcp", "netbios-ns");
    assertThat(devices.get(1).protocolsAsServer()).containsExactly("rdp");
    assertThat(devices.get(1).category()).isEqualTo(Category.WORKSTATION);
  }

  @Test
  void shouldKeepConflictingVendorEvidenceAndLetTheMostConfidentWin() {
    String dev = "00:1b:77:11:22:33"; // 001B77 Intel Corporate: a module maker
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(dev, "10.2.0.9"), POCT_VENDOR, "Abbott Point of Care"));
    b.observation(obs(0, at(dev, "10.2.0.9"), POCT_MODEL, "i-STAT 1"));
    b.observation(obs(0, at(dev, "10.2.0.9"), POCT_SOFTWARE, "JAMS 146"));
    b.observation(obs(0, at(dev, "10.2.0.9"), POCT_SERIAL, "SN-1234"));
    Device d = only(b.build());
    assertThat(d.vendor()).contains("Abbott");
    assertThat(d.model()).contains("i-STAT 1");
    assertThat(d.firmware()).contains("JAMS 146");
    assertThat(d.serial()).contains("SN-1234");
    assertThat(d.category()).isEqualTo(Category.LAB_ANALYZER);
    assertThat(d.criticality()).isEqualTo(Criticality.HIGH);
    List<Evidence> vendors =
        d.evidence().stream().filter(e -> e.attribute().equals("vendor")).toList();
    assertThat(vendors).extracting(Evidence::value).contains("Abbott", "Intel");
    Evidence oui = vendors.stream().filter(e -> e.source().equals("oui")).findFirst().orElseThrow();
    assertThat(oui.fingerprint()).contains("module-intel");
    assertThat(oui.confidence()).isLessThan(0.2);
    assertThat(oui.observed()).isEqualTo("00:1b:77 Intel Corporate");
  }

  @Test
  void shouldPreferTheMoreOftenSeenValueWhenConfidenceTies() {
    InventoryBuilder b = new InventoryBuilder(kb);
    Endpoint e = at("00:11:22:33:44:55", "10.0.0.7");
    b.observation(obs(0, e, SMB_NATIVE_OS, "Windows 5.0"));
    b.observation(obs(1, e, SMB_NATIVE_OS, "Windows 10 Pro"));
    b.observation(obs(2, e, SMB_NATIVE_OS, "Windows 10 Pro"));
    assertThat(only(b.build()).os()).contains("Windows 10 Pro");
  }

  @Test
  void shouldJoinAnIpOnlyDeviceToTheMacDeviceWithTheSameHostName() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at("00:0f:14:01:02:03", "10.3.0.4"), DHCP_HOSTNAME, "ICU-MON-07"));
    b.observation(obs(1, ipOnly("10.3.0.44"), NBNS_NAME, "ICU-MON-07"));
    b.flow(tcp(ipOnly("10.3.0.44"), ipOnly("10.3.0.1"), 2575, "hl7", 2));
    List<Device> devices = b.build();
    Device d = byId(devices, "mac:00:0f:14:01:02:03");
    assertThat(d.ips()).containsExactly(ip("10.3.0.4"), ip("10.3.0.44"));
    assertThat(devices).extracting(Device::id).doesNotContain("ip:10.3.0.44");
  }

  @Test
  void shouldNotCreateADeviceFromADnsAnswerAlone() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, ipOnly("142.250.1.1"), DNS_NAME, "www.example.com"));
    assertThat(b.build()).isEmpty();
  }

  @Test
  void shouldClassifyADicomClientStoringCtImagesAsACtModality() {
    InventoryBuilder b = new InventoryBuilder(kb);
    Endpoint ct = at("00:11:22:00:00:01", "10.5.0.10");
    Endpoint pacs = at("00:11:22:00:00:02", "10.5.0.20");
    Endpoint ws = at("00:11:22:00:00:03", "10.5.0.30");
    b.flow(tcp(ct, pacs, 104, "dicom", 0));
    b.flow(tcp(ws, pacs, 104, "dicom", 1));
    b.observation(obs(0, ct, DICOM_CALLING_AE, "CT01"));
    b.observation(obs(0, pacs, DICOM_CALLED_AE, "PACS_ARCH"));
    b.observation(obs(0, ct, DICOM_IMPL_CLASS_UID, "1.2.840.113619.6.374"));
    b.observation(obs(0, ct, DICOM_ABSTRACT_SYNTAX, "CT Image Storage"));
    b.observation(obs(0, ct, DICOM_COMMAND, "C-STORE-RQ"));
    b.observation(
        obs(1, ws, DICOM_ABSTRACT_SYNTAX, "Study Root Query/Retrieve Information Model - FIND"));
    b.observation(obs(1, ws, DICOM_COMMAND, "C-FIND-RQ"));
    List<Device> devices = b.build();
    Device modality = byId(devices, "mac:00:11:22:00:00:01");
    assertThat(modality.category()).isEqualTo(Category.IMAGING_MODALITY);
    assertThat(modality.modality()).contains("CT");
    assertThat(modality.vendor()).contains("GE HealthCare");
    assertThat(modality.aeTitles()).containsExactly("CT01");
    assertThat(modality.medical()).isTrue();
    Device archive = byId(devices, "mac:00:11:22:00:00:02");
    assertThat(archive.category()).isEqualTo(Category.PACS);
    assertThat(archive.protocolsAsServer()).containsExactly("dicom");
    assertThat(byId(devices, "mac:00:11:22:00:00:03").category()).isEqualTo(Category.WORKSTATION);
  }

  @Test
  void shouldKeepAViewerThatReceivesItsOwnCMoveAsAWorkstationNotAPacs() {
    InventoryBuilder b = new InventoryBuilder(kb);
    Endpoint pacs = at("00:11:22:00:00:12", "10.5.0.20");
    Endpoint viewer = at("00:11:22:00:00:13", "10.5.0.30");
    Endpoint ct = at("00:11:22:00:00:14", "10.5.0.40");
    b.flow(tcp(viewer, pacs, 104, "dicom", 0));
    b.flow(tcp(ct, pacs, 104, "dicom", 0));
    // The PACS connects back to the viewer's Storage SCP to deliver what C-MOVE asked for.
    b.flow(tcp(pacs, viewer, 11112, "dicom", 1));
    b.observation(obs(0, viewer, DICOM_COMMAND, "C-FIND-RQ"));
    b.observation(obs(0, viewer, DICOM_COMMAND, "C-MOVE-RQ"));
    b.observation(obs(1, pacs, DICOM_COMMAND, "C-STORE-RQ"));
    b.observation(obs(0, ct, DICOM_COMMAND, "C-STORE-RQ"));
    b.observation(obs(0, ct, DICOM_ABSTRACT_SYNTAX, "CT Image Storage"));
    List<Device> devices = b.build();
    assertThat(byId(devices, "mac:00:11:22:00:00:13").category()).isEqualTo(Category.WORKSTATION);
    assertThat(byId(devices, "mac:00:11:22:00:00:12").category()).isEqualTo(Category.PACS);
  }

  @Test
  void shouldPairHl7ApplicationsWithTheirFacilityAndSpotADeviceGateway() {
    InventoryBuilder b = new InventoryBuilder(kb);
    Endpoint gw = at("00:11:22:00:01:01", "10.6.0.10");
    Endpoint emr = at("00:11:22:00:01:02", "10.6.0.20");
    b.flow(tcp(gw, emr, 2575, "hl7", 0));
    for (int i = 0; i < 3; i++) {
      b.observation(obs(i, gw, HL7_SENDING_APP, "CARESCAPE Gateway"));
      b.observation(obs(i, gw, HL7_SENDING_FACILITY, "ICU"));
      b.observation(obs(i, gw, HL7_MESSAGE_TYPE, "ORU^R01"));
      b.observation(obs(i, gw, HL7_DEVICE_ID, "BED" + i));
      b.observation(obs(i, emr, HL7_RECEIVING_APP, "EPIC"));
      b.observation(obs(i, emr, HL7_RECEIVING_FACILITY, "MAIN"));
    }
    b.observation(obs(9, gw, HL7_SENDING_FACILITY, "NICU")); // another message, no app seen
    List<Device> devices = b.build();
    Device g = byId(devices, "mac:00:11:22:00:01:01");
    assertThat(g.hl7Applications()).containsExactly("CARESCAPE Gateway^ICU");
    assertThat(g.vendor()).contains("GE HealthCare");
    assertThat(g.category()).isEqualTo(Category.PATIENT_MONITOR);
    assertThat(g.criticality()).isEqualTo(Criticality.HIGH); // central station, not bedside
    Device e = byId(devices, "mac:00:11:22:00:01:02");
    assertThat(e.hl7Applications()).containsExactly("EPIC^MAIN");
    assertThat(e.category()).isEqualTo(Category.CLINICAL_SYSTEM);
    assertThat(e.medical()).isFalse();
  }

  @Test
  void shouldFlagAnUnnamedHl7DeviceGatewayAsMedical() {
    InventoryBuilder b = new InventoryBuilder(kb);
    Endpoint gw = at("00:11:22:00:02:01", "10.6.1.10");
    b.observation(obs(0, gw, HL7_SENDING_APP, "GW1"));
    b.observation(obs(0, gw, HL7_MESSAGE_TYPE, "ORU^R01^ORU_R01"));
    for (int bed = 1; bed <= 3; bed++) {
      b.observation(obs(bed, gw, HL7_DEVICE_ID, "0080F4FFFF00000" + bed + "^^EUI-64"));
    }
    Device d = only(b.build());
    assertThat(d.category()).isEqualTo(Category.CLINICAL_SYSTEM);
    assertThat(d.medical()).isTrue();
  }

  @Test
  void shouldTreatAnHl7SenderOfItsOwnDeviceIdAsAMedicalDeviceNotAGateway() {
    InventoryBuilder b = new InventoryBuilder(kb);
    Endpoint bedside = at("00:11:22:00:02:02", "10.6.1.11");
    for (int i = 0; i < 5; i++) {
      b.observation(obs(i, bedside, HL7_MESSAGE_TYPE, "ORU^R01^ORU_R01"));
      b.observation(obs(i, bedside, HL7_DEVICE_ID, "0080F4FFFF000009^^EUI-64"));
    }
    Device d = only(b.build());
    assertThat(d.category()).isEqualTo(Category.OTHER_MEDICAL);
    assertThat(d.medical()).isTrue();
    assertThat(d.evidence())
        .anyMatch(e -> e.source().equals("behaviour:hl7-device-data"))
        .noneMatch(e -> e.source().equals("behaviour:hl7-device-gateway"));
  }

  @Test
  void shouldCollectVlansAndAllowBuildingAgainAfterMoreInput() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(
        obs(
            0,
            io.ward.model.Endpoint.of(mac("00:11:22:33:44:99"), ip("10.7.0.1"), 20),
            DHCP_HOSTNAME,
            "PRN-1"));
    List<Device> first = b.build();
    assertThat(only(first).vlans()).containsExactly(20);
    b.flow(tcp(ipOnly("10.7.0.2"), at("00:11:22:33:44:99", "10.7.0.1"), 9100, null, 5));
    List<Device> second = b.build();
    assertThat(second).hasSize(2);
    Device printer = byId(second, "mac:00:11:22:33:44:99");
    assertThat(printer.category()).isEqualTo(Category.PRINTER);
    assertThat(printer.criticality()).isEqualTo(Criticality.LOW);
    assertThat(only(first).category()).isEqualTo(Category.UNKNOWN); // earlier result unchanged
  }

  @Test
  void shouldRecordEvidenceForEveryAttributeItSets() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(
        obs(
            0,
            at("00:30:e6:00:00:01", "10.8.0.1"),
            SNMP_SYS_DESCR,
            "Draeger Infinity Delta VxWorks"));
    Device d = only(b.build());
    assertThat(d.vendor()).contains("Dräger");
    assertThat(d.os()).contains("VxWorks");
    assertThat(d.category()).isEqualTo(Category.PATIENT_MONITOR);
    assertThat(d.evidence())
        .anySatisfy(
            e -> {
              assertThat(e.attribute()).isEqualTo("category");
              assertThat(e.fingerprint()).contains("draeger-infinity");
              assertThat(e.source()).isEqualTo(SNMP_SYS_DESCR);
              assertThat(e.observed()).isEqualTo("Draeger Infinity Delta VxWorks");
            });
    assertThat(d.evidence())
        .anySatisfy(e -> assertThat(e.fingerprint()).contains("banner-vxworks"));
    assertThat(d.evidence()).anySatisfy(e -> assertThat(e.attribute()).isEqualTo("criticality"));
  }

  @Test
  void shouldTakeModelFirmwareAndVendorFromTheHl7SoftwareSegment() {
    String pump = "00:d0:75:11:22:33"; // 00D075 ALARIS MEDICAL SYSTEMS
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(pump, "10.40.1.7"), HL7_SENDING_APP, "ALARIS_PC^00D075FFFE112233"));
    b.observation(
        obs(0, at(pump, "10.40.1.7"), HL7_SOFTWARE_VENDOR, "Becton, Dickinson and Company"));
    b.observation(obs(0, at(pump, "10.40.1.7"), HL7_SOFTWARE_VERSION, "12.1.2"));
    b.observation(obs(0, at(pump, "10.40.1.7"), HL7_SOFTWARE_PRODUCT, "BD Alaris PCU Model 8015"));

    Device d = only(b.build());
    assertThat(d.vendor()).contains("BD (Becton Dickinson)");
    assertThat(d.model()).contains("BD Alaris PCU Model 8015");
    assertThat(d.firmware()).contains("12.1.2");
    assertThat(d.category()).isEqualTo(Category.INFUSION_PUMP);
    assertThat(d.evidence())
        .anyMatch(e -> e.attribute().equals("firmware") && e.source().equals(HL7_SOFTWARE_VERSION));
  }

  @Test
  void shouldReadModelAndFirmwareFromAnEmbeddedDevicesUserAgentButNotFromABrowser() {
    String phone = "00:04:f2:aa:00:01"; // 0004F2 Polycom
    String pc = "00:1a:a0:aa:00:02";
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(
        obs(
            0,
            at(phone, "10.60.1.5"),
            HTTP_USER_AGENT,
            "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018"));
    b.observation(
        obs(
            0,
            at(pc, "10.10.1.9"),
            HTTP_USER_AGENT,
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/122.0.0.0 Safari/537.36"));

    List<Device> devices = b.build();
    Device p = byId(devices, "mac:" + phone);
    assertThat(p.model()).contains("VVX 450");
    assertThat(p.firmware()).contains("6.4.3.5018");
    assertThat(p.category()).isEqualTo(Category.VOIP_PHONE);
    Device w = byId(devices, "mac:" + pc);
    assertThat(w.model()).isEmpty();
    assertThat(w.firmware()).isEmpty();
    assertThat(w.os()).contains("Windows");
  }

  @Test
  void shouldReadBothAstmSenderLayouts() {
    String architect = "02:00:00:00:0a:01";
    String vision = "02:00:00:00:0a:02";
    InventoryBuilder b = new InventoryBuilder(kb);
    // Abbott ARCHITECT: name ^ version ^ serial ^ record types
    b.observation(obs(0, macOnly(architect), ASTM_SENDER, "ARCHITECT"));
    b.observation(obs(0, macOnly(architect), ASTM_MODEL, "9.45"));
    b.observation(obs(0, macOnly(architect), ASTM_SOFTWARE, "ISR04512"));
    b.observation(obs(0, macOnly(architect), ASTM_SERIAL, "H1P1O1R1C1Q1L1"));
    // Ortho VISION: manufacturer ^ product ^ version ^ serial
    b.observation(obs(0, macOnly(vision), ASTM_SENDER, "OCD"));
    b.observation(obs(0, macOnly(vision), ASTM_MODEL, "VISION"));
    b.observation(obs(0, macOnly(vision), ASTM_SOFTWARE, "5.13.1.46935"));
    b.observation(obs(0, macOnly(vision), ASTM_SERIAL, "J60009999"));

    List<Device> devices = b.build();
    Device a = byId(devices, "mac:" + architect);
    assertThat(a.model()).contains("ARCHITECT");
    assertThat(a.firmware()).contains("9.45");
    assertThat(a.serial()).contains("ISR04512");
    Device v = byId(devices, "mac:" + vision);
    assertThat(v.model()).contains("VISION");
    assertThat(v.firmware()).contains("5.13.1.46935");
    assertThat(v.serial()).contains("J60009999");
    assertThat(v.category()).isEqualTo(Category.LAB_ANALYZER);
  }
}
