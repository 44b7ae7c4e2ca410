package io.ward.inventory;

import static io.ward.model.ObservationFields.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.Transport;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any sequence of observations and flows, in any order, gives the same devices. */
class OrderIndependenceTest {

  private static KnowledgeBase kb;

  @BeforeContainer
  static void load() throws Exception {
    kb = KnowledgeBase.load(Optional.empty(), Files.createTempDirectory("no-ieee-data"));
  }

  private static final List<String> MACS =
      List.of(
          "00:d0:75:00:00:01",
          "00:09:fb:00:00:02",
          "00:1b:77:00:00:03",
          "00:1b:54:00:00:04",
          "01:00:5e:00:00:fb");
  private static final List<String> IPS =
      List.of(
          "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "172.16.0.9", "224.0.0.251", "fe80::1");
  static final List<String[]> FACTS =
      List.of(
          new String[] {DHCP_HOSTNAME, "ICU-PUMP-1"},
          new String[] {DHCP_HOSTNAME, "PACS01"},
          new String[] {DHCP_LEASED_IP, "10.0.0.2"},
          new String[] {ARP_IP, "10.0.0.3"},
          new String[] {DNS_NAME, "icu-pump-1.hosp"},
          new String[] {NBNS_NAME, "PACS01"},
          new String[] {HL7_SENDING_APP, "PIIC_iX"},
          new String[] {HL7_SENDING_FACILITY, "ICU"},
          new String[] {HL7_MESSAGE_TYPE, "ORU^R01"},
          new String[] {HL7_DEVICE_ID, "BED1"},
          new String[] {DICOM_IMPL_CLASS_UID, "1.2.840.113619.6.5"},
          new String[] {DICOM_ABSTRACT_SYNTAX, "CT Image Storage"},
          new String[] {DICOM_CALLING_AE, "CT1"},
          new String[] {POCT_VENDOR, "Roche Diagnostics"},
          new String[] {SMB_NATIVE_OS, "Windows 5.1"},
          new String[] {
            SNMP_SYS_DESCR, "Cisco IOS Software, C3560 Software (X), Version 12.2(44)SE, RELEASE"
          });

  @Provide
  Arbitrary<Endpoint> endpoints() {
    Arbitrary<Optional<MacAddress>> mac = Arbitraries.of(MACS).map(MacAddress::parse).optional(0.7);
    Arbitrary<Optional<IpAddress>> ip = Arbitraries.of(IPS).map(IpAddress::parse).optional(0.8);
    return Combinators.combine(mac, ip, Arbitraries.of(0, 0, 20))
        .filter((m, i, v) -> m.isPresent() || i.isPresent())
        .as(Endpoint::new);
  }

  @Provide
  Arbitrary<List<Object>> inputs() {
    Arbitrary<Object> observation =
        Combinators.combine(Arbitraries.longs().between(0, 50), endpoints(), Arbitraries.of(FACTS))
            .as((t, e, f) -> new Observation(t, e, f[0], f[1]));
    Arbitrary<Object> flow =
        Combinators.combine(
                endpoints(),
                endpoints(),
                Arbitraries.of(104, 2575, 443, 9100, 3389),
                Arbitraries.of("dicom", "hl7", "").optional(0.5),
                Arbitraries.longs().between(0, 50))
            .as(
                (c, s, port, app, t) ->
                    new Flow(
                        c,
                        40000,
                        s,
                        port,
                        Transport.TCP,
                        0,
                        app.filter(a -> !a.isEmpty()),
                        false,
                        1,
                        60,
                        1,
                        60,
                        t,
                        t + 5));
    return Arbitraries.oneOf(observation, flow).list().ofMaxSize(40);
  }

  @Property(tries = 200)
  void shouldGiveTheSameDevicesInAnyOrder(@ForAll("inputs") List<Object> input, @ForAll long seed) {
    List<Object> shuffled = new ArrayList<>(input);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(build(shuffled)).isEqualTo(build(input));
  }

  @Property(tries = 200)
  void shouldGiveTheSameDevicesWhenTheInputIsSplitOverBuildersAndMerged(
      @ForAll("inputs") List<Object> input, @ForAll long seed) {
    // As the capture workers do: each builder gets a share of the input, then they are merged.
    Random random = new Random(seed);
    List<InventoryBuilder> parts =
        List.of(new InventoryBuilder(kb), new InventoryBuilder(kb), new InventoryBuilder(kb));
    for (Object o : input) {
      feed(parts.get(random.nextInt(parts.size())), o);
    }
    InventoryBuilder merged = parts.get(0);
    merged.merge(parts.get(1));
    merged.merge(parts.get(2));
    assertThat(merged.build()).isEqualTo(build(input));
  }

  @Property(tries = 100)
  void shouldNeverMakeDevicesOfGroupAddresses(@ForAll("inputs") List<Object> input) {
    for (Device d : build(input)) {
      d.mac().ifPresent(m -> assertThat(m.isGroup()).isFalse());
      assertThat(d.ips()).allSatisfy(i -> assertThat(i.isGroupOrUnspecified()).isFalse());
      assertThat(d.id()).matches("(mac:[0-9a-f:]{17}|ip:.+)");
    }
  }

  private static List<Device> build(List<Object> input) {
    InventoryBuilder b = new InventoryBuilder(kb);
    for (Object o : input) {
      feed(b, o);
    }
    return b.build();
  }

  private static void feed(InventoryBuilder b, Object o) {
    if (o instanceof Observation obs) {
      b.observation(obs);
    } else {
      b.flow((Flow) o);
    }
  }
}
