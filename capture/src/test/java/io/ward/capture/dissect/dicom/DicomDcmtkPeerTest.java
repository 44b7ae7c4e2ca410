package io.ward.capture.dissect.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.testing.EngineRun;
import io.ward.model.ObservationFields;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real DICOM peer on loopback: Debian's DCMTK {@code storescp} receives {@code echoscu} and
 * {@code storescu} while {@code tcpdump} records the port; the capture then goes through the
 * capture engine with the full dissector registry (the port is random, so the DICOM heuristic has
 * to find it).
 */
class DicomDcmtkPeerTest {

  private static final String SCP_AE = "WARD_SCP";
  private static final String SCU_AE = "WARD_SCU";

  @Test
  void shouldNameDcmtkPeersTheirImplementationAndTheSopClassesUsed(@TempDir Path dir)
      throws Exception {
    for (String tool : new String[] {"storescp", "echoscu", "storescu", "img2dcm"}) {
      assumeTrue(EngineRun.hasTool(tool, "--version"), tool + " not installed");
    }
    assumeTrue(EngineRun.hasTool("tcpdump", "--version"), "tcpdump not installed");

    Path bmp = dir.resolve("tiny.bmp");
    Files.write(bmp, tinyBmp(8, 8));
    Path dcm = dir.resolve("tiny.dcm");
    EngineRun.run("img2dcm", "-i", "BMP", bmp.toString(), dcm.toString());
    Path received = Files.createDirectory(dir.resolve("received"));
    Path pcap = Path.of("target", "dicom-dcmtk-peer.pcap").toAbsolutePath();
    Files.createDirectories(pcap.getParent());
    Files.deleteIfExists(pcap);

    int port = freeLoopbackPort();
    // One shell runs the peer, the capture and the clients, so every DCMTK and tcpdump process is
    // the shell's child: the test JVM (which may host Jazzer's native fuzzing runtime) only starts
    // and waits for the shell.
    String script =
        String.join(
            "\n",
            "set -u",
            "storescp -aet " + SCP_AE + " -od \"$1\" " + port + " > \"$2/storescp.log\" 2>&1 &",
            "scp=$!",
            "for i in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/"
                + port
                + ") 2>/dev/null && break;"
                + " sleep 0.05; done",
            "tcpdump -i lo -U --immediate-mode -w \"$3\" tcp port "
                + port
                + " > \"$2/tcpdump.log\" 2>&1 &",
            "dump=$!",
            "for i in $(seq 1 100); do grep -q 'listening on' \"$2/tcpdump.log\" && break;"
                + " sleep 0.05; done",
            "rc=0",
            "echoscu -aet " + SCU_AE + " -aec " + SCP_AE + " 127.0.0.1 " + port + " || rc=1",
            "storescu -aet "
                + SCU_AE
                + " -aec "
                + SCP_AE
                + " 127.0.0.1 "
                + port
                + " \"$4\" || rc=1",
            "kill $scp; wait $scp",
            "sleep 0.5",
            "kill $dump; wait $dump",
            "exit $rc");
    EngineRun.run(
        "bash",
        "-c",
        script,
        "peer",
        received.toString(),
        dir.toString(),
        pcap.toString(),
        dcm.toString());
    try (var files = Files.list(received)) {
      assertThat(files.count()).as("storescp stored the object").isEqualTo(1);
    }

    EngineRun.Result r = EngineRun.analyze(pcap, DissectorRegistry.all());

    assertThat(r.summary().flowsByProtocol()).containsEntry("dicom", 2L);
    assertThat(r.values(ObservationFields.DICOM_CALLING_AE)).containsOnly(SCU_AE);
    assertThat(r.values(ObservationFields.DICOM_CALLED_AE)).containsOnly(SCP_AE);
    assertThat(r.values(ObservationFields.DICOM_IMPL_CLASS_UID))
        .isNotEmpty()
        .allMatch(uid -> uid.startsWith("1.2.276.0.7230010.3.0.3.6."));
    assertThat(r.values(ObservationFields.DICOM_IMPL_VERSION))
        .isNotEmpty()
        .allMatch(v -> v.matches("OFFIS_DCMTK_36\\d"));
    assertThat(r.values(ObservationFields.DICOM_ABSTRACT_SYNTAX))
        .contains(
            "Verification SOP Class (1.2.840.10008.1.1)",
            "Secondary Capture Image Storage (1.2.840.10008.5.1.4.1.1.7)");
    assertThat(r.values(ObservationFields.DICOM_COMMAND))
        .contains("C-ECHO-RQ", "C-ECHO-RSP", "C-STORE-RQ", "C-STORE-RSP");
    assertThat(r.values(ObservationFields.DICOM_ASSOCIATION)).containsOnly("accepted");
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A 24-bit uncompressed BMP of a grey gradient (no patient data anywhere). */
  static byte[] tinyBmp(int width, int height) {
    int row = (width * 3 + 3) & ~3;
    int size = 54 + row * height;
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(size).putInt(0).putInt(54);
    b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24);
    b.putInt(0).putInt(row * height).putInt(2835).putInt(2835).putInt(0).putInt(0);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        byte v = (byte) ((x + y) * 255 / (width + height));
        b.put(v).put(v).put(v);
      }
      for (int p = width * 3; p < row; p++) {
        b.put((byte) 0);
      }
    }
    return b.array();
  }
}
