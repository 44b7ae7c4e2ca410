package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.ProgressListener;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.model.IpAddress;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A public address that a device with a MAC holds on a captured link (here bound by ARP) is that
 * device's, also when another capture shows the same address only behind a router: the address is
 * listed once, as the device, whichever capture is ingested first. A capture that shows an address
 * a stored device holds stores no endpoint there, so none is removed and audited at every such
 * capture. On both databases, through the job service.
 *
 * <p>The router side is the simulated hospital's capture (its workstations reach cloud services
 * through its router); the device side is a small capture written here, in which a host announces
 * one of those services' addresses as its own by ARP, as a host of a hospital that numbers its
 * network from public space does.
 */
class ExternalEndpointOwnershipTest {
  /** Locally administered MACs of the two hosts that hold a public address. */
  static final String EARLY_MAC = "02:00:5e:10:00:01";

  static final String LATE_MAC = "02:00:5e:10:00:02";

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("tester", "127.0.0.1");
    Path dir;
    Path monday;
    Path tuesday;

    /** An address the router capture shows as an endpoint; its host's capture comes first. */
    String early;

    /** Another such address; its host's capture comes after the router capture. */
    String late;

    @Override
    protected void seed() throws Exception {
      dir = Files.createTempDirectory("ward-ownership-");
      monday = simulate("monday.pcap", 7, 0);
      tuesday = simulate("tuesday.pcap", 8, 1);
      List<String> both = new java.util.ArrayList<>(external(monday));
      both.retainAll(external(tuesday));
      both.removeIf(ip -> ip.contains(":"));
      assertThat(both).as("IPv4 endpoints of both router captures").hasSizeGreaterThan(2);
      early = both.get(0);
      late = both.get(1);
    }

    Path simulate(String name, long seed, long days) throws Exception {
      Path pcap = dir.resolve(name);
      try (OutputStream out = Files.newOutputStream(pcap)) {
        new HospitalSimulator(
                new SimulationConfig(
                    80,
                    3,
                    seed,
                    List.of(),
                    SimulationConfig.DEFAULT_START_EPOCH_MILLIS + days * 86_400_000L))
            .run(out, Optional.empty());
      }
      return pcap;
    }

    static CapturePipeline.Result analyse(Path pcap) throws Exception {
      return new CapturePipeline(KnowledgeBase.load(Optional.empty()), 1, List.of())
          .analyze(pcap, pcap.getFileName().toString(), ProgressListener.NONE);
    }

    /** The addresses `ward analyze` lists as external endpoints in the capture. */
    static List<String> external(Path pcap) throws Exception {
      return analyse(pcap).external().stream()
          .map(ExternalEndpoint::ip)
          .map(IpAddress::toString)
          .toList();
    }

