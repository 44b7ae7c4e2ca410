package io.ward.capture.dissect.astm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AstmDissectorTest {

  static final String HEADER =
      "H|\\^&|||cobas e411^E411-A^02.03.01^SN-4471|||||host^LIS||P|LIS2-A2|20240101120000";
  static final String PATIENT = "P|1||PID-778899||DOE^JANE||19700101|F";
  static final String RESULT = "R|1|^^^TSH|2.5|mIU/L||N||F||||20240101115900";
  static final String TERMINATOR = "L|1|N";

  /** One E1381 frame: STX FN text ETX|ETB checksum CR LF (ASTM E1381 section 6.3). */
  static byte[] frame(int number, String text, boolean last) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write('0' + number % 8);
    body.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    body.write(last ? 0x03 : 0x17);
    int sum = 0;
    for (byte b : body.toByteArray()) {
      sum += b & 0xFF;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x02);
    out.writeBytes(body.toByteArray());
    out.writeBytes(String.format("%02X", sum & 0xFF).getBytes(StandardCharsets.US_ASCII));
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }

  private static DissectorDriver driver() {
    return new DissectorDriver(new AstmDissector(), RecordingFlowContext.between(40000, 5000));
  }

  @Test
  void shouldReadSenderFromFramedHeaderAndNeverPatientFields() {
    DissectorDriver d = driver();
    d.feed(true, 1L, new byte[] {0x05});
    d.feed(false, 2L, new byte[] {0x06});
    d.feed(true, 3L, frame(1, HEADER + "\r", true));
    d.feed(true, 4L, frame(2, PATIENT + "\r", true));
    d.feed(true, 5L, frame(3, RESULT + "\r", true));
    d.feed(true, 6L, frame(4, TERMINATOR + "\r", true));
    d.feed(true, 7L, new byte[] {0x04});
    RecordingFlowContext ctx = d.context();

    assertThat(ctx.about(ctx.client()))
        .extracting(Observation::field, Observation::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ObservationFields.ASTM_SENDER, "cobas e411"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.ASTM_MODEL, "E411-A"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.ASTM_SOFTWARE, "02.03.01"),
            org.assertj.core.groups.Tuple.tuple(ObservationFields.ASTM_SERIAL, "SN-4471"),
            org.assertj.core.groups.Tuple.tuple(AstmDissector.VERSION, "LIS2-A2"),
            org.assertj.core.groups.Tuple.tuple(AstmDissector.PATIENT_PRESENT, "true"));
    assertThat(ctx.observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("DOE") || v.contains("PID-778899") || v.contains("19700101"));
    assertThat(ctx.anomalies()).isEmpty();
  }

  @Test
  void shouldJoinRecordContinuedOverEtbFrames() {
    DissectorDriver d = driver();
    d.feed(true, 1L, new byte[] {0x05});
    d.feed(true, 2L, frame(1, HEADER.substring(0, 20), false));
    d.feed(true, 3L, frame(2, HEADER.substring(20) + "\r", true));
    assertThat(d.context().values(ObservationFields.ASTM_SERIAL)).containsExactly("SN-4471");
  }

  @Test
  void shouldNotContinueARecordLeftOpenIntoTheNextTransmission() {
    DissectorDriver d = driver();
    d.feed(true, 1L, new byte[] {0x05});
    d.feed(true, 2L, frame(1, "H|\\^&|||", false)); // ends in ETB, then the transmission ends
    d.feed(true, 3L, new byte[] {0x04});
    d.feed(true, 4L, new byte[] {0x05});
    d.feed(true, 5L, frame(1, PATIENT + "\r", true));
    d.feed(true, 6L, frame(2, TERMINATOR + "\r", true));
    d.feed(true, 7L, new byte[] {0x04});
    RecordingFlowContext ctx = d.context();

    // Joined, the patient record's fields were read as the header's: sender "P", version "F".
    assertThat(ctx.values(ObservationFields.ASTM_SENDER)).isEmpty();
    assertThat(ctx.values(AstmDissector.VERSION)).isEmpty();
    assertThat(ctx.anomalies()).containsEntry("astm.incomplete_record", 1);
  }

  @Test
  void shouldDropFrameWithBadChecksum() {
    DissectorDriver d = driver();
    byte[] bad = frame(1, HEADER + "\r", true);
    bad[bad.length - 3] = 'Z';
    d.feed(true, 1L, new byte[] {0x05});
    d.feed(true, 2L, bad);
    d.feed(true, 3L, frame(1, HEADER + "\r", true));
    assertThat(d.context().anomalies()).containsEntry("astm.bad_checksum", 1);
    assertThat(d.context().values(ObservationFields.ASTM_SENDER)).containsExactly("cobas e411");
  }

  @Test
  void shouldReadRawLis2RecordsWithoutFraming() {
    DissectorDriver d = driver();
    String raw = "H|\\^&|||XN-350^00-14^11001^BG421467||||||||E1394-97\r" + PATIENT + "\rL|1|N\r";
    d.feed(false, 1L, raw.getBytes(StandardCharsets.ISO_8859_1));
    RecordingFlowContext ctx = d.context();
    assertThat(ctx.about(ctx.server()))
        .extracting(Observation::value)
        .containsExactly("XN-350", "00-14", "11001", "BG421467", "E1394-97", "true");
  }

  @Test
  void shouldProbeEnqFirstFrameOrRawHeader() {
    AstmDissector a = new AstmDissector();
    assertThat(a.probe(new byte[] {0x05}, 0, 1, true)).isTrue();
    byte[] f = frame(1, HEADER + "\r", true);
    assertThat(a.probe(f, 0, f.length, true)).isTrue();
    byte[] raw = HEADER.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(a.probe(raw, 0, raw.length, true)).isTrue();
    assertThat(a.probe(new byte[] {0x05, 0x41}, 0, 2, true)).isFalse();
    assertThat(a.probe("HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII), 0, 12, false)).isFalse();
  }

  @Test
  void shouldBoundOversizedRecord() {
    DissectorDriver d = driver();
    byte[] huge = new byte[AstmFramer.MAX_RECORD_BYTES + 10];
    java.util.Arrays.fill(huge, (byte) 'H');
    huge[1] = '|';
    d.feedUnprobed(true, 1L, huge);
    d.feedUnprobed(true, 2L, ("\r" + HEADER + "\r").getBytes(StandardCharsets.ISO_8859_1));
    assertThat(d.context().anomalies()).containsEntry("astm.oversize_record", 1);
    assertThat(d.context().values(ObservationFields.ASTM_SENDER)).containsExactly("cobas e411");
  }
}
