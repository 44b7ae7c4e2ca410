package io.ward.capture.dissect.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.testing.EngineRun;
import io.ward.model.ObservationFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
    Process scp =
        new ProcessBuilder(
                "storescp", "-aet", SCP_AE, "-od", received.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("storescp.log").toFile())
            .start();
    Process dump = null;
    try {
      waitForListener(port);
      dump = startTcpdump(pcap, port);
      EngineRun.run("echoscu", "-aet", SCU_AE, "-aec", SCP_AE, "127.0.0.1", Integer.toString(port));
      EngineRun.run(
          "storescu",
          "-aet",
          SCU_AE,
          "-aec",
          SCP_AE,
          "127.0.0.1",
          Integer.toString(port),
          dcm.toString());
    } finally {
      scp.destroy();
      scp.waitFor(30, TimeUnit.SECONDS);
      if (dump != null) {
        // Let tcpdump read the last FIN/ACKs from the loopback before it is asked to stop.
        Thread.sleep(500);
        dump.destroy();
        dump.waitFor(30, TimeUnit.SECONDS);
      }
    }
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

  private static Process startTcpdump(Path pcap, int port) throws IOException {
    Process p =
        new ProcessBuilder(
                "tcpdump",
                "-i",
                "lo",
                "-U",
                "--immediate-mode",
                "-w",
                pcap.toString(),
                "tcp",
                "port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.contains("listening on")) {
        // Keep draining tcpdump's output so it never blocks on a full pipe.
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // discard
                    }
                  } catch (IOException ignored) {
                    // tcpdump exited
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return p;
      }
    }
    throw new IllegalStateException("tcpdump did not start capturing");
  }

  private static void waitForListener(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
        assertThat(s.isConnected()).isTrue();
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("storescp did not listen on " + port);
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
