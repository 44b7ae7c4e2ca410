package io.ward.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's tshark is the oracle: it must decode every frame without a malformed packet or an expert
 * error, and read back the identities the truth claims.
 */
class TsharkOracleTest {
  private static final String TSHARK = "/usr/bin/tshark";

  @TempDir static Path dir;
  private static Path benign;
  private static Path attacked;

  @BeforeAll
  static void write() throws IOException {
    assumeTrue(Files.isExecutable(Path.of(TSHARK)), "tshark is not installed");
    benign = dir.resolve("benign.pcap");
    attacked = dir.resolve("attacked.pcap");
    Files.write(benign, Simulations.of(Simulations.BENIGN).pcap());
    Files.write(attacked, Simulations.of(Simulations.ATTACKED).pcap());
  }

  @Test
  void shouldDecodeEveryFrameWithoutMalformedPackets() throws Exception {
    assertThat(tshark(benign, "-Y", "_ws.malformed", "-T", "fields", "-e", "frame.number"))
        .isEmpty();
    assertThat(tshark(attacked, "-Y", "_ws.malformed", "-T", "fields", "-e", "frame.number"))
        .isEmpty();
  }

  @Test
  void shouldRaiseNoExpertErrorsAndNoWarningsOnBenignTraffic() throws Exception {
    String benignExpert = String.join("\n", tshark(benign, "-q", "-z", "expert"));
    assertThat(benignExpert).doesNotContain("Errors (").doesNotContain("Warns (");
    String attackedExpert = String.join("\n", tshark(attacked, "-q", "-z", "expert"));
    assertThat(attackedExpert).doesNotContain("Errors (").doesNotContain("checksum");
  }

  @Test
  void shouldCarryHl7AndDicomMessagesTsharkRecognises() throws Exception {
    List<String> types =
        tshark(
            benign,
            "-d",
            "tcp.port==2575,hl7",
            "-Y",
            "hl7",
            "-T",
            "fields",
            "-e",
            "hl7.message.type");
    assertThat(types).contains("ORU", "ADT", "ACK", "OML", "RDE");
    List<String> dicom = tshark(benign, "-Y", "dicom", "-T", "fields", "-e", "frame.number");
    assertThat(dicom).isNotEmpty();
  }

  @Test
  void shouldShowTheImplementationIdentityOfEveryDicomDeviceInItsAssociation() throws Exception {
    Set<String> seen =
        new HashSet<>(
            tshark(
                benign,
                "-Y",
                "dicom.assoc.item.type == 0x01 || dicom.pdu.type == 1",
                "-T",
                "fields",
                "-e",
                "dicom.userinfo.uid"));
    NetworkPlan plan = NetworkPlan.build(Simulations.BENIGN, DeviceCatalogue.load());
    for (PlannedDevice d : plan.devices()) {
      if (d.role() == Role.MODALITY) {
        assertThat(String.join(",", seen))
            .contains(d.model.dicom().orElseThrow().implementationClassUid());
      }
    }
  }

  @Test
  void shouldExposeDhcpHostnamesTlsNamesAndHttpBannersOfTheTruth() throws Exception {
    NetworkPlan plan = NetworkPlan.build(Simulations.BENIGN, DeviceCatalogue.load());
    Set<String> dhcpNames =
        new HashSet<>(
            tshark(
                benign,
                "-Y",
                "dhcp.option.hostname",
                "-T",
                "fields",
                "-e",
                "dhcp.option.hostname"));
    Set<String> sni =
        new HashSet<>(
            tshark(
                benign,
                "-Y",
                "tls.handshake.type == 1",
                "-T",
                "fields",
                "-e",
                "tls.handshake.extensions_server_name"));
    List<String> servers = tshark(benign, "-Y", "http.server", "-T", "fields", "-e", "http.server");
    for (PlannedDevice d : plan.devices()) {
      if (d.model.dhcp().isPresent()) {
        assertThat(dhcpNames).contains(d.hostname);
      }
    }
    assertThat(sni).anyMatch(n -> n.endsWith("." + Site.DOMAIN));
    assertThat(servers).anyMatch(s -> s.startsWith("Microsoft-IIS/"));
  }

  @Test
  void shouldDecodeTheSmbV1ProbeAsTsharkNamesIt() throws Exception {
    List<String> info =
        tshark(
            attacked,
            "-Y",
            "smb.cmd == 0x32 || smb.cmd == 0x25",
            "-T",
            "fields",
            "-e",
            "_ws.col.Info");
    assertThat(String.join("\n", info))
        .contains("PeekNamedPipe")
        .contains("STATUS_INSUFF_SERVER_RESOURCES")
        .contains("SESSION_SETUP");
  }

  private static List<String> tshark(Path file, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(TSHARK, "-n", "-r", file.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("tshark exit status").isZero();
    List<String> lines = new ArrayList<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.strip());
      }
    }
    return lines;
  }
}
