package io.ward.capture.dissect.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Tshark;
import io.ward.model.ObservationFields;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tshark 4.0 as the oracle for SMB negotiation and NativeOS. */
class SmbTsharkOracleTest {

  @BeforeAll
  static void needsTshark() {
    assumeTrue(Tshark.available(), "tshark not installed");
  }

  @Test
  void shouldAgreeWithTsharkOnSmbv1() {
    String pcap = "ndpi/smbv1.pcap";
    CaptureRun run = CaptureRun.of(pcap, new SmbDissector());
    Tshark.Table t =
        Tshark.fields(
            pcap, "smb.dialect.name", "smb.dialect.index", "smb.native_os", "smb.native_lanman");
    List<String> offered = t.values("smb.dialect.name");
    List<String> chosen =
        t.values("smb.dialect.index").stream().map(i -> offered.get(Integer.parseInt(i))).toList();

    assertThat(run.values(SmbSession.SMB_CLIENT_DIALECTS))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("smb.dialect.name"));
    assertThat(run.values(ObservationFields.SMB_DIALECT))
        .containsExactlyInAnyOrderElementsOf(chosen);
    assertThat(run.values(ObservationFields.SMB_NATIVE_OS))
        .containsExactlyInAnyOrderElementsOf(t.values("smb.native_os"));
    assertThat(run.values(SmbSession.SMB_NATIVE_LAN_MAN))
        .containsExactlyInAnyOrderElementsOf(t.values("smb.native_lanman"));
  }

  @Test
  void shouldAgreeWithTsharkOnSmb2Negotiation() {
    String pcap = "zeek/smb_SMBGhost.pcap";
    CaptureRun run = CaptureRun.of(pcap, new SmbDissector());
    Tshark.Table t =
        Tshark.fields(
            pcap,
            List.of("-Y", "smb2"),
            "smb2.flags.response",
            "smb2.dialect",
            "smb2.negotiate_context.comp_alg_id");
    List<String> requested = List.of();
    List<String> chosen = List.of();
    for (String[] row : t.rows()) {
      List<String> names =
          List.of(row[1].split(",")).stream()
              .map(h -> SmbSession.dialectName(Integer.decode(h)))
              .toList();
      if (row[0].equals("0") || row[0].equalsIgnoreCase("False")) {
        requested = names;
      } else {
        chosen = names;
      }
    }

    assertThat(run.values(SmbSession.SMB_CLIENT_DIALECTS))
        .containsExactly(String.join(",", requested));
    assertThat(run.values(ObservationFields.SMB_DIALECT)).containsExactlyElementsOf(chosen);
    assertThat(t.values("smb2.negotiate_context.comp_alg_id")).containsExactly("0x0001");
    assertThat(run.values(SmbSession.SMB_COMPRESSION)).containsExactly("LZNT1");
  }
}
