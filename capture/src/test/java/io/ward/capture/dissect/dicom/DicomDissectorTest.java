package io.ward.capture.dissect.dicom;

import static io.ward.capture.dissect.dicom.DicomBytes.CT_STORAGE;
import static io.ward.capture.dissect.dicom.DicomBytes.VERIFICATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.util.Arrays;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class DicomDissectorTest {

  private static final String DCMTK_UID = "1.2.276.0.7230010.3.0.3.6.7";

  private static DissectorDriver driver() {
    return new DissectorDriver(new DicomDissector(), RecordingFlowContext.between(40000, 104));
  }

  private static byte[] rq() {
    return DicomBytes.associateRq(
        "PACS", "CT_SCANNER", DCMTK_UID, "OFFIS_DCMTK_367", VERIFICATION, CT_STORAGE);
  }

  @Test
  void shouldProbeAssociateRequestWithVersionOne() {
    DicomDissector d = new DicomDissector();
    byte[] ok = rq();
    assertThat(d.probe(ok, 0, ok.length, true)).isTrue();
    byte[] badVersion = ok.clone();
    badVersion[7] = 2;
    assertThat(d.probe(badVersion, 0, badVersion.length, true)).isFalse();
    byte[] hugeLength = ok.clone();
    hugeLength[2] = 0x7F;
    assertThat(d.probe(hugeLength, 0, hugeLength.length, true)).isFalse();
    byte[] pdata = DicomBytes.pdata(1, true, true, DicomBytes.command(0x30, VERIFICATION));
    assertThat(d.probe(pdata, 0, pdata.length, true)).isFalse();
    assertThat(d.probe("GET / HTTP/1.1\r\n".getBytes(), 0, 16, true)).isFalse();
    assertThat(d.probe(ok, 0, 6, true)).isFalse();
  }

  @Test
  void shouldAttributeAeTitlesAndImplementationToEachSide() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, rq());
    driver.feed(
        false, 2L, DicomBytes.associateAc("PACS", "CT_SCANNER", "1.2.3.4.5", "PACS_9", 0, 3));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.about(ctx.client()))
        .extracting(Observation::field, Observation::value)
        .containsExactly(
            Tuple.tuple(ObservationFields.DICOM_CALLING_AE, "CT_SCANNER"),
            Tuple.tuple(ObservationFields.DICOM_IMPL_CLASS_UID, DCMTK_UID),
            Tuple.tuple(ObservationFields.DICOM_IMPL_VERSION, "OFFIS_DCMTK_367"),
            Tuple.tuple(
                ObservationFields.DICOM_ABSTRACT_SYNTAX,
                "Verification SOP Class (1.2.840.10008.1.1)"));
    assertThat(ctx.about(ctx.server()))
        .extracting(Observation::field, Observation::value)
        .containsExactly(
            Tuple.tuple(ObservationFields.DICOM_CALLED_AE, "PACS"),
            Tuple.tuple(ObservationFields.DICOM_ASSOCIATION, "accepted"),
            Tuple.tuple(ObservationFields.DICOM_IMPL_CLASS_UID, "1.2.3.4.5"),
            Tuple.tuple(ObservationFields.DICOM_IMPL_VERSION, "PACS_9"));
    assertThat(ctx.anomalies()).isEmpty();
  }

  @Test
  void shouldNameCommandsAndTheSopClassTheyUse() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, rq());
    driver.feed(false, 2L, DicomBytes.associateAc("PACS", "CT_SCANNER", "1.2.3", null, 0, 0));
    driver.feed(true, 3L, DicomBytes.pdata(3, true, true, DicomBytes.command(0x0001, CT_STORAGE)));
    driver.feed(true, 4L, DicomBytes.pdata(3, false, true, new byte[5000]));
    driver.feed(false, 5L, DicomBytes.pdata(3, true, true, DicomBytes.command(0x8001, CT_STORAGE)));
    RecordingFlowContext ctx = driver.context();

    assertThat(ctx.values(ObservationFields.DICOM_COMMAND))
        .containsExactly("C-STORE-RQ", "C-STORE-RSP");
    assertThat(ctx.values(ObservationFields.DICOM_ABSTRACT_SYNTAX))
        .containsExactly(
            "Verification SOP Class (1.2.840.10008.1.1)",
            "CT Image Storage (1.2.840.10008.5.1.4.1.1.2)");
  }

  @Test
  void shouldReassembleCommandSplitOverFragmentsAndSegments() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, rq());
    byte[] cmd = DicomBytes.command(0x0030, VERIFICATION);
    byte[] first = DicomBytes.pdata(1, true, false, Arrays.copyOf(cmd, 10));
    byte[] second = DicomBytes.pdata(1, true, true, Arrays.copyOfRange(cmd, 10, cmd.length));
    byte[] stream = DicomBytes.concat(first, second);
    for (byte b : stream) {
      driver.feed(true, 2L, new byte[] {b});
    }
    assertThat(driver.context().values(ObservationFields.DICOM_COMMAND))
        .containsExactly("C-ECHO-RQ");
  }

  @Test
  void shouldReportRejectionReason() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, rq());
    boolean more = driver.feed(false, 2L, DicomBytes.reject(1, 1, 7));
    driver.close();
    RecordingFlowContext ctx = driver.context();

    assertThat(more).isFalse();
    assertThat(ctx.values(ObservationFields.DICOM_ASSOCIATION))
        .containsExactly("rejected-permanent:called-ae-title-not-recognized");
    assertThat(ctx.about(ctx.server()))
        .extracting(Observation::field)
        .contains(ObservationFields.DICOM_ASSOCIATION);
    // Nothing was accepted: the proposed SOP classes are what is known about the requestor.
    assertThat(ctx.values(ObservationFields.DICOM_ABSTRACT_SYNTAX)).hasSize(2);
  }

  @Test
  void shouldReportUserIdentityTypeButNeverTheIdentity() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, DicomBytes.associateRqWithIdentity("PACS", "WS1", 2));
    RecordingFlowContext ctx = driver.context();
    assertThat(ctx.values(DicomDissector.USER_IDENTITY)).containsExactly("username-and-passcode");
    assertThat(ctx.observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("secret"));
  }

  @Test
  void shouldStopAtReleaseAndAfterCommandLimit() {
    DissectorDriver release = driver();
    release.feed(true, 1L, rq());
    assertThat(release.feed(true, 2L, DicomBytes.releaseRq())).isFalse();

    DissectorDriver busy = driver();
    busy.feed(true, 1L, rq());
    boolean more = true;
    int sent = 0;
    while (more && sent < 100) {
      more = busy.feed(true, 2L, DicomBytes.pdata(1, true, true, DicomBytes.command(0x30, null)));
      sent++;
    }
    assertThat(sent).isEqualTo(DicomSession.MAX_COMMANDS);
  }

  @Test
  void shouldCountTruncatedAssociateAndUnknownPduType() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, rq());
    driver
        .session()
        .orElseThrow()
        .onData(true, 2L, new byte[] {0x01, 0, 0, 0, 0, 4, 0, 1, 0, 0}, 0, 10);
    driver.session().orElseThrow().onData(true, 3L, new byte[] {0x09, 0, 0, 0, 0, 0}, 0, 6);
    assertThat(driver.context().anomalies())
        .containsEntry("dicom.bad_associate", 1)
        .containsEntry("dicom.bad_pdu_type", 1);
  }

  @Test
  void shouldSkipOversizedAssociatePdu() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, rq());
    byte[] header = {0x02, 0, 0x10, 0, 0, 0};
    driver.session().orElseThrow().onData(false, 2L, header, 0, header.length);
    assertThat(driver.context().anomalies()).containsEntry("dicom.oversize_pdu", 1);
  }

  @Test
  void shouldRejectPdvLongerThanItsPdu() {
    DissectorDriver driver = driver();
    driver.feed(true, 1L, rq());
    byte[] bad = {0x04, 0, 0, 0, 0, 8, 0x7F, 0, 0, 0, 1, 3, 0, 0};
    driver.session().orElseThrow().onData(true, 2L, bad, 0, bad.length);
    driver.feed(true, 3L, DicomBytes.pdata(1, true, true, DicomBytes.command(0x30, VERIFICATION)));
    assertThat(driver.context().anomalies()).containsEntry("dicom.bad_pdv", 1);
    assertThat(driver.context().values(ObservationFields.DICOM_COMMAND))
        .containsExactly("C-ECHO-RQ");
  }

  @Test
  void shouldNameSopClassesFromTheTable() {
    assertThat(SopClasses.size()).isGreaterThan(200);
    assertThat(SopClasses.describe("1.2.840.10008.5.1.4.31"))
        .isEqualTo("Modality Worklist Information Model - FIND (1.2.840.10008.5.1.4.31)");
    assertThat(SopClasses.describe("1.2.840.10008.5.1.4.1.1.7"))
        .isEqualTo("Secondary Capture Image Storage (1.2.840.10008.5.1.4.1.1.7)");
    assertThat(SopClasses.describe("1.2.3.4")).isEqualTo("1.2.3.4");
  }
}
