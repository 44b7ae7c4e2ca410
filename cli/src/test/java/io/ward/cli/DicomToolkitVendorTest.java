package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DCMTK's implementation class UID and version name identify DICOM software running on a device,
 * not the device's maker, model or firmware: on the real DCMTK capture of shared/data, and on the
 * same packets sent as if by a GE HealthCare device (IEEE OUI 444B5D) to a Dell server (F8BC12),
 * each device lists DCMTK 3.6.7 under {@code software} and keeps its hardware identity.
 */
class DicomToolkitVendorTest {

  static final Path CAPTURE =
      AnalyzeCommandTest.DATA.resolve("pcaps/dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng");

  /** The DICOM requester (echoscu, storescu, findscu) as a GE HealthCare device. */
  static final byte[] GE_MAC = {0x44, 0x4b, 0x5d, 0x12, 0x34, 0x56};

  static final byte[] GE_IP = {10, 40, 1, 21};

  /** The acceptors (storescp on 11112, wlmscpfs on 11113) as one Dell server. */
  static final byte[] DELL_MAC = {(byte) 0xf8, (byte) 0xbc, 0x12, 0x0a, 0x0b, 0x0c};

  static final byte[] DELL_IP = {10, 40, 1, 5};

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  @Test
  void shouldKeepTheNicMakerAsVendorOfADeviceSpeakingThroughDcmtk() throws IOException {
    Path moved = tmp.resolve("dcmtk-from-ge.pcapng");
    Files.write(moved, onHospitalAddresses(Files.readAllBytes(CAPTURE)));
    JsonNode devices = analyze(moved);

    JsonNode ge = device(devices, "mac:44:4b:5d:12:34:56");
    assertThat(ge.path("vendor").asText()).isEqualTo("GE HealthCare");
    assertThat(ge.path("model").isNull()).as(ge.toString()).isTrue();
    assertThat(ge.path("firmware").isNull()).isTrue();
    assertDcmtk367(ge);

    JsonNode dell = device(devices, "mac:f8:bc:12:0a:0b:0c");
    assertThat(dell.path("vendor").asText()).isEqualTo("Dell");
    assertThat(dell.path("model").isNull()).as(dell.toString()).isTrue();
    assertThat(dell.path("firmware").isNull()).isTrue();
    assertDcmtk367(dell);
  }

  @Test
  void shouldNameNoMakerOfAHostThatOnlyDcmtkSpeaksOf() throws IOException {
    // Loopback frames carry no MAC address: nothing names the host's hardware.
    JsonNode host = device(analyze(CAPTURE), "ip:127.0.0.1");
    assertThat(host.path("vendor").isNull()).as(host.toString()).isTrue();
    assertThat(host.path("model").isNull()).isTrue();
    assertThat(host.path("firmware").isNull()).isTrue();
    assertDcmtk367(host);
  }

  @Test
  void shouldListTheSoftwareInTheCsv() throws IOException {
    Path csv = tmp.resolve("dcmtk.csv");
    int code = WardCommand.execute("analyze", "--csv", csv.toString(), CAPTURE.toString());
    assertThat(code).as(streams.stderr()).isZero();
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    String host =
        lines.stream().filter(l -> l.startsWith("ip:127.0.0.1,")).findFirst().orElseThrow();
    List<String> row = List.of(host.split(",", -1));
    assertThat(row.get(header.indexOf("software"))).isEqualTo("OFFIS DCMTK 3.6.7");
    assertThat(row.get(header.indexOf("model"))).isEmpty();
  }

  /** The one software item: OFFIS DCMTK 3.6.7, named by the version name's fingerprint. */
  private static void assertDcmtk367(JsonNode device) {
    JsonNode software = device.path("software");
    assertThat(software.size()).as(device.toString()).isEqualTo(1);
    JsonNode dcmtk = software.get(0);
    assertThat(dcmtk.path("vendor").asText()).isEqualTo("OFFIS");
    assertThat(dcmtk.path("product").asText()).isEqualTo("DCMTK");
    assertThat(dcmtk.path("version").asText()).isEqualTo("3.6.7");
    assertThat(dcmtk.path("source").asText()).isEqualTo("dicom.implementationVersionName");
    assertThat(dcmtk.path("observed").asText()).isEqualTo("OFFIS_DCMTK_367");
    assertThat(dcmtk.path("fingerprint").asText()).isEqualTo("dicom-dcmtk-version");
    assertThat(dcmtk.path("confidence").asDouble()).isEqualTo(0.6);
    for (JsonNode e : device.path("evidence")) {
      assertThat(e.path("attribute").asText() + "=" + e.path("value").asText())
          .isNotIn("vendor=OFFIS", "model=DCMTK", "firmware=3.6.7");
    }
  }

  private JsonNode analyze(Path capture) throws IOException {
    Path json = tmp.resolve(capture.getFileName() + ".json");
    int code = WardCommand.execute("analyze", "--json", json.toString(), capture.toString());
    assertThat(code).as(streams.stderr()).isZero();
    return new ObjectMapper().readTree(json.toFile()).path("devices");
  }

  private static JsonNode device(JsonNode devices, String id) {
    List<String> ids = new ArrayList<>();
    for (JsonNode d : devices) {
      if (d.path("id").asText().equals(id)) {
        return d;
      }
      ids.add(d.path("id").asText());
    }
    throw new AssertionError(id + " not among " + ids);
  }

  /**
   * The capture with every IPv4 frame between the loopback peers given Ethernet and IP addresses of
   * a hospital network: frames from the acceptors' ports come from the Dell server, the others from
   * the GE device. Ward checks no IP checksum, so the stale ones do not matter.
   */
  static byte[] onHospitalAddresses(byte[] pcapng) {
    ByteBuffer b = ByteBuffer.wrap(pcapng).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer network = ByteBuffer.wrap(pcapng); // big-endian, as the frames are
    assertThat(b.getInt(8)).as("little-endian section").isEqualTo(0x1A2B3C4D);
    int rewritten = 0;
    for (int at = 0; at + 8 <= pcapng.length; at += b.getInt(at + 4)) {
      if (b.getInt(at) != 6) {
        continue; // only enhanced packet blocks carry frames
      }
      int frame = at + 28;
      if (b.getInt(at + 20) < 14 + 20 + 4 || network.getShort(frame + 12) != 0x0800) {
        continue;
      }
      int ip = frame + 14;
      int tcp = ip + (pcapng[ip] & 0x0f) * 4;
      int sourcePort = Short.toUnsignedInt(network.getShort(tcp));
      boolean fromAcceptor = sourcePort == 11112 || sourcePort == 11113;
      byte[] srcMac = fromAcceptor ? DELL_MAC : GE_MAC;
      byte[] dstMac = fromAcceptor ? GE_MAC : DELL_MAC;
      System.arraycopy(dstMac, 0, pcapng, frame, 6);
      System.arraycopy(srcMac, 0, pcapng, frame + 6, 6);
      System.arraycopy(fromAcceptor ? DELL_IP : GE_IP, 0, pcapng, ip + 12, 4);
      System.arraycopy(fromAcceptor ? GE_IP : DELL_IP, 0, pcapng, ip + 16, 4);
      rewritten++;
    }
    assertThat(rewritten).as("frames moved").isEqualTo(70);
    return pcapng;
  }
}
