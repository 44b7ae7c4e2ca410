package io.ward.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Byte-level checks of the protocol builders against the specifications they cite. */
class WireFormatTest {

  private static final Host A = new Host(0x0000_5E00_5301L, Host.ip(10, 50, 1, 1), 0, 5, 1, 128);
  private static final Host B = new Host(0x0000_5E00_5302L, Host.ip(10, 10, 1, 1), 0, 0, 2, 64);
  private static final long ROUTER = 0x0000_5E00_53FFL;

  @Test
  void shouldSendOffSegmentFramesToTheRouterAndTagThemWithTheSendersVlan() {
    Host tagged = new Host(0x0000_5E00_5303L, Host.ip(10, 20, 1, 1), 20, 1, 3, 64);
    Frames frames = new Frames(ROUTER);
    byte[] f = frames.udp(tagged, B, 50000, 53, 1, new byte[] {1, 2, 3});
    PcapReader.Packet p = new PcapReader.Packet(0, f);
    assertThat(p.dstMac()).isEqualTo(ROUTER);
    assertThat(p.vlan()).isEqualTo(20);
    assertThat(f.length).isEqualTo(60);
    assertThat(PcapReader.ipv4ChecksumOk(p)).isTrue();
    assertThat(PcapReader.l4ChecksumOk(p)).isTrue();
  }

  @Test
  void shouldComputeTcpChecksumsOverOddLengthPayloads() {
    byte[] f =
        new Frames(ROUTER)
            .tcp(
                A,
                B,
                50000,
                80,
                7,
                1000,
                2000,
                Frames.TCP_ACK | Frames.TCP_PSH,
                512,
                new byte[0],
                "odd".getBytes(StandardCharsets.US_ASCII),
                0,
                3);
    PcapReader.Packet p = new PcapReader.Packet(0, f);
    assertThat(PcapReader.l4ChecksumOk(p)).isTrue();
    assertThat(p.u16(p.l3() + 2)).isEqualTo(20 + 20 + 3);
  }

  @Test
  void shouldNumberTcpSequencesConsistentlyAcrossAHandshakeAndData() {
    Conversation c = new Conversation(0, -1);
    TcpFlow flow =
        new TcpFlow(c, new Frames(ROUTER), A, 50000, B, 80, new SplittableRandom(1)).open();
    flow.client(new byte[3000], 100);
    flow.server(new byte[10], 100);
    flow.close(true);
    byte[][] frames = frames(c);
    long clientIsn = seq(frames[0]);
    long serverIsn = seq(frames[1]);
    assertThat(ack(frames[1])).isEqualTo(clientIsn + 1);
    assertThat(ack(frames[2])).isEqualTo(serverIsn + 1);
    long lastClientAck = -1;
    for (byte[] f : frames) {
      if (srcPort(f) == 80) {
        lastClientAck = Math.max(lastClientAck, ack(f));
      }
    }
    // The server has acknowledged all 3000 bytes and the client's FIN.
    assertThat(lastClientAck).isEqualTo(clientIsn + 1 + 3000 + 1);
  }

  @Test
  void shouldChecksumAstmFramesFromFrameNumberThroughEtx() {
    byte[] f = AstmMessages.frame(1, "L|1|N");
    // 1 L | 1 | N CR ETX = 0x31+0x4C+0x7C+0x31+0x7C+0x4E+0x0D+0x03 = 0x204, modulo 256: 04
    assertThat(new String(f, StandardCharsets.US_ASCII)).isEqualTo("\u00021L|1|N\r\u000304\r\n");
    assertThat(AstmMessages.frame(8, "L|1|N")[1]).isEqualTo((byte) '0');
  }

  @Test
  void shouldEncodeObjectIdentifiersAsX690Requires() {
    assertThat(HexFormat.of().formatHex(Der.oid("1.2.840.113549.1.1.11")))
        .isEqualTo("06092a864886f70d01010b");
    assertThat(HexFormat.of().formatHex(Der.oid("1.3.6.1.2.1.1.1.0")))
        .isEqualTo("06082b06010201010100");
  }

  @Test
  void shouldFrameDicomAssociationRequestsWithConsistentLengths() {
    byte[] rq =
        DicomPdus.associateRq(
            "PACS", "CT01", List.of("1.2.840.10008.5.1.4.1.1.2"), "1.2.3", "VERSION_NAME_TOO_LONG");
    assertThat(rq[0]).isEqualTo((byte) 0x01);
    long len =
        ((rq[2] & 0xFFL) << 24) | ((rq[3] & 0xFF) << 16) | ((rq[4] & 0xFF) << 8) | (rq[5] & 0xFF);
    assertThat(len).isEqualTo(rq.length - 6);
    assertThat(new String(rq, 10, 16, StandardCharsets.US_ASCII)).isEqualTo("PACS            ");
    assertThat(new String(rq, StandardCharsets.ISO_8859_1))
        .contains("VERSION_NAME_TOO")
        .doesNotContain("VERSION_NAME_TOO_");
  }

  @Test
  void shouldPadDicomValuesToEvenLength() {
    byte[] ds =
        new DicomDataset().uid(0x0008, 0x0016, "1.2.3").text(0x0008, 0x0060, "CT").toArray();
    assertThat(ds).hasSize(8 + 6 + 8 + 2);
    assertThat(ds[8 + 5]).isZero();
  }

