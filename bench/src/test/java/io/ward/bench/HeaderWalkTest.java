package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The header walk counts what tshark counts on a real capture: every packet, and one flow per
 * bidirectional address and port pair.
 */
class HeaderWalkTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"pcaps/zeek/ftp_bruteforce.pcap", "pcaps/zeek/dns_mdns.pcap"})
  void shouldCountThePacketsAndBidirectionalFlowsTsharkSeesInARealCapture(String relative)
      throws Exception {
    Path capture = realCapture(relative);
    Path pcap = tmp.resolve("c.pcap");
    run("editcap", "-F", "pcap", capture.toString(), pcap.toString());
    List<String> rows =
        run(
            "tshark",
            "-r",
            pcap.toString(),
            "-T",
            "fields",
            "-E",
            "separator=|",
            "-e",
            "ip.src",
            "-e",
            "ip.dst",
            "-e",
            "ip.proto",
            "-e",
            "ipv6.src",
            "-e",
            "ipv6.dst",
            "-e",
            "ipv6.nxt",
            "-e",
            "tcp.srcport",
            "-e",
            "tcp.dstport",
            "-e",
            "udp.srcport",
            "-e",
            "udp.dstport");
    Set<String> flows = new TreeSet<>();
    long withoutFlow = 0;
    for (String row : rows) {
      String[] f = row.split("\\|", -1);
      int ip = f[0].isEmpty() ? 3 : 0; // IPv4 columns, else IPv6 (the walk reads the fixed header)
      if (f[ip].isEmpty()) {
        withoutFlow++;
        continue;
      }
      String sport = f[6].isEmpty() ? f[8] : f[6];
      String dport = f[7].isEmpty() ? f[9] : f[7];
      String a = f[ip] + ":" + sport;
      String b = f[ip + 1] + ":" + dport;
      flows.add(f[ip + 2] + " " + (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a));
    }

    String out = walk(pcap);

    assertThat(out)
        .startsWith(
            rows.size()
                + " packets, "
                + flows.size()
                + " flows, "
                + withoutFlow
                + " without a flow");
  }

  @Test
  void shouldRefuseAFileThatIsNotAPcap() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "this is not a capture, not at all\n");
    assertThatThrownBy(() -> walk(text))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("notes.txt")
        .hasMessageContaining("not a pcap file");
  }

  private static Path realCapture(String relative) {
    String dir = System.getenv("WARD_TESTDATA");
    Path base = dir == null ? Path.of("../../shared/data") : Path.of(dir);
    Path p = base.resolve(relative);
    assertThat(p).as("test data (set WARD_TESTDATA)").exists();
    return p;
  }

  private static String walk(Path pcap) throws IOException {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      HeaderWalk.walk(pcap);
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<String> run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectOutput(tmp.resolve("out.txt").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return Files.readAllLines(tmp.resolve("out.txt"));
  }
}