    /**
     * A capture of one host announcing {@code ip} as its own by ARP (RFC 5227 announcements: the
     * sender and target address are both its address), three times a second apart.
     */
    Path arpHost(String name, String mac, String ip) throws Exception {
      ByteArrayOutputStream pcap = new ByteArrayOutputStream();
      ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
      header.putInt(65_535).putInt(1); // LINKTYPE_ETHERNET
      pcap.write(header.array());
      byte[] sender = mac(mac);
      byte[] address = ipv4(ip);
      long seconds = SimulationConfig.DEFAULT_START_EPOCH_MILLIS / 1000;
      for (int i = 0; i < 3; i++) {
        ByteBuffer frame = ByteBuffer.allocate(42);
        frame.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(sender).putShort((short) 0x0806);
        frame.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4);
        frame.putShort((short) 1).put(sender).put(address).put(new byte[6]).put(address);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (seconds + i)).putInt(0).putInt(42).putInt(42);
        pcap.write(record.array());
        pcap.write(frame.array());
      }
      Path file = dir.resolve(name);
      Files.write(file, pcap.toByteArray());
      List<Device> devices = analyse(file).devices();
      assertThat(devices)
          .as("the host of " + name)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.id()).isEqualTo("mac:" + mac);
                assertThat(d.ips()).extracting(IpAddress::toString).containsExactly(ip);
              });
      return file;
    }

    static byte[] mac(String text) {
      byte[] out = new byte[6];
      String[] parts = text.split(":");
      for (int i = 0; i < 6; i++) {
        out[i] = (byte) Integer.parseInt(parts[i], 16);
      }
      return out;
    }

    static byte[] ipv4(String text) {
      byte[] out = new byte[4];
      String[] parts = text.split("\\.");
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) Integer.parseInt(parts[i]);
      }
      return out;
    }

    Job ingest(Path pcap) throws Exception {
      try (InputStream in = Files.newInputStream(pcap)) {
        Job job =
            store.bean(IngestService.class).submitCapture(in, pcap.getFileName().toString(), actor);
        Job done = store.finished(job.id());
        assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
        return done;
      }
    }

    long endpointsAt(String ip) {
      return store
          .jdbc()
          .sql("SELECT COUNT(*) FROM external_endpoint WHERE ip = ?")
          .param(ip)
          .query(Long.class)
          .single();
    }

    /** The keys of the stored devices that hold {@code ip}. */
    List<String> devicesAt(String ip) {
      return store
          .jdbc()
          .sql("SELECT device_key, ips FROM device ORDER BY device_key")
          .query(
              (rs, n) ->
                  List.of(rs.getString("ips").split(",")).contains(ip)
                      ? rs.getString("device_key")
                      : "")
          .list()
          .stream()
          .filter(k -> !k.isEmpty())
          .toList();
    }

    List<String> removals(String ip) {
      return store
          .jdbc()
          .sql(
              "SELECT detail FROM audit_log WHERE actor = 'system'"
                  + " AND action = 'external-endpoint.remove' AND detail LIKE ? ORDER BY seq")
          .param(ip + " %")
          .query(String.class)
          .list();
    }

    /** The address is listed once, as the device with that MAC. */
    void assertOneEntry(String ip, String mac) {
      assertThat(devicesAt(ip)).as("devices at " + ip).containsExactly("mac:" + mac);
      assertThat(endpointsAt(ip)).as("external endpoints at " + ip).isZero();
    }

    @Test
    @Order(1)
    void shouldNotStoreAnAddressADeviceHoldsAsAnEndpointWhenARouterCaptureComesLater()
        throws Exception {
      ingest(arpHost("early-host.pcap", EARLY_MAC, early));
      assertThat(devicesAt(early)).containsExactly("mac:" + EARLY_MAC);

      Job job = ingest(monday);

      // Never stored as an endpoint, so nothing to remove, audit or name.
      assertThat(job.message()).doesNotContain("removed").doesNotContain(early);
      assertOneEntry(early, EARLY_MAC);
      assertThat(endpointsAt(late)).as("an address no device holds").isEqualTo(1);
      assertThat(removals(early)).isEmpty();
    }

    @Test
    @Order(2)
    void shouldRemoveTheEndpointOfAnAddressWhenACaptureFindsADeviceHoldingIt() throws Exception {
      long endpointId =
          store
              .jdbc()
              .sql("SELECT id FROM external_endpoint WHERE ip = ?")
              .param(late)
              .query(Long.class)
              .single();

      Job job = ingest(arpHost("late-host.pcap", LATE_MAC, late));

      assertThat(job.message())
          .contains("1 external endpoint removed, a device holds its address: " + late);
      assertOneEntry(late, LATE_MAC);
      assertThat(
              store
                  .jdbc()
                  .sql(
                      "SELECT detail FROM audit_log WHERE actor = 'system'"
                          + " AND action = 'external-endpoint.remove' AND target = ?")
                  .param("external-endpoint:" + endpointId)
                  .query(String.class)
                  .list())
          .singleElement()
          .asString()
          .startsWith(late + " (")
          .contains(
              "late-host.pcap (capture "
                  + job.captureId().orElseThrow()
                  + ") found device mac:"
                  + LATE_MAC
                  + " holding it (ARP, DHCP or its own frames bound it to the device's MAC)");
      for (String table : List.of("external_endpoint_device", "external_endpoint_sighting")) {
        assertThat(
                store
                    .jdbc()
                    .sql("SELECT COUNT(*) FROM " + table + " WHERE endpoint_id = ?")
                    .param(endpointId)
                    .query(Long.class)
                    .single())
            .as(table)
            .isZero();
      }
    }

    @Test
    @Order(3)
    void shouldKeepBothAddressesTheDevicesWhenARouterCaptureShowsThemAgain() throws Exception {
      Job job = ingest(tuesday);

      // Tuesday's router showed both addresses again: neither is stored, nor removed again.
      assertThat(job.message())
          .doesNotContain("removed")
          .doesNotContain(early)
          .doesNotContain(late);
      assertOneEntry(early, EARLY_MAC);
      assertOneEntry(late, LATE_MAC);
      assertThat(removals(early)).isEmpty();
      assertThat(removals(late)).as("the removal when late-host.pcap found its device").hasSize(1);
      // Every other endpoint of the captures is still listed.
      TreeSet<String> expected = new TreeSet<>(external(monday));
      expected.addAll(external(tuesday));
      expected.removeAll(List.of(early, late));
      assertThat(store.jdbc().sql("SELECT ip FROM external_endpoint").query(String.class).list())
          .containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The same capture ingested again (its packets in a file of another content hash: pcap's unused
     * sigfigs header field set, so that it is not taken for the capture already ingested) stores
     * and removes no endpoint at the addresses the devices hold.
     */
    @Test
    @Order(4)
    void shouldNotStoreAndRemoveTheDevicesAddressesAgainWhenACaptureIsIngestedAgain()
        throws Exception {
      byte[] bytes = Files.readAllBytes(monday);
      bytes[12] = 1; // sigfigs, which every reader ignores
      Path again = dir.resolve("monday-again.pcap");
      Files.write(again, bytes);
      assertThat(external(again)).as("the same endpoints").isEqualTo(external(monday));
      long removalsBefore = allRemovals();

      Job job = ingest(again);

      assertThat(job.message())
          .doesNotContain("removed")
          .doesNotContain(early)
          .doesNotContain(late);
      assertThat(allRemovals()).as("external-endpoint.remove entries").isEqualTo(removalsBefore);
      assertOneEntry(early, EARLY_MAC);
      assertOneEntry(late, LATE_MAC);
      assertThat(removals(early)).isEmpty();
      assertThat(removals(late)).hasSize(1);
    }

    long allRemovals() {
      return store
          .jdbc()
          .sql("SELECT COUNT(*) FROM audit_log WHERE action = 'external-endpoint.remove'")
          .query(Long.class)
          .single();
    }
  }
}
