package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ward analyze} command as a user meets it: exit codes, messages, outputs. */
class AnalyzeCommandTest {

  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  @Test
  void shouldRefuseAnInternalNetThatIsNotCidrNamingIt() {
    for (String bad : new String[] {"10.0.0.0/33", "10.1.2.3/8", "hospital", "2001:db8::/129"}) {
      streams.resetStderr();
      int code =
          WardCommand.execute(
              "analyze", "--internal-net", bad, DATA.resolve("pcaps/ndpi/hl7.pcap").toString());
      assertThat(code).as(bad).isEqualTo(2);
      assertThat(streams.stderr()).contains("--internal-net " + bad);
    }
  }

  /**
   * Real captures full of public addresses on the captured segment (nDPI's SNMP and syslog
   * samples): their hosts have MACs of their own, so they stay devices (23; and 36 in syslog.pcap,
   * with the ISP's next-hop router, listed since session 31 though known only from the hosts it
   * carries). The exceptions are syslog.pcap's internet hosts: the two remote syslog servers an SFR
   * box's frames carry (a router), and 196.240.66.148, which only received syslog from a private
   * address in a frame that carried no MAC for it (the sample's destination MACs are zeroed), so no
   * router could show; a public address that a private one reaches is beyond the site's edge, so it
   * is external.
   */
  @Test
  void shouldKeepPublicHostsOfTheCapturedSegmentAsDevicesInRealCaptures() throws IOException {
    String[][] cases = {
      {"pcaps/ndpi/snmp.pcap", "23", "mac:00:00:00:41:9a:96", ""},
      {
        "pcaps/ndpi/syslog.pcap",
        "36", // with the ISP's next-hop router, seen only through the hosts it carries
        "mac:24:5a:4c:94:cf:2c mac:00:17:33:61:00:00",
        "93.20.126.48 93.20.126.110 196.240.66.148"
      }
    };
    for (String[] c : cases) {
      Path json = tmp.resolve(Path.of(c[0]).getFileName() + ".json");
      assertThat(
              WardCommand.execute(
                  "analyze", "--json", json.toString(), DATA.resolve(c[0]).toString()))
          .as(streams.stderr())
          .isZero();
      JsonNode root = new ObjectMapper().readTree(json.toFile());
      assertThat(root.path("external").isArray()).as(c[0]).isTrue();
      java.util.List<String> external = new java.util.ArrayList<>();
      root.path("external").forEach(e -> external.add(e.path("ip").asText()));
      assertThat(external)
          .as(c[0])
          .isEqualTo(c[3].isEmpty() ? java.util.List.of() : java.util.List.of(c[3].split(" ")));
      assertThat(root.path("devices").size()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
      java.util.List<String> ids = new java.util.ArrayList<>();
      root.path("devices").forEach(d -> ids.add(d.path("id").asText()));
      assertThat(ids).as(c[0]).contains(c[2].split(" "));
    }
  }

  @Test
  void shouldKeepPublicHostsInAnInternalNetAsDevices() throws IOException {
    Path pcap = tmp.resolve("h.pcap");
    assertThat(
            WardCommand.execute(
                "simulate", "--devices", "60", "--minutes", "3", "-o", pcap.toString()))
        .as(streams.stderr())
        .isZero();
    Path plain = tmp.resolve("plain.json");
    Path declared = tmp.resolve("declared.json");
    assertThat(WardCommand.execute("analyze", "--json", plain.toString(), pcap.toString()))
        .isZero();
    assertThat(
            WardCommand.execute(
                "analyze",
                "--internal-net",
                "203.0.113.0/24",
                "--internal-net",
                "2001:db8::/32",
                "--json",
                declared.toString(),
                pcap.toString()))
        .as(streams.stderr())
        .isZero();
    JsonNode before = new ObjectMapper().readTree(plain.toFile());
    JsonNode after = new ObjectMapper().readTree(declared.toFile());
    java.util.List<String> external = new java.util.ArrayList<>();
    before.path("external").forEach(e -> external.add(e.path("ip").asText()));
    assertThat(external).anyMatch(ip -> ip.startsWith("203.0.113."));
    java.util.List<String> deviceIds = new java.util.ArrayList<>();
    after.path("devices").forEach(d -> deviceIds.add(d.path("id").asText()));
    after
        .path("external")
        .forEach(e -> assertThat(e.path("ip").asText()).doesNotStartWith("203.0.113."));
    for (String ip : external) {
      if (ip.startsWith("203.0.113.")) {
        assertThat(deviceIds).contains("ip:" + ip);
      }
    }
    long declaredHosts = external.stream().filter(ip -> ip.startsWith("203.0.113.")).count();
    assertThat(after.path("devices").size())
        .isEqualTo(before.path("devices").size() + (int) declaredHosts);
  }

  @Test
  void shouldPrintAnInventoryOfARealHl7Capture() {
    int code = WardCommand.execute("analyze", DATA.resolve("pcaps/ndpi/hl7.pcap").toString());
    assertThat(code).as(streams.stderr()).isZero();
    assertThat(streams.stdout()).contains("hl7.pcap").contains("Devices:").contains("hl7");
  }

  @Test
  void shouldWriteJsonInTheDocumentedFormat() throws IOException {
    Path json = tmp.resolve("inv.json");
    int code =
        WardCommand.execute(
            "analyze",
            "--json",
            json.toString(),
            DATA.resolve("pcaps/dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng").toString());
    assertThat(code).as(streams.stderr()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.path("format").asText()).isEqualTo("ward.inventory/1");
    assertThat(root.path("captures").get(0).path("format").asText()).isEqualTo("pcapng");
    assertThat(root.path("devices").size()).isPositive();
    JsonNode first = root.path("devices").get(0);
    for (String key :
        Arrays.asList(
            "id",
            "mac",
            "ips",
            "hostnames",
            "vendor",
            "model",
            "os",
            "firmware",
            "category",
            "medical",
            "criticality",
            "protocols",
            "evidence")) {
      assertThat(first.has(key)).as("device key " + key).isTrue();
    }
    assertThat(root.path("flows").path("total").asLong()).isPositive();
    assertThat(root.path("stats").path("devices").asInt()).isEqualTo(root.path("devices").size());
  }

  @Test
  void shouldWriteJsonToStdoutWithoutTheTextSummary() throws IOException {
    int code =
        WardCommand.execute(
            "analyze", "--json", "-", DATA.resolve("pcaps/ndpi/hl7.pcap").toString());
    assertThat(code).isZero();
    JsonNode root = new ObjectMapper().readTree(streams.stdout());
    assertThat(root.path("format").asText()).isEqualTo("ward.inventory/1");
  }

  @Test
  void shouldWriteCsvWithAHeaderAndOneRowPerDevice() throws IOException {
    Path csv = tmp.resolve("inv.csv");
    Path json = tmp.resolve("inv.json");
    int code =
        WardCommand.execute(
            "analyze",
            "--csv",
            csv.toString(),
            "--json",
            json.toString(),
            DATA.resolve("pcaps/ndpi/hl7.pcap").toString());
    assertThat(code).isZero();
    var lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).startsWith("id,mac,ips,");
    int devices = new ObjectMapper().readTree(json.toFile()).path("devices").size();
    assertThat(lines).hasSize(devices + 1);
  }

