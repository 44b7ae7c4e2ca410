package io.ward.capture.dissect.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.ObservationFields;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmbParserTest {

  /** An SMB1 message: 32-byte header, words, byte count, bytes. */
  static byte[] smb1(int command, boolean reply, boolean unicode, int[] words, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] h = new byte[32];
    h[0] = (byte) 0xFF;
    h[1] = 'S';
    h[2] = 'M';
    h[3] = 'B';
    h[4] = (byte) command;
    h[9] = (byte) (reply ? 0x98 : 0x18);
    h[11] = (byte) (unicode ? 0xC0 : 0x40);
    out.writeBytes(h);
    out.write(words.length);
    for (int w : words) {
      out.write(w & 0xFF);
      out.write(w >>> 8);
    }
    out.write(bytes.length & 0xFF);
    out.write(bytes.length >>> 8);
    out.writeBytes(bytes);
    return out.toByteArray();
  }

  static byte[] netbios(byte[] message) {
    byte[] out = new byte[4 + message.length];
    out[1] = (byte) (message.length >>> 16);
    out[2] = (byte) (message.length >>> 8);
    out[3] = (byte) message.length;
    System.arraycopy(message, 0, out, 4, message.length);
    return out;
  }

  private static byte[] dialects(String... names) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String n : names) {
      out.write(2);
      out.writeBytes(n.getBytes(StandardCharsets.US_ASCII));
      out.write(0);
    }
    return out.toByteArray();
  }

  @Test
  void shouldReadSmb1DialectStrings() {
    byte[] m = smb1(0x72, false, false, new int[0], dialects("NT LM 0.12", "SMB 2.002"));

    assertThat(SmbParser.parse(m, 0, m.length))
        .contains(new SmbMessage.Smb1Negotiate(true, List.of("NT LM 0.12", "SMB 2.002"), -1));
  }

  @Test
  void shouldReadUnicodeNativeOsAlignedToTheHeader() {
    // Plain response (word count 3): the bytes start at 32+1+6+2 = 41, odd, so one pad byte.
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0);
    b.writeBytes("Windows 7\0".getBytes(StandardCharsets.UTF_16LE));
    b.writeBytes("LM\0".getBytes(StandardCharsets.UTF_16LE));
    byte[] m = smb1(0x73, true, true, new int[] {0xFF, 0, 0}, b.toByteArray());

    assertThat(SmbParser.parse(m, 0, m.length))
        .contains(
            new SmbMessage.Smb1SessionSetup(false, Optional.of("Windows 7"), Optional.of("LM")));
  }

  @Test
  void shouldSkipPasswordsAccountAndDomainBeforeNativeOsOfNtRequest() {
    byte[] bytes = "PWACCOUNT\0DOMAIN\0Unix\0Samba\0".getBytes(StandardCharsets.US_ASCII);
    int[] words = {0xFF, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0};

    byte[] m = smb1(0x73, false, false, words, bytes);

    assertThat(SmbParser.parse(m, 0, m.length))
        .contains(new SmbMessage.Smb1SessionSetup(true, Optional.of("Unix"), Optional.of("Samba")));
  }

  @Test
  void shouldNotReadPastMessageWhenLengthsAreHostile() {
    int[] words = {0xFF, 0, 0, 0, 0, 0, 0, 0xFFFF, 0, 0, 0, 0};
    byte[] m = smb1(0x73, false, true, words, new byte[] {1, 2, 3});

    assertThat(SmbParser.parse(m, 0, m.length))
        .contains(new SmbMessage.Smb1SessionSetup(true, Optional.empty(), Optional.empty()));
    for (int n = 0; n < m.length; n++) {
      SmbParser.parse(Arrays.copyOf(m, n), 0, n);
    }
  }

  @Test
  void shouldReadSmb2DialectsAndFlagTransformAsEncrypted() {
    byte[] m = new byte[64 + 36 + 4];
    m[0] = (byte) 0xFE;
    m[1] = 'S';
    m[2] = 'M';
    m[3] = 'B';
    m[4] = 64;
    m[64] = 36;
    m[66] = 2;
    m[100] = 0x02;
    m[101] = 0x02;
    m[102] = 0x11;
    m[103] = 0x03;
    byte[] transform = {(byte) 0xFD, 'S', 'M', 'B', 0, 0};

    assertThat(SmbParser.parse(m, 0, m.length))
        .contains(new SmbMessage.Smb2Negotiate(true, List.of(0x0202, 0x0311), List.of()));
    assertThat(SmbParser.parse(transform, 0, transform.length))
        .contains(new SmbMessage.Encrypted());
    assertThat(SmbSession.dialectName(0x0311)).isEqualTo("3.1.1");
    assertThat(SmbSession.dialectName(0x0202)).isEqualTo("2.0.2");
  }

  @Test
  void shouldReportSmbv1ForClientOfferingLegacyDialectsAndServerAnsweringInSmb1() {
    RecordingFlowContext ctx = RecordingFlowContext.between(50000, 445);
    DissectorDriver d = new DissectorDriver(new SmbDissector(), ctx);

    d.feed(
        true,
        1L,
        netbios(smb1(0x72, false, false, new int[0], dialects("LANMAN1.0", "NT LM 0.12"))));
    d.feed(false, 2L, netbios(smb1(0x72, true, false, new int[] {1}, new byte[0])));

    assertThat(ctx.values(ObservationFields.SMB_V1)).containsExactly("true", "true");
    assertThat(ctx.about(ctx.server()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("smb.v1=true", "smb.dialect=NT LM 0.12");
  }

  @Test
  void shouldSkipLargeMessagesWithoutBufferingAndStopAfterLimit() {
    RecordingFlowContext ctx = RecordingFlowContext.between(50000, 445);
    DissectorDriver d = new DissectorDriver(new SmbDissector(), ctx);
    d.feed(true, 1L, netbios(smb1(0x72, false, false, new int[0], dialects("NT LM 0.12"))));
    byte[] big = {0, 0x0F, (byte) 0xFF, (byte) 0xFF};

    boolean more = true;
    for (int i = 0; i < SmbSession.MAX_MESSAGES + 1 && more; i++) {
      more = d.feed(true, 2L, big);
      more = more && d.feed(true, 2L, new byte[0x0FFFFF]);
    }

    assertThat(more).isFalse();
  }

  @Test
  void shouldProbeNetbiosSessionMessagesWithSmbOnly() {
    SmbDissector s = new SmbDissector();
    byte[] smb = netbios(smb1(0x72, false, false, new int[0], dialects("NT LM 0.12")));
    byte[] sessionRequest = {(byte) 0x81, 0, 0, 68};
    byte[] other = {0, 0, 0, 4, 1, 2, 3, 4};

    assertThat(s.probe(smb, 0, smb.length, true)).isTrue();
    assertThat(s.probe(sessionRequest, 0, 4, true)).isTrue();
    assertThat(s.probe(other, 0, other.length, true)).isFalse();
  }
}
