package io.ward.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.MacAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HospitalSimulatorTest {

  private static final Simulations.Run BENIGN = Simulations.of(Simulations.BENIGN);
  private static final Simulations.Run ATTACKED = Simulations.of(Simulations.ATTACKED);

  @Test
  void shouldWriteIdenticalBytesWhenRunTwiceWithTheSameConfig() {
    Simulations.Run again = Simulations.fresh(Simulations.ATTACKED);
    assertThat(again.pcap()).isEqualTo(ATTACKED.pcap());
    assertThat(again.truth()).isEqualTo(ATTACKED.truth());
    assertThat(again.result()).isEqualTo(ATTACKED.result());
  }

  @Test
  void shouldWriteADifferentHospitalForADifferentSeed() {
    SimulationConfig small = SimulationConfig.of(40, 1, 1);
    Simulations.Run a = Simulations.of(small);
    Simulations.Run b = Simulations.of(SimulationConfig.of(40, 1, 2));
    assertThat(b.pcap()).isNotEqualTo(a.pcap());
    assertThat(b.truth()).isNotEqualTo(a.truth());
  }

  @Test
  void shouldReportThePacketsAndBytesTheFileHolds() {
    List<PcapReader.Packet> packets = ATTACKED.packets();
    assertThat(ATTACKED.result().packets()).isEqualTo(packets.size());
    assertThat(ATTACKED.result().bytes())
        .isEqualTo(packets.stream().mapToLong(p -> p.frame().length).sum());
    assertThat(ATTACKED.result().firstEpochNanos()).isEqualTo(packets.get(0).epochMicros() * 1000);
    assertThat(ATTACKED.result().lastEpochNanos())
        .isEqualTo(packets.get(packets.size() - 1).epochMicros() * 1000);
  }

  @Test
  void shouldKeepTheCaptureInsideItsWindow() {
    long start = Simulations.BENIGN.startEpochMillis() * 1000;
    long end = start + Simulations.BENIGN.minutes() * 60_000_000L;
    List<PcapReader.Packet> packets = BENIGN.packets();
    assertThat(packets.get(0).epochMicros()).isGreaterThanOrEqualTo(start);
    // Conversations start at least five seconds before the end; none lasts longer than that.
    assertThat(packets.get(packets.size() - 1).epochMicros()).isLessThan(end);
  }

  @Test
  void shouldListEveryConfiguredDeviceOnceInTheTruth() {
    JsonNode devices = BENIGN.truthJson().path("devices");
    assertThat(devices.size()).isEqualTo(Simulations.BENIGN.devices());
    assertThat(BENIGN.result().devices()).isEqualTo(Simulations.BENIGN.devices());
    Set<String> ids = new HashSet<>();
    devices.forEach(d -> ids.add(d.path("id").asText()));
    assertThat(ids).hasSize(devices.size());
  }

  @Test
  void shouldShowEveryTruthDeviceAsASourceMacInTheCapture() {
    Set<Long> sources = new HashSet<>();
    for (PcapReader.Packet p : BENIGN.packets()) {
      sources.add(p.srcMac());
    }
    for (JsonNode d : BENIGN.truthJson().path("devices")) {
      long mac = MacAddress.parse(d.path("mac").asText()).bits();
      assertThat(sources).as("frames sent by %s", d.path("id").asText()).contains(mac);
      assertThat(Instant.parse(d.path("firstSeen").asText())).isAfter(Instant.EPOCH);
    }
  }

  @Test
  void shouldWriteValidIpv4AndTransportChecksumsAndMinimumFrameSizes() {
    for (PcapReader.Packet p : ATTACKED.packets()) {
      assertThat(p.frame().length).isGreaterThanOrEqualTo(60);
      if (p.etherType() == 0x0800) {
        assertThat(PcapReader.ipv4ChecksumOk(p)).isTrue();
        assertThat(PcapReader.l4ChecksumOk(p)).isTrue();
      }
    }
  }

  @Test
  void shouldDescribeDevicesWithTheInventorySchema() {
    JsonNode truth = BENIGN.truthJson();
    assertThat(truth.path("format").asText()).isEqualTo("ward.inventory/1");
    assertThat(truth.path("generator").path("name").asText()).isEqualTo("ward-simulate");
    assertThat(truth.path("generator").path("seed").asLong()).isEqualTo(42);
    for (JsonNode d : truth.path("devices")) {
      assertThat(d.path("id").asText()).isEqualTo("mac:" + d.path("mac").asText());
      assertThat(d.path("ips").size()).isPositive();
      assertThat(d.path("hostnames").size()).isPositive();
      Category category = Category.fromId(d.path("category").asText()).orElseThrow();
      assertThat(d.path("medical").asBoolean()).isEqualTo(category.medical());
      assertThat(Criticality.fromId(d.path("criticality").asText()))
          .contains(Truth.criticality(category));
      assertThat(d.path("protocols").has("client")).isTrue();
      assertThat(d.path("protocols").has("server")).isTrue();
      assertThat(d.path("evidence").isArray()).isTrue();
      assertThat(d.path("modality").isNull()).isEqualTo(category != Category.IMAGING_MODALITY);
    }
  }

  @Test
  void shouldRateLifeSupportAboveImagingAboveOfficeEquipment() {
    assertThat(Truth.criticality(Category.INFUSION_PUMP)).isEqualTo(Criticality.LIFE_CRITICAL);
    assertThat(Truth.criticality(Category.VENTILATOR)).isEqualTo(Criticality.LIFE_CRITICAL);
    assertThat(Truth.criticality(Category.PATIENT_MONITOR)).isEqualTo(Criticality.LIFE_CRITICAL);
    assertThat(Truth.criticality(Category.PACS)).isEqualTo(Criticality.HIGH);
    assertThat(Truth.criticality(Category.CLINICAL_SYSTEM)).isEqualTo(Criticality.HIGH);
    assertThat(Truth.criticality(Category.WORKSTATION)).isEqualTo(Criticality.MEDIUM);
    assertThat(Truth.criticality(Category.PRINTER)).isEqualTo(Criticality.LOW);
    assertThat(Truth.criticality(Category.MOBILE)).isEqualTo(Criticality.LOW);
  }

  @Test
  void shouldReturnThePlannedDevicesOfTheTruthFile() {
    List<Device> planned = new HospitalSimulator(Simulations.BENIGN).truthDevices();
    JsonNode devices = BENIGN.truthJson().path("devices");
    assertThat(planned).hasSize(devices.size());
    for (int i = 0; i < planned.size(); i++) {
      Device p = planned.get(i);
      JsonNode t = devices.get(i);
      assertThat(p.id()).isEqualTo(t.path("id").asText());
      assertThat(p.category().id()).isEqualTo(t.path("category").asText());
      assertThat(p.vendor()).contains(t.path("vendor").asText());
      assertThat(p.ips().get(0).toString()).isEqualTo(t.path("ips").get(0).asText());
      assertThat(new TreeSet<>(p.protocolsAsServer()))
          .containsExactlyElementsOf(texts(t.path("protocols").path("server")));
    }
  }

  @Test
  void shouldOnlyClaimProtocolsTheCatalogueDeclaresForTheProduct() {
    NetworkPlan plan = NetworkPlan.build(Simulations.BENIGN, DeviceCatalogue.load());
    new Behaviours(plan).declareAll();
    for (PlannedDevice d : plan.devices()) {
      assertThat(d.model.client())
          .as("client protocols of %s", d.model.id())
          .containsAll(d.clientProtocols());
      assertThat(d.model.server())
          .as("server protocols of %s", d.model.id())
          .containsAll(d.serverProtocols());
    }
  }

  @Test
  void shouldFollowTheHospitalCategoryMix() {
    int total = 2_000;
    NetworkPlan plan = NetworkPlan.build(SimulationConfig.of(total, 1, 3), DeviceCatalogue.load());
    Map<Category, Integer> counts = new HashMap<>();
    plan.devices().forEach(d -> counts.merge(d.model.category(), 1, Integer::sum));
    NetworkPlan.MIX.forEach(
        (category, per100) ->
            assertThat(counts.getOrDefault(category, 0))
                .as("%s", category)
                .isBetween(total * per100 / 100 - 1, total * per100 / 100 + 1));
  }

  @Test
  void shouldGiveEveryDeviceItsOwnMacAndAddress() {
    NetworkPlan plan = NetworkPlan.build(SimulationConfig.of(5_000, 1, 9), DeviceCatalogue.load());
    Set<Long> macs = new HashSet<>();
    Set<Integer> ips = new HashSet<>();
    for (PlannedDevice d : plan.devices()) {
      assertThat(macs.add(d.mac)).isTrue();
      assertThat(ips.add(d.ip)).isTrue();
      assertThat(d.ip & 0xFF).isBetween(1, 254);
      assertThat((d.mac >>> 40) & 0x03).as("a global unicast MAC").isZero();
    }
  }

  @Test
  void shouldTagClinicalSegmentsAndLeaveOfficeSegmentsUntagged() {
    Map<Long, Integer> vlanBySource = new HashMap<>();
    for (PcapReader.Packet p : BENIGN.packets()) {
      vlanBySource.putIfAbsent(p.srcMac(), p.vlan());
    }
    for (JsonNode d : BENIGN.truthJson().path("devices")) {
      String category = d.path("category").asText();
      long mac = MacAddress.parse(d.path("mac").asText()).bits();
      if (category.equals("infusion-pump")) {
        assertThat(vlanBySource.get(mac)).isEqualTo(21);
        assertThat(d.path("vlans").get(0).asInt()).isEqualTo(21);
      }
      if (category.equals("workstation") && d.path("ips").get(0).asText().startsWith("10.50.")) {
        assertThat(vlanBySource.get(mac)).isZero();
        assertThat(d.path("vlans").size()).isZero();
      }
    }
  }

  @Test
  void shouldRecordEveryRequestedAttackWithTheFramesItSent() {
    JsonNode attacks = ATTACKED.truthJson().path("attacks");
    assertThat(texts(attacks, "name")).containsExactlyElementsOf(HospitalSimulator.attackNames());
    for (JsonNode a : attacks) {
      int attacker = ip(a.path("attackerIp").asText());
      Set<Integer> targets = new HashSet<>();
      a.path("targetIps").forEach(t -> targets.add(ip(t.asText())));
      long from = a.path("startEpochNanos").asLong();
      long to = a.path("endEpochNanos").asLong();
      assertThat(to).isGreaterThan(from);
      long seen = 0;
      for (PcapReader.Packet p : ATTACKED.packets()) {
        long t = p.epochMicros() * 1000;
        if (p.etherType() != 0x0800 || t < from || t > to) {
          continue;
        }
        int src = ip(p, 12);
        int dst = ip(p, 16);
        if (src == attacker && targets.contains(dst) || targets.contains(src) && dst == attacker) {
          seen++;
        }
      }
      assertThat(seen)
          .as("frames between attacker and targets, %s", a.path("name").asText())
          .isEqualTo(a.path("packets").asLong())
          .isPositive();
    }
    JsonNode scan = attacks.get(0);
    assertThat(scan.path("targets").size()).isEqualTo(PortScanAttack.HOSTS);
    assertThat(scan.path("packets").asLong())
        .isGreaterThanOrEqualTo(2L * PortScanAttack.HOSTS * PortScanAttack.PORTS);
  }

  @Test
  void shouldProbeTheSmbV1TargetWithEternalBlueStyleTransactions() {
    JsonNode smb = ATTACKED.truthJson().path("attacks").get(1);
    int target = ip(smb.path("targetIps").get(0).asText());
    int peeks = 0;
    int pings = 0;
    for (PcapReader.Packet p : ATTACKED.packets()) {
      if (p.etherType() != 0x0800 || p.u8(p.l3() + 9) != 6 || ip(p, 16) != target) {
        continue;
      }
      int tcp = p.l3() + 20;
      int smbHeader = tcp + ((p.u8(tcp + 12) >>> 4) * 4) + 4;
      if (smbHeader + 5 < p.frame().length
          && p.u8(smbHeader) == 0xFF
          && p.u8(smbHeader + 1) == 'S') {
        int command = p.u8(smbHeader + 4);
        peeks += command == Smb1Messages.TRANSACTION ? 1 : 0;
        pings += command == Smb1Messages.TRANSACTION2 ? 1 : 0;
      }
    }
    assertThat(peeks).isPositive();
    assertThat(pings).isPositive();
  }

  private static int ip(PcapReader.Packet p, int off) {
    int o = p.l3() + off;
    return (p.u16(o) << 16) | p.u16(o + 2);
  }

  private static int ip(String dotted) {
    String[] s = dotted.split("\\.");
    return Host.ip(
        Integer.parseInt(s[0]),
        Integer.parseInt(s[1]),
        Integer.parseInt(s[2]),
        Integer.parseInt(s[3]));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }
}