  @Test
  void shouldPutTheEquipmentIdentifierInObx18() {
    DeviceModel pump = DeviceCatalogue.load().byId("bd-alaris-pc-8015");
    PlannedDevice d =
        new PlannedDevice(
            5,
            pump,
            Zone.INFUSION,
            0x00D0_7512_3456L,
            Host.ip(10, 21, 1, 1),
            "ALRS-0001",
            "12.1.2",
            "12150000001",
            false,
            0,
            false);
    String msg =
        Hl7Messages.pumpStatus(
            d, "ALARIS_SM", 1_709_539_200_000_000L, "1", new SplittableRandom(3));
    for (String segment : msg.split("\r")) {
      if (segment.startsWith("OBX|2|")) {
        String[] fields = segment.split("\\|", -1);
        assertThat(fields[18]).isEqualTo("12150000001^ALARIS_PC^00D075FFFE123456^EUI-64");
      }
      if (segment.startsWith("MSH|")) {
        assertThat(segment.split("\\|", -1)[2]).isEqualTo("ALARIS_PC^00D075FFFE123456^EUI-64");
      }
    }
    assertThat(Hl7Messages.mllp("MSH|x\r")).startsWith(0x0B).endsWith(0x1C, 0x0D);
  }

  private static PlannedDevice planned(String modelId, long mac, String firmware, String serial) {
    return new PlannedDevice(
        7,
        DeviceCatalogue.load().byId(modelId),
        Zone.CLINICAL,
        mac,
        Host.ip(10, 22, 1, 7),
        "DEV-0007",
        firmware,
        serial,
        false,
        0,
        false);
  }

  @Test
  void shouldWriteTheSoftwareSegmentRightAfterMshWithDelimitersEscaped() {
    PlannedDevice vent = planned("draeger-evita-v500", 0x0018_0A12_3456L, "2.61", "ARZK-0042");
    String msg =
        Hl7Messages.vitals(vent, "MIRTH", 1_709_539_200_000_000L, "9", new SplittableRandom(5));
    String[] segments = msg.split("\r");
    assertThat(segments[0]).startsWith("MSH|");
    // HL7 v2.5.1 section 2.15.12 / 2.7.4: '&' is the subcomponent separator, sent as \T\.
    assertThat(segments[1])
        .matches(
            "SFT\\|Draegerwerk AG \\\\T\\\\ Co\\. KGaA\\^L\\|2\\.61\\|Evita V500\\|[0-9A-F]{8}");
    assertThat(Hl7Messages.escape("a|b^c~d\\e&f")).isEqualTo("a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f");
  }

  @Test
  void shouldWriteNoSoftwareSegmentForAProductThatDoesNotSendOne() {
    PlannedDevice engine = planned("nextgen-mirth", 0x0050_5612_3456L, "4.4.1", "VM-1");
    assertThat(Hl7Messages.software(engine)).isEmpty();
    String ack =
        Hl7Messages.ack(
            "MIRTH", "EPIC", Hl7Messages.software(engine), "A01", 1L, "A9", "9", "2.5.1");
    assertThat(ack).doesNotContain("SFT|").contains("\rMSA|AA|9\r");
  }

  @Test
  void shouldWriteTheAstmSenderInTheVendorsComponentLayout() {
    PlannedDevice architect =
        planned("abbott-architect-ci4100", 0x0013_DD12_3456L, "9.45", "ISR04512");
    String header =
        AstmMessages.results(architect, 1_709_539_200_000_000L, new SplittableRandom(2)).get(0);
    assertThat(header).startsWith("H|\\^&|||ARCHITECT^9.45^ISR04512^H1P1O1R1C1Q1L1|||||LIS||P|1|");
  }

  @Test
  void shouldPadBootpToThreeHundredOctetsWithTheMagicCookie() {
    DeviceModel ws = DeviceCatalogue.load().byId("dell-optiplex-7090");
    PlannedDevice d =
        new PlannedDevice(
            9,
            ws,
            Zone.CORPORATE,
            0x98E7_4300_0001L,
            Host.ip(10, 50, 1, 1),
            "WS-0001",
            "10.0.19045",
            "S",
            false,
            0,
            true);
    byte[] m = DhcpMessages.client(DhcpMessages.DISCOVER, 42, d, 0, 0, 0, d.ip, 0);
    assertThat(m.length).isGreaterThanOrEqualTo(300);
    assertThat(HexFormat.of().formatHex(m, 236, 240)).isEqualTo("63825363");
    assertThat(new String(m, StandardCharsets.ISO_8859_1)).contains("MSFT 5.0").contains("WS-0001");
  }

  @Test
  void shouldKeepZoneAddressesAwayFromNetworkAndBroadcastOctets() {
    for (int n = 0; n < Zone.CAPACITY; n += 97) {
      int ip = Zone.CLINICAL.hostIp(n);
      assertThat(ip & 0xFF).isBetween(1, 254);
      assertThat((ip >>> 8) & 0xFF).isBetween(1, 255);
    }
  }

  private static byte[][] frames(Conversation c) {
    byte[][] out = new byte[c.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.frameAt(i);
      if (i > 0) {
        assertThat(c.timeAt(i)).isGreaterThanOrEqualTo(c.timeAt(i - 1));
      }
    }
    return out;
  }

  private static int tcp(byte[] f) {
    return new PcapReader.Packet(0, f).l3() + 20;
  }

  private static long seq(byte[] f) {
    return u32(f, tcp(f) + 4);
  }

  private static long ack(byte[] f) {
    return u32(f, tcp(f) + 8);
  }

  private static int srcPort(byte[] f) {
    return new PcapReader.Packet(0, f).u16(tcp(f));
  }

  private static long u32(byte[] f, int o) {
    return ((f[o] & 0xFFL) << 24)
        | ((f[o + 1] & 0xFF) << 16)
        | ((f[o + 2] & 0xFF) << 8)
        | (f[o + 3] & 0xFF);
  }
}
