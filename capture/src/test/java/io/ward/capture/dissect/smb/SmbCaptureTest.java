package io.ward.capture.dissect.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Golden;
import io.ward.model.ObservationFields;
import org.junit.jupiter.api.Test;

/** Real SMB captures through the capture engine, against golden files. */
class SmbCaptureTest {

  @Test
  void shouldReportSmbv1DialectAndNativeOsOfBothSides() {
    CaptureRun run = CaptureRun.of("ndpi/smbv1.pcap", new SmbDissector());

    Golden.assertMatches(getClass(), "ndpi-smbv1", run.fields("smb."));
    assertThat(run.values(ObservationFields.SMB_DIALECT)).containsExactly("NT LM 0.12");
    assertThat(run.values(ObservationFields.SMB_V1)).containsExactly("true");
    assertThat(run.values(ObservationFields.SMB_NATIVE_OS))
        .containsExactly("Windows 2000 2195", "Windows 7 Ultimate 7601 Service Pack 1");
  }

  @Test
  void shouldReportSmb311AndCompressionOfSmbGhostNegotiation() {
    CaptureRun run = CaptureRun.of("zeek/smb_SMBGhost.pcap", new SmbDissector());

    Golden.assertMatches(getClass(), "zeek-smbghost", run.fields("smb."));
    assertThat(run.values(ObservationFields.SMB_DIALECT)).containsExactly("3.1.1");
    assertThat(run.values(SmbSession.SMB_COMPRESSION)).containsExactly("LZNT1");
    assertThat(run.values(ObservationFields.SMB_V1)).isEmpty();
  }
}
