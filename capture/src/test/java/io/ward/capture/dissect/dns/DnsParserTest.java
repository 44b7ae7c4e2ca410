package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DnsParserTest {

  private static DnsMessage parse(byte[] b) {
    return DnsParser.parse(b, 0, b.length, false).orElseThrow();
  }

  @Test
  void shouldReadQuestion() {
    byte[] b = DnsBytes.query(1).question("pacs.hospital.example", 1).build();

    DnsMessage m = parse(b);

    assertThat(m.isResponse()).isFalse();
    assertThat(m.questions()).containsExactly(new DnsQuestion("pacs.hospital.example", 1, 1));
    assertThat(m.anomalies()).isEmpty();
  }

  @Test
  void shouldFollowCompressionPointerToEarlierName() {
    // header 12 bytes; question name "pacs.example" starts at 12
    byte[] b =
        DnsBytes.response(1, 1, 0, 0)
            .question("pacs.example", 1)
            .pointer(12)
            .rr(1, 4)
            .bytes(10, 0, 0, 9)
            .build();

    DnsMessage m = parse(b);

    assertThat(m.answers())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("pacs.example");
              assertThat(r.rdata()).isEqualTo(new Rdata.Address(IpAddress.parse("10.0.0.9")));
            });
  }

  @Test
  void shouldJoinLabelsBeforePointerWithPointedSuffix() {
    byte[] b =
        DnsBytes.response(1, 1, 0, 0)
            .question("example.org", 1)
            .nameThenPointer("www", 12)
            .rr(1, 4)
            .bytes(1, 2, 3, 4)
            .build();

    assertThat(parse(b).answers().get(0).name()).isEqualTo("www.example.org");
  }

  @Test
  void shouldRejectPointerToItselfAsCompressionLoop() {
    byte[] b = DnsBytes.query(1).pointer(12).u16(1).u16(1).build();

    DnsMessage m = parse(b);

    assertThat(m.questions()).isEmpty();
    assertThat(m.anomalies()).containsExactly("dns.compression_loop");
  }

  @Test
  void shouldRejectLoopThroughLabelsBackToTheSamePointer() {
    // at 12: label "a" then a pointer back to 12 — each pass reads "a" and meets the same pointer.
    byte[] b = DnsBytes.query(1).bytes(1, 'a').pointer(12).u16(1).u16(1).build();

    DnsMessage m = parse(b);

    assertThat(m.questions()).isEmpty();
    assertThat(m.anomalies()).containsExactly("dns.compression_loop");
  }

  @Test
  void shouldRejectForwardPointer() {
    byte[] b = DnsBytes.query(1).pointer(40).u16(1).u16(1).bytes(new int[40]).build();

    assertThat(parse(b).anomalies()).containsExactly("dns.compression_loop");
  }

  @Test
  void shouldRejectNameLongerThan255Octets() {
    String label = "a".repeat(63);
    String name = String.join(".", label, label, label, label, label);

    DnsMessage m = parse(DnsBytes.query(1).question(name, 1).build());

    assertThat(m.questions()).isEmpty();
    assertThat(m.anomalies()).containsExactly("dns.name_too_long");
  }

  @Test
  void shouldReportTruncatedRecordAndKeepEarlierOnes() {
    byte[] full =
        DnsBytes.response(0, 2, 0, 0).a("a.example", 1, 1, 1, 1).a("b.example", 2, 2, 2, 2).build();
    byte[] cut = Arrays.copyOf(full, full.length - 2);

    DnsMessage m = parse(cut);

    assertThat(m.answers()).extracting(DnsRecord::name).containsExactly("a.example");
    assertThat(m.anomalies()).containsExactly("dns.truncated");
  }

  @Test
  void shouldStopAtRecordCapWhenCountIsHostile() {
    DnsBytes bytes = new DnsBytes(0x8400, 0, 65535, 0, 0);
    for (int i = 0; i < 70; i++) {
      bytes.a("x", 1, 1, 1, 1);
    }

    DnsMessage m = parse(bytes.build());

    assertThat(m.answers()).hasSize(DnsParser.MAX_RECORDS);
    assertThat(m.anomalies()).contains("dns.too_many_records");
  }

  @Test
  void shouldDecodeSrvTxtAndPtr() {
    byte[] b =
        DnsBytes.response(0, 3, 0, 0)
            .srv("Lab._ipp._tcp.local", 631, "printer.local")
            .txt("Lab._ipp._tcp.local", "ty=HP LaserJet", "rp=ipp/print")
            .ptr("_ipp._tcp.local", "Lab._ipp._tcp.local")
            .build();

    DnsMessage m = parse(b);

    assertThat(m.answers())
        .extracting(DnsRecord::rdata)
        .containsExactly(
            new Rdata.Srv(0, 0, 631, "printer.local"),
            new Rdata.Txt(java.util.List.of("ty=HP LaserJet", "rp=ipp/print")),
            new Rdata.Name("Lab._ipp._tcp.local"));
  }

  @Test
  void shouldEscapeBytesThatAreNotUtf8AndDotsInsideLabels() {
    byte[] b = DnsBytes.query(1).bytes(3, 'a', 0xFF, '.', 0).u16(1).u16(1).build();

    assertThat(parse(b).questions().get(0).name()).isEqualTo("a\\255\\.");
  }

  @Test
  void shouldKeepUtf8InstanceNames() {
    byte[] b = DnsBytes.query(1).question("Johanna’s Mac._smb._tcp.local", 12).build();

    assertThat(parse(b).questions().get(0).name()).isEqualTo("Johanna’s Mac._smb._tcp.local");
  }

  @Test
  void shouldFlagAddressOfWrongLength() {
    byte[] b = DnsBytes.response(0, 1, 0, 0).name("x").rr(1, 3).bytes(1, 2, 3).build();

    DnsMessage m = parse(b);

    assertThat(m.answers().get(0).rdata()).isEqualTo(new Rdata.Other(3));
    assertThat(m.anomalies()).containsExactly("dns.bad_rdata");
  }

  @Test
  void shouldDecodeFirstLevelEncodedNetbiosNameAndNbAddress() {
    byte[] b =
        new DnsBytes(0x2910, 1, 0, 0, 1)
            .netbiosName("MDJR98", 0x20)
            .u16(0x20)
            .u16(1)
            .pointer(12)
            .rr(0x20, 6)
            .bytes(0x00, 0x00, 192, 168, 239, 129)
            .build();

    DnsMessage m = DnsParser.parse(b, 0, b.length, true).orElseThrow();

    assertThat(m.opcode()).isEqualTo(5);
    assertThat(m.questions().get(0).name()).isEqualTo("MDJR98<20>");
    assertThat(m.additionals().get(0).rdata())
        .isEqualTo(
            new Rdata.NbAddresses(false, java.util.List.of(IpAddress.parse("192.168.239.129"))));
  }

  @Test
  void shouldDecodeNodeStatusNamesAndUnitId() {
    DnsBytes b = new DnsBytes(0x8400, 0, 1, 0, 0).netbiosName("*", 0).rr(0x21, 1 + 2 * 18 + 6);
    b.u8(2);
    b.bytes(nbEntry("PUMP-7", 0x00, 0x0400));
    b.bytes(nbEntry("ICU", 0x00, 0x8400));
    b.bytes(0x00, 0x50, 0x56, 0x01, 0x02, 0x03);

    DnsMessage m = DnsParser.parse(b.build(), 0, b.size(), true).orElseThrow();

    assertThat(m.answers().get(0).rdata())
        .isEqualTo(
            new Rdata.NodeStatus(
                java.util.List.of(
                    new Rdata.NbName("PUMP-7<00>", false), new Rdata.NbName("ICU<00>", true)),
                java.util.Optional.of(MacAddress.parse("00:50:56:01:02:03"))));
  }

  @Test
  void shouldCutNodeStatusWhenNameCountExceedsData() {
    DnsBytes b = new DnsBytes(0x8400, 0, 1, 0, 0).netbiosName("*", 0).rr(0x21, 1 + 18);
    b.u8(200);
    b.bytes(nbEntry("ONE", 0x20, 0));

    DnsMessage m = DnsParser.parse(b.build(), 0, b.size(), true).orElseThrow();

    assertThat(((Rdata.NodeStatus) m.answers().get(0).rdata()).names()).hasSize(1);
    assertThat(m.anomalies()).containsExactly("nbns.bad_rdata");
  }

  @Test
  void shouldRejectImplausibleHeadersInProbe() {
    byte[] tooManyQuestions = new DnsBytes(0x0100, 500, 0, 0, 0).name("a").build();
    byte[] noSections = new DnsBytes(0x0100, 0, 0, 0, 0).build();
    byte[] badOpcode = new DnsBytes(0x7800, 1, 0, 0, 0).question("a", 1).build();

    assertThat(DnsParser.looksLikeDns(tooManyQuestions, 0, tooManyQuestions.length, false))
        .isFalse();
    assertThat(DnsParser.looksLikeDns(noSections, 0, noSections.length, false)).isFalse();
    assertThat(DnsParser.looksLikeDns(badOpcode, 0, badOpcode.length, false)).isFalse();
    assertThat(DnsParser.parse(new byte[5], 0, 5, false)).isEmpty();
  }

  static int[] nbEntry(String name, int suffix, int flags) {
    int[] e = new int[18];
    for (int i = 0; i < 15; i++) {
      e[i] = i < name.length() ? name.charAt(i) : ' ';
    }
    e[15] = suffix;
    e[16] = flags >>> 8;
    e[17] = flags & 0xFF;
    return e;
  }
}