  @Test
  void shouldExitThreeNamingAnEmptyFile() throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty.pcap"));
    int code = WardCommand.execute("analyze", empty.toString());
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr())
        .contains("empty.pcap")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldExitThreeNamingAFileThatIsNotACapture() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "this is not a capture\n");
    int code = WardCommand.execute("analyze", text.toString());
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr()).contains("notes.txt").doesNotContain("\tat ");
  }

  @Test
  void shouldExitThreeNamingAMissingPath() {
    int code = WardCommand.execute("analyze", tmp.resolve("nope.pcap").toString());
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr()).contains("nope.pcap").doesNotContain("\tat ");
  }

  @Test
  void shouldKeepTheGoodCaptureWhenAnotherIsBad() throws IOException {
    Path text = Files.writeString(tmp.resolve("bad.pcap"), "garbage");
    Path json = tmp.resolve("inv.json");
    int code =
        WardCommand.execute(
            "analyze",
            "--json",
            json.toString(),
            DATA.resolve("pcaps/ndpi/hl7.pcap").toString(),
            text.toString());
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr()).contains("bad.pcap");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.path("captures").size()).isEqualTo(1);
    assertThat(root.path("devices").size()).isPositive();
  }

  @Test
  void shouldExitFourWithTheOffsetWhenTheCaptureIsTruncated() throws IOException {
    byte[] whole = Files.readAllBytes(DATA.resolve("pcaps/ndpi/telnet.pcap"));
    Path cut = tmp.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(whole, whole.length - 37));
    int code = WardCommand.execute("analyze", cut.toString());
    assertThat(code).isEqualTo(4);
    assertThat(streams.stderr()).contains("cut.pcap").containsPattern("offset \\d+");
    assertThat(streams.stdout()).contains("Devices:");
  }

  @Test
  void shouldPrintPhaseTimingsThatAddUpOnlyWhenAsked() throws IOException {
    Path json = tmp.resolve("inv.json");
    String capture = DATA.resolve("pcaps/ndpi/hl7.pcap").toString();
    assertThat(WardCommand.execute("analyze", "--json", json.toString(), capture)).isZero();
    assertThat(streams.stderr()).doesNotContain("timings");

    int code = WardCommand.execute("analyze", "--timings", "--json", json.toString(), capture);
    assertThat(code).as(streams.stderr()).isZero();
    long packets =
        new ObjectMapper().readTree(json.toFile()).path("captures").get(0).path("packets").asLong();
    assertThat(packets).isPositive();
    Matcher start = row("start: JVM, command line, setup");
    Matcher reading = row(String.format(Locale.ROOT, "reading %,d packets", packets));
    Matcher output = row("inventory and output");
    Matcher total = row("total");
    // Each figure is rounded to a millisecond: four roundings part a sum from its total by 2 ms.
    double phases = wall(start) + wall(reading) + wall(output);
    assertThat(phases).isCloseTo(wall(total), within(0.0021));
    // CPU time is the process's, all threads: it only grows from phase to phase.
    assertThat(cpu(total)).isGreaterThanOrEqualTo(cpu(start)).isPositive();
    assertThat(cpu(start) + cpu(reading) + cpu(output)).isCloseTo(cpu(total), within(0.0021));
    // Collector pauses are part of the process's time: never more than the wall time.
    assertThat(gc(total)).isLessThanOrEqualTo(wall(total));
  }

  private Matcher row(String phase) {
    Matcher m =
        Pattern.compile(
                "(?m)^  "
                    + Pattern.quote(phase)
                    + " +(\\d+\\.\\d{3}) / +(\\d+\\.\\d{3}) / +(\\d+\\.\\d{3})")
            .matcher(streams.stderr());
    assertThat(m.find()).as("row '%s' in %s", phase, streams.stderr()).isTrue();
    return m;
  }

  private static double wall(Matcher row) {
    return Double.parseDouble(row.group(1));
  }

  private static double cpu(Matcher row) {
    return Double.parseDouble(row.group(2));
  }

  private static double gc(Matcher row) {
    return Double.parseDouble(row.group(3));
  }

  @Test
  void shouldDescribeTheDefaultWorkersAndTimingsInTheHelp() {
    assertThat(WardCommand.execute("analyze", "--help")).isZero();
    assertThat(streams.stdout().replaceAll("\\s+", " "))
        .contains(
            "--workers=N worker threads, 1 to 64 (default: one per processor but one, at most 4; the"
                + " processor left over compiles, collects, inflates a compressed capture and, for"
                + " one worker, reads its file and feeds the inventory)")
        .contains("each phase (start, reading, inventory and output) to stderr");
  }

  @Test
  void shouldReadAGzipCaptureFromStandardInputWithTheDefaultWorkers() throws IOException {
    byte[] pcap = Files.readAllBytes(DATA.resolve("pcaps/ndpi/hl7.pcap"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(pcap);
    }
    Path json = tmp.resolve("stdin.json");

    int code = withStdin(gz.toByteArray(), "analyze", "--json", json.toString(), "-");

    assertThat(code).as(streams.stderr()).isZero();
    JsonNode capture = new ObjectMapper().readTree(json.toFile()).get("captures").get(0);
    assertThat(capture.get("name").asText()).isEqualTo("-");
    assertThat(capture.get("gzip").asBoolean()).isTrue();
    assertThat(capture.get("packets").asLong()).isEqualTo(9);
  }

  @Test
  void shouldRefuseStandardInputNamedTwice() throws IOException {
    byte[] pcap = Files.readAllBytes(DATA.resolve("pcaps/ndpi/hl7.pcap"));
    Path json = tmp.resolve("twice.json");

    int code = withStdin(pcap, "analyze", "--json", json.toString(), "-", "-");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(streams.stderr()).contains("standard input ('-') can be read only once");
    assertThat(json).doesNotExist();
    assertThat(withStdin(pcap, "analyze", "--json", json.toString(), "-")).isZero();
  }

  private static int withStdin(byte[] bytes, String... args) {
    java.io.InputStream saved = System.in;
    System.setIn(new java.io.ByteArrayInputStream(bytes));
    try {
      return WardCommand.execute(args);
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void shouldExitTwoOnUsageErrors() {
    assertThat(WardCommand.execute("analyze")).isEqualTo(2);
    assertThat(WardCommand.execute("analyze", "--workers", "0", "x.pcap")).isEqualTo(2);
    assertThat(WardCommand.execute("no-such-command")).isEqualTo(2);
  }

  @Test
  void shouldRefuseAnOutputInAMissingDirectoryBeforeAnalysingOrWritingAnything() {
    Path json = tmp.resolve("inv.json");
    Path csv = tmp.resolve("nonexistent/x.csv");
    int code =
        WardCommand.execute(
            "analyze",
            "--json",
            json.toString(),
            "--csv",
            csv.toString(),
            DATA.resolve("pcaps/ndpi/hl7.pcap").toString(),
            tmp.resolve("nope.pcap").toString());
    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(streams.stderr())
        .isEqualTo("ward: --csv " + csv + ": no such directory " + csv.getParent() + "\n");
    assertThat(json).doesNotExist();
    assertThat(streams.stdout()).isEmpty();
  }

  @Test
  void shouldStillReportTheCapturesProblemsWhenAnOutputCannotBeWritten() throws IOException {
    byte[] whole = Files.readAllBytes(DATA.resolve("pcaps/ndpi/telnet.pcap"));
    byte[] cut = Arrays.copyOf(whole, whole.length - 37);
    Path dir = Files.createDirectories(tmp.resolve("out"));
    Path csv = dir.resolve("x.csv");
    Path json = tmp.resolve("inv.json");
    // The directory of --csv is there when the run starts and gone once the capture on standard
    // input is read: the CSV fails after the analysis, as on a full disk or a removed mount.
    java.io.InputStream stdin =
        new java.io.FilterInputStream(new java.io.ByteArrayInputStream(cut)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
              Files.deleteIfExists(dir);
            }
            return n;
          }
        };
    java.io.InputStream saved = System.in;
    System.setIn(stdin);
    int code;
    try {
      code =
          WardCommand.execute(
              "analyze",
              "--json",
              json.toString(),
              "--csv",
              csv.toString(),
              DATA.resolve("pcaps/ndpi/hl7.pcap").toString(),
              tmp.resolve("nope.pcap").toString(),
              "-");
    } finally {
      System.setIn(saved);
    }
    assertThat(dir).doesNotExist();
    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(streams.stderr())
        .contains("nope.pcap")
        .containsPattern("offset \\d+")
        .contains("ward: --csv " + csv + ": not written: ")
        .doesNotContain("\tat ");
    assertThat(streams.stdout()).contains("Devices:");
    assertThat(new ObjectMapper().readTree(json.toFile()).path("captures").size()).isEqualTo(2);
  }

  @Test
  void shouldWriteThroughALinkToTheFileItNames() throws IOException {
    Path json = Files.writeString(tmp.resolve("inv.json"), "the last inventory");
    Path link = Files.createSymbolicLink(tmp.resolve("link.json"), json);
    int code =
        WardCommand.execute(
            "analyze", "--json", link.toString(), DATA.resolve("pcaps/ndpi/hl7.pcap").toString());
    assertThat(code).as(streams.stderr()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(new ObjectMapper().readTree(json.toFile()).path("format").asText())
        .isEqualTo("ward.inventory/1");
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("inv.json", "link.json");
    }
  }

  @Test
  void shouldWriteCsvToStandardOutputForADash() {
    int code =
        WardCommand.execute(
            "analyze", "--csv", "-", DATA.resolve("pcaps/ndpi/hl7.pcap").toString());
    assertThat(code).as(streams.stderr()).isZero();
    assertThat(streams.stdout()).startsWith("id,mac,ips,").doesNotContain("Devices:");
    assertThat(Path.of("-")).doesNotExist();
  }

  @Test
  void shouldRefuseBothOutputsOnStandardOutputOrOnOneFile() {
    String hl7 = DATA.resolve("pcaps/ndpi/hl7.pcap").toString();
    assertThat(WardCommand.execute("analyze", "--json", "-", "--csv", "-", hl7))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(streams.stderr())
        .contains("--json - and --csv - cannot both write to standard output");
    String same = tmp.resolve("out").toString();
    assertThat(WardCommand.execute("analyze", "--json", same, "--csv", same, hl7))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(WardCommand.execute("analyze", "--json", hl7, hl7)).isEqualTo(ExitCodes.USAGE);
    assertThat(streams.stderr()).contains("--json " + hl7 + ": also a capture");
    assertThat(streams.stdout()).isEmpty();
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void shouldRefuseANegativeMaxRowsAsAUsageError() {
    int code =
        WardCommand.execute(
            "analyze", "--max-rows", "-1", DATA.resolve("pcaps/ndpi/hl7.pcap").toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(streams.stderr()).contains("--max-rows must be 0 or more");
    assertThat(streams.stdout()).isEmpty();
  }
}
